import {createClient, type LiveEvent, type SanityClient} from '@sanity/client'
import {afterAll, beforeAll, describe, expect, it, vi} from 'vitest'
import {LAKE_TOKEN, startLocalLake, type TestLake} from '../support/localLake'
import {queryFixtureDocuments} from './fixtures'

/** The Live Content API: `syncTags` in query answers, and `/data/live/events` naming the tags that changed. */

const TOKEN = LAKE_TOKEN
let lake: TestLake

beforeAll(async () => {
  lake = await startLocalLake(queryFixtureDocuments(0))
})

afterAll(async () => {
  await lake?.close()
})

function client(options: {token?: string; apiVersion?: string} = {}): SanityClient {
  return createClient({
    projectId: 'local',
    dataset: 'production',
    apiHost: lake.url,
    useProjectHostname: false,
    useCdn: false,
    apiVersion: options.apiVersion ?? '2025-02-19',
    maxRetries: 0,
    ...(options.token ? {token: options.token} : {}),
  })
}

/** Collects the events of `client.live.events()` until stopped. */
function collectLiveEvents(source: SanityClient, includeDrafts = false): {events: LiveEvent[]; stop(): void} {
  const events: LiveEvent[] = []
  const subscription = source.live.events({includeDrafts}).subscribe({next: (event) => events.push(event)})
  return {events, stop: () => subscription.unsubscribe()}
}

const messages = (events: readonly LiveEvent[]) => events.flatMap((event) => (event.type === 'message' ? [event] : []))

/** Reads a raw event stream, as EventSource would, into {event, id, data} records. */
async function readStream(
  response: Response,
  until: (events: Array<{event: string; id?: string; data: string}>) => boolean,
): Promise<Array<{event: string; id?: string; data: string}>> {
  const events: Array<{event: string; id?: string; data: string}> = []
  const reader = response.body!.pipeThrough(new TextDecoderStream()).getReader()
  let buffer = ''
  while (!until(events)) {
    const {value, done} = await reader.read()
    if (done) break
    buffer += value
    let end: number
    while ((end = buffer.indexOf('\n\n')) !== -1) {
      const block = buffer.slice(0, end)
      buffer = buffer.slice(end + 2)
      const fields = new Map(
        block
          .split('\n')
          .filter((line) => !line.startsWith(':'))
          .map((line) => [line.slice(0, line.indexOf(':')), line.slice(line.indexOf(':') + 2)] as const),
      )
      if (fields.has('event')) events.push({event: fields.get('event')!, data: fields.get('data') ?? '', ...(fields.has('id') ? {id: fields.get('id')!} : {})})
    }
  }
  await reader.cancel()
  return events
}

describe('sync tags in query answers', () => {
  it('come with every answer from v2021-03-25 on, and differ between published content and drafts', async () => {
    const published = await client().fetch('*[_type == "condition"]{title}', {}, {filterResponse: false})
    const drafts = await client({token: TOKEN}).fetch('*[_type == "condition"]{title}', {}, {filterResponse: false, perspective: 'drafts'})
    expect(published.syncTags).toHaveLength(1)
    expect(published.syncTags?.[0]).toMatch(/^s1:/)
    expect(drafts.syncTags).toHaveLength(1)
    expect(drafts.syncTags).not.toEqual(published.syncTags)
    const old = (await (await fetch(`${lake.url}/v1/data/query/production?query=1`)).json()) as Record<string, unknown>
    expect(old).not.toHaveProperty('syncTags')
  })

  it('accept lastLiveEventId, as next-sanity sends it after an event', async () => {
    const answer = await client().fetch('count(*[_type == "condition"])', {}, {filterResponse: false, lastLiveEventId: 'anything'})
    expect(answer.result).toBe(1)
  })
})

