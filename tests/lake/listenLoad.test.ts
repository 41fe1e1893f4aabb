import {afterEach, describe, expect, it} from 'vitest'
import {openEventStream, type EventStream} from '../support/eventStream'
import {LAKE_TOKEN, startLocalLake, type TestLake} from '../support/localLake'

/**
 * The listen path under load: every listener's filter is evaluated off the
 * server's thread, within QUERY_TIMEOUT_MS, once per distinct filter; work
 * for listeners that have gone is dropped; listeners that stop reading are
 * let go before they hold more than their share of memory.
 */

const ITEMS = Array.from({length: 400}, (_, index) => ({_key: `k${index}`, n: index}))
const DOCUMENTS = [
  {_id: 'condition-verzakking', _type: 'condition', title: 'Verzakking', items: ITEMS},
  {_id: 'condition-dyspareunie', _type: 'condition', title: 'Dyspareunie'},
]
/** Three nested passes over 400 items: 64 million steps on one document, far past any time limit. */
const RUNAWAY_FILTER = '*[_type == "condition" && count(items[]{"a": count(^.items[]{"b": count(^.^.items[]{n})})}) > 0]'

let lake: TestLake | undefined
const streams: EventStream[] = []

afterEach(async () => {
  for (const stream of streams.splice(0)) stream.close()
  await lake?.close()
  lake = undefined
})

function listenUrl(query: string, options: Record<string, string> = {}): string {
  return `${lake!.url}/v2025-02-19/data/listen/production?${new URLSearchParams({query, ...options})}`
}

async function listen(query: string, options: {token?: string; read?: boolean; params?: Record<string, string>} = {}): Promise<EventStream> {
  const stream = await openEventStream(listenUrl(query, options.params), options)
  streams.push(stream)
  if (options.read !== false) await stream.next((event) => event.event === 'welcome')
  return stream
}

describe('listen filters', () => {
  it('a runaway filter is stopped in its own thread after QUERY_TIMEOUT_MS: writes and queries answer meanwhile, and its listener is told why', async () => {
    lake = await startLocalLake(DOCUMENTS, {settings: {QUERY_TIMEOUT_MS: '1500'}})
    const runaway = await listen(RUNAWAY_FILTER)
    const order: string[] = []
    const told = runaway
      .next((event) => event.event === 'channelError')
      .then((event) => {
        order.push('channelError')
        return event
      })
    const client = lake.client()
    await client.patch('condition-verzakking').set({title: 'Verzakking (bijgewerkt)'}).commit()
    order.push('patch answered')
    expect(await client.fetch('1')).toBe(1)
    order.push('query answered')
    const error = await told
    expect(order).toEqual(['patch answered', 'query answered', 'channelError'])
    expect(error.data).toMatchObject({error: {type: 'queryTimeout', description: expect.stringContaining('QUERY_TIMEOUT_MS')}})
    await runaway.ended
    expect(lake.listeners?.size).toBe(0)
  })

  it('listeners with the same query and params share one evaluation per commit, and each gets its events', async () => {
    lake = await startLocalLake(DOCUMENTS)
    const same = await Promise.all(Array.from({length: 40}, () => listen('*[_type == $type]', {params: {$type: '"condition"'}})))
    const other = await listen('*[_type == $type]', {params: {$type: '"symptom"'}})
    expect(lake.listeners?.load().filters).toBe(2)
    await lake.client().patch('condition-dyspareunie').set({title: 'Dyspareunie (bijgewerkt)'}).commit()
    const received = await Promise.all(same.map((stream) => stream.next((event) => event.event === 'mutation')))
    expect(received.map((event) => (event.data as {documentId: string}).documentId)).toEqual(same.map(() => 'condition-dyspareunie'))
    // The symptom listener's filter matched nothing: it got no event for this commit.
    await lake.client().fetch('1')
    expect(other.events.map((event) => event.event)).toEqual(['welcome'])
  })

  it('work for a listener that has gone is dropped, even while its filter runs', async () => {
    // A time limit far beyond the test: only dropping the work can end it early.
    lake = await startLocalLake(DOCUMENTS, {settings: {QUERY_TIMEOUT_MS: '600000'}})
    const runaway = await listen(RUNAWAY_FILTER)
    await lake.client().patch('condition-verzakking').set({title: 'x'}).commit()
    await expect.poll(() => lake!.listeners!.load().anonymous.running).toBe(1)
    runaway.close()
    await expect.poll(() => lake!.listeners!.load().anonymous.running, {timeout: 10_000}).toBe(0)
    expect(lake.listeners?.load().filters).toBe(0)
  })
})

describe('listeners that stop reading', () => {
  const BLOB = 'x'.repeat(200_000)

  /**
   * Patches Verzakking with a 200 kB text, numbered, while `going` holds, and
   * returns how many patches that took. Loopback sockets take a few megabytes
   * before the server holds anything; at most 150 events of 200 kB each.
   */
  async function patchWhile(going: () => boolean): Promise<number> {
    const client = lake!.client()
    let patches = 0
    while (going() && patches < 150) {
      await client
        .patch('condition-verzakking')
        .set({blob: `${BLOB}${patches}`})
        .commit()
      patches++
    }
    return patches
  }

  it('are disconnected once they hold more than LISTEN_BUFFER_BYTES, while a listener that reads gets every event in order', async () => {
    lake = await startLocalLake(DOCUMENTS, {settings: {LISTEN_BUFFER_BYTES: String(256 * 1024)}})
    const reader = await listen('*[_id == "condition-verzakking"]', {token: LAKE_TOKEN})
    await listen('*[_id == "condition-verzakking"]', {read: false})
    await expect.poll(() => lake!.listeners!.size).toBe(2)
    const patches = await patchWhile(() => lake!.listeners!.size === 2)
    expect(lake.listeners!.size).toBe(1)
    expect(patches).toBeLessThan(150)
    const last = await reader.next((event) => event.event === 'mutation' && (event.data as {result?: {blob?: string}}).result?.blob === `${BLOB}${patches - 1}`)
    expect(last).toBeDefined()
    const blobs = reader.events.filter((event) => event.event === 'mutation').map((event) => (event.data as {result: {blob: string}}).result.blob.slice(BLOB.length))
    expect(blobs).toEqual(Array.from({length: patches}, (_, index) => String(index)))
  })

  it('together hold no more than LISTEN_BUFFER_TOTAL_BYTES: those holding most are let go first', async () => {
    lake = await startLocalLake(DOCUMENTS, {settings: {LISTEN_BUFFER_BYTES: String(64 * 1024 * 1024), LISTEN_BUFFER_TOTAL_BYTES: String(512 * 1024)}})
    await listen('*[_id == "condition-verzakking"]', {read: false})
    await listen('*[_id == "condition-verzakking"]', {read: false})
    const reader = await listen('*[_id == "condition-verzakking"]')
    await expect.poll(() => lake!.listeners!.size).toBe(3)
    const patches = await patchWhile(() => lake!.listeners!.size > 1)
    expect(lake.listeners!.size).toBe(1)
    expect(patches).toBeLessThan(150)
    await reader.next((event) => event.event === 'mutation' && (event.data as {result?: {blob?: string}}).result?.blob === `${BLOB}${patches - 1}`)
  })
})
