import {afterAll, beforeAll, describe, expect, it} from 'vitest'
import {openEventStream, type EventStream} from '../support/eventStream'
import {LAKE_TOKEN, startLocalLake, type TestLake} from '../support/localLake'

/**
 * 300 listeners without a token, each with a filter of 700 `match` clauses
 * (about 15 kB) of its own, the shape that used to stall the server for
 * minutes: their filters are evaluated in a thread of their own, with a
 * share of a core, so writes and queries answer while that work is still
 * going on, and the Studio's own listener is not held up behind it.
 * (Latencies against a baseline are in `npm run bench:hardening`.)
 */

const LISTENERS = 300
const CONDITIONS = Array.from({length: 200}, (_, index) => ({_id: `condition-${index}`, _type: 'condition', title: `Aandoening ${index}`, summary: 'Samenvatting.'}))

function heavyFilter(listener: number): string {
  const clauses = Array.from({length: 700}, (_, index) => (index === 0 ? `title match "listener${listener}"` : `title match "x${index}"`))
  return `*[_type == "condition" && (${clauses.join(' || ')})]`
}

let lake: TestLake
const streams: EventStream[] = []

beforeAll(async () => {
  lake = await startLocalLake(CONDITIONS)
})

afterAll(async () => {
  for (const stream of streams) stream.close()
  await lake?.close()
})

function listenUrl(query: string): string {
  return `${lake.url}/v2025-02-19/data/listen/production?${new URLSearchParams({query})}`
}

describe(`${LISTENERS} heavy listeners without a token`, () => {
  it('do not hold up writes, queries or the Studio: each answers while their filters are still being evaluated', async () => {
    for (let listener = 0; listener < LISTENERS; listener++) {
      const stream = await openEventStream(listenUrl(heavyFilter(listener)))
      streams.push(stream)
    }
    await Promise.all(streams.map((stream) => stream.next((event) => event.event === 'welcome')))
    expect(lake.listeners!.load().filters).toBe(LISTENERS)
    const studio = await openEventStream(listenUrl('*[_id == "condition-7"]'), {token: LAKE_TOKEN})
    streams.push(studio)
    await studio.next((event) => event.event === 'welcome')

    const client = lake.client()
    await client.patch('condition-7').set({summary: 'Eerste wijziging.'}).commit()
    await expect.poll(() => lake.listeners!.load().anonymous.running).toBe(1)

    // While the anonymous filters of that commit are being evaluated:
    await client.patch('condition-7').set({summary: 'Tweede wijziging.'}).commit()
    expect(await client.fetch('1')).toBe(1)
    const studioHeard = await studio.next((event) => event.event === 'mutation' && (event.data as {result?: {summary?: string}}).result?.summary === 'Tweede wijziging.')
    expect(studioHeard).toBeDefined()
    const {anonymous} = lake.listeners!.load()
    expect(anonymous.running + anonymous.queued).toBeGreaterThan(0)

    // Once they have all gone, nothing of their work is left.
    for (const stream of streams.splice(0)) stream.close()
    await expect.poll(() => lake.listeners!.load(), {timeout: 20_000}).toMatchObject({filters: 0, anonymous: {running: 0, queued: 0}})
  }, 120_000)
})