describe('client.live.events()', () => {
  it('welcomes, then names the tag of a query whose published content changed', async () => {
    const {syncTags} = await client().fetch('*[_type == "condition"]{title, summary}', {}, {filterResponse: false})
    const live = collectLiveEvents(client())
    try {
      await vi.waitFor(() => expect(live.events.map((event) => event.type)).toEqual(['welcome']))
      await client({token: TOKEN}).patch('condition-verzakking').set({summary: 'Live bijgewerkt.'}).commit()
      await vi.waitFor(() => expect(messages(live.events)).toHaveLength(1))
      const [message] = messages(live.events)
      expect(message!.tags).toEqual(syncTags)
      expect(await client().fetch('*[_id == "condition-verzakking"][0].summary', {}, {lastLiveEventId: message!.id})).toBe('Live bijgewerkt.')
    } finally {
      live.stop()
    }
  })

  it('tells a listener without drafts nothing of a draft, and one with drafts (and the token) of both', async () => {
    const published = collectLiveEvents(client())
    const withDrafts = collectLiveEvents(client({token: TOKEN}), true)
    try {
      await vi.waitFor(() => expect([published.events.length, withDrafts.events.length]).toEqual([1, 1]))
      await client({token: TOKEN}).createOrReplace({_id: 'drafts.condition-verzakking', _type: 'condition', title: 'Verzakking', summary: 'Alleen een concept.'})
      await client({token: TOKEN}).patch('condition-verzakking').set({summary: 'Weer gepubliceerd.'}).commit()
      await vi.waitFor(() => expect(messages(published.events)).toHaveLength(1))
      await vi.waitFor(() => expect(messages(withDrafts.events)).toHaveLength(2))
      // The one message without drafts is the published change: the same event the drafts listener heard second.
      expect(messages(published.events)[0]!.id).toBe(messages(withDrafts.events)[1]!.id)
      const draftTags = (await client({token: TOKEN}).fetch('1', {}, {filterResponse: false, perspective: 'drafts'})).syncTags
      expect(messages(withDrafts.events)[0]!.tags).toEqual(draftTags)
    } finally {
      published.stop()
      withDrafts.stop()
    }
  })
})

describe('the live events endpoint', () => {
  const eventsUrl = () => `${lake.url}/v2025-02-19/data/live/events/production`

  it('catches up a reconnecting client from Last-Event-ID, and restarts one whose position it does not know', async () => {
    const first = await fetch(eventsUrl(), {headers: {accept: 'text/event-stream'}})
    const reading = readStream(first, (events) => events.filter((event) => event.event === 'message').length === 2)
    await client({token: TOKEN}).patch('condition-verzakking').set({summary: 'Eerste.'}).commit()
    await client({token: TOKEN}).patch('condition-verzakking').set({summary: 'Tweede.'}).commit()
    const heard = (await reading).filter((event) => event.event === 'message')
    expect(heard).toHaveLength(2)

    const resumed = await fetch(eventsUrl(), {headers: {accept: 'text/event-stream', 'last-event-id': heard[0]!.id!}})
    const caughtUp = await readStream(resumed, (events) => events.length === 2)
    expect(caughtUp.map((event) => [event.event, event.id])).toEqual([
      ['welcome', undefined],
      ['message', heard[1]!.id],
    ])

    const unknown = await fetch(eventsUrl(), {headers: {accept: 'text/event-stream', 'last-event-id': 'from-another-server-7'}})
    const restarted = await readStream(unknown, (events) => events.length === 1)
    expect(restarted.map((event) => event.event)).toEqual(['restart'])
  })

  it('refuses drafts without the token, an Accept it cannot serve, and an old API version', async () => {
    expect((await fetch(`${eventsUrl()}?includeDrafts=true`, {headers: {accept: 'text/event-stream'}})).status).toBe(403)
    expect((await fetch(eventsUrl(), {headers: {accept: 'application/json'}})).status).toBe(406)
    expect((await fetch(`${lake.url}/v2021-03-24/data/live/events/production`)).status).toBe(400)
    expect((await fetch(`${lake.url}/v2025-02-19/data/live/events/staging`)).status).toBe(404)
  })
})

describe('a full live events endpoint', () => {
  it('answers one stream too many with goaway, as the Content Lake does', async () => {
    const small = await startLocalLake(queryFixtureDocuments(0), {readOnly: true, settings: {MAX_LIVE_CONNECTIONS: '1'}})
    try {
      const url = `${small.url}/v2025-02-19/data/live/events/production`
      const first = await fetch(url, {headers: {accept: 'text/event-stream'}})
      // Read the welcome, and keep the stream open: it holds the one place.
      const firstReader = first.body!.pipeThrough(new TextDecoderStream()).getReader()
      expect((await firstReader.read()).value).toContain('event: welcome')
      const second = await fetch(url, {headers: {accept: 'text/event-stream'}})
      expect(second.status).toBe(200)
      const refused = await readStream(second, () => false)
      expect(refused.map((event) => [event.event, JSON.parse(event.data) as unknown])).toEqual([['goaway', {reason: expect.stringContaining('MAX_LIVE_CONNECTIONS')}]])
      await firstReader.cancel()
    } finally {
      await small.close()
    }
  })
})

describe('the CORS check @sanity/client makes when a live connection fails', () => {
  it('says an allowed origin is allowed', async () => {
    const response = await fetch(`${lake.url}/v2025-02-19/check/cors`, {headers: {origin: 'http://localhost:3000'}})
    expect(response.status).toBe(200)
    expect(await response.json()).toEqual({result: {allowed: true, withCredentials: false}})
  })
})
