import {afterEach, describe, expect, it, vi} from 'vitest'
import {ContentRequestError, createContentClient, type ContentClient, type Unsubscribe} from '../../client/index'
import {startFaultProxy, type FaultProxy, type RecordedRequest} from '../support/faultProxy'
import {isEndpoint, LAKE_TOKEN, startLocalLake, type TestLake} from '../support/localLake'

/**
 * The Content Lake backend's subscribe over the Live Content API: one
 * `/data/live/events` stream per content client, whatever the number of
 * subscriptions, and a query again when an event names the sync tags of its
 * answer. Every document here is the test's own.
 */

/** Reconnecting takes the EventSource a second; vi.waitFor's default second is too tight. */
const PATIENCE = {timeout: 10_000}

const isLive = (request: RecordedRequest) => isEndpoint(request, 'live/events')
const isQuery = (request: RecordedRequest) => isEndpoint(request, 'query')

/** A condition of the test's own. */
function condition(id: string, fields: Record<string, unknown>) {
  return {_id: id, _type: 'condition', title: 'Testaandoening', slug: {_type: 'slug', current: id.replaceAll('.', '-')}, ...fields}
}

/** Collects what a subscription reports. */
function recorder() {
  const results: unknown[] = []
  const errors: unknown[] = []
  return {results, errors, callbacks: {next: (result: unknown) => results.push(result), error: (error: unknown) => errors.push(error)}}
}

const stops: Unsubscribe[] = []
const lakes: TestLake[] = []
let proxy: FaultProxy | null = null
afterEach(async () => {
  stops.splice(0).forEach((stop) => stop())
  await proxy?.close()
  proxy = null
  await Promise.all(lakes.splice(0).map((lake) => lake.close()))
})

async function lakeBehindProxy(documents: readonly unknown[]): Promise<{lake: TestLake; through: FaultProxy}> {
  const lake = await startLocalLake(documents)
  lakes.push(lake)
  proxy = await startFaultProxy(lake.url)
  return {lake, through: proxy}
}

function contentThrough(through: FaultProxy, options: {perspective?: 'published' | 'drafts'; apiVersion?: string} = {}): ContentClient {
  const {perspective = 'published', apiVersion} = options
  return createContentClient({
    perspective,
    sanity: {
      projectId: 'local',
      dataset: 'production',
      apiHost: through.url,
      useProjectHostname: false,
      useCdn: false,
      ...(perspective === 'drafts' ? {token: LAKE_TOKEN} : {}),
      ...(apiVersion ? {apiVersion} : {}),
    },
  })
}

describe('subscribe on the Content Lake, over the Live Content API', () => {
  it('shares one live connection among 20 subscriptions, tells all 20 of a change, and closes it with the last', async () => {
    const id = 'subscribe-twintig'
    const {lake, through} = await lakeBehindProxy([condition(id, {summary: 'eerst'})])
    const content = contentThrough(through)
    const open = () => through.requests.filter((request) => isLive(request) && !request.closed)
    const subscriptions = Array.from({length: 20}, (_, index) => {
      const seen = recorder()
      const stop = content.subscribe('*[_id == $id][0]{summary, "subscription": $index}', {id, index}, seen.callbacks)
      stops.push(stop)
      return {index, seen, stop}
    })
    expect(subscriptions).toHaveLength(20)

    await vi.waitFor(() => expect(subscriptions.map(({seen}) => seen.results.length)).toEqual(Array(20).fill(1)), PATIENCE)
    expect(open()).toHaveLength(1)
    expect(open()[0]?.search.get('includeDrafts')).toBeNull()
    expect(through.requests.filter((request) => isEndpoint(request, 'listen'))).toEqual([])
    expect(through.requests.filter(isQuery)).toHaveLength(20)

    await lake.client().patch(id).set({summary: 'daarna'}).commit()
    await vi.waitFor(() => {
      for (const {index, seen} of subscriptions) {
        expect(seen.errors).toEqual([])
        expect(seen.results).toEqual([
          {summary: 'eerst', subscription: index},
          {summary: 'daarna', subscription: index},
        ])
      }
    }, PATIENCE)
    // One query per subscription for the change, over the same connection all along.
    expect(through.requests.filter(isQuery)).toHaveLength(40)
    expect(through.requests.filter(isLive)).toHaveLength(1)

    // Nineteen stop: the connection stays for the last one, which still hears changes.
    for (const {stop} of subscriptions.slice(0, 19)) stop()
    const last = subscriptions[19]!
    await lake.client().patch(id).set({summary: 'voor de laatste'}).commit()
    await vi.waitFor(() => expect(last.seen.results).toHaveLength(3), PATIENCE)
    expect(last.seen.results[2]).toEqual({summary: 'voor de laatste', subscription: 19})
    expect(open()).toHaveLength(1)
    expect(subscriptions.slice(0, 19).map(({seen}) => seen.results.length)).toEqual(Array(19).fill(2))

    last.stop()
    await vi.waitFor(() => expect(open()).toEqual([]), PATIENCE)

    // A new subscription opens a new connection.
    const again = recorder()
    stops.push(content.subscribe('*[_id == $id][0].summary', {id}, again.callbacks))
    await vi.waitFor(() => expect(again.results).toEqual(['voor de laatste']), PATIENCE)
    expect(through.requests.filter(isLive)).toHaveLength(2)
    expect(open()).toHaveLength(1)
  })

  it('tells a drafts subscription of a draft, and a published one only of the published change after it', async () => {
    const id = 'subscribe-concept'
    const {lake, through} = await lakeBehindProxy([condition(id, {summary: 'gepubliceerd'})])
    const query = '*[_id == $id][0].summary'
    const drafts = recorder()
    const published = recorder()
    stops.push(contentThrough(through, {perspective: 'drafts'}).subscribe(query, {id}, drafts.callbacks))
    stops.push(contentThrough(through).subscribe(query, {id}, published.callbacks))
    await vi.waitFor(() => expect([drafts.results, published.results]).toEqual([['gepubliceerd'], ['gepubliceerd']]), PATIENCE)
    const live = through.requests.filter((request) => isLive(request) && !request.closed)
    expect(live.map((request) => request.search.get('includeDrafts')).sort()).toEqual([null, 'true'])
    expect(live.find((request) => request.search.get('includeDrafts') === 'true')?.headers.authorization).toBe(`Bearer ${LAKE_TOKEN}`)
    const publishedQueries = () => through.requests.filter((request) => isQuery(request) && request.search.get('perspective') === 'published')
    expect(publishedQueries()).toHaveLength(1)

    await lake.client().createOrReplace(condition(`drafts.${id}`, {summary: 'concept'}))
    await vi.waitFor(() => expect(drafts.results).toEqual(['gepubliceerd', 'concept']), PATIENCE)

    // The published change comes after the draft, on the same ordered stream: once the
    // published subscription has it, it would have had the draft's event before.
    await lake.client().patch(id).set({summary: 'opnieuw gepubliceerd'}).commit()
    await vi.waitFor(() => expect(published.results).toEqual(['gepubliceerd', 'opnieuw gepubliceerd']), PATIENCE)
    // One query for the first answer, one for the published change; none for the draft.
    expect(publishedQueries()).toHaveLength(2)
    // The drafts subscription still shows the draft: the published change does not alter its answer.
    expect(drafts.results).toEqual(['gepubliceerd', 'concept'])
    expect([drafts.errors, published.errors]).toEqual([[], []])
  })

  it('after a dropped connection, resumes with Last-Event-ID and hears what it missed; after the Lake restarted, queries everything again', async () => {
    const id = 'subscribe-herstart'
    const {lake, through} = await lakeBehindProxy([condition(id, {summary: 'eerst', title: 'Eerste titel'})])
    const content = contentThrough(through)
    const summary = recorder()
    const title = recorder()
    stops.push(content.subscribe('*[_id == $id][0].summary', {id}, summary.callbacks))
    stops.push(content.subscribe('*[_id == $id][0].title', {id}, title.callbacks))
    await vi.waitFor(() => expect([summary.results, title.results]).toEqual([['eerst'], ['Eerste titel']]), PATIENCE)
    // A message, so that the EventSource has an event id to resume from.
    await lake.client().patch(id).set({summary: 'tweede'}).commit()
    await vi.waitFor(() => expect(summary.results).toEqual(['eerst', 'tweede']), PATIENCE)

    /**
     * Cuts the live connection and holds the EventSource's next attempt at the
     * proxy until `release` is called: first the `reconnect` event's queries
     * (one per subscription) have answered.
     */
    const cutAndHold = async () => {
      let release = () => {}
      const held = new Promise<void>((resolve) => (release = resolve))
      through.reset()
      through.behave((_attempt, request) => (isLive(request) ? {after: held} : 'forward'))
      const reconnection = await through.waitFor(isLive)
      await vi.waitFor(() => expect(through.requests.filter((request) => isQuery(request) && request.closed)).toHaveLength(2), PATIENCE)
      return {reconnection, release}
    }

    // 1. The connection drops; a change is made while it is down; the same Lake knows the position.
    const dropped = await cutAndHold()
    expect(dropped.reconnection.headers['last-event-id']).toMatch(/.+/)
    await lake.client().patch(id).set({summary: 'terwijl weg'}).commit()
    dropped.release()
    await vi.waitFor(() => expect(summary.results).toEqual(['eerst', 'tweede', 'terwijl weg']), PATIENCE)

    // 2. The Lake is restarted with other content: a change no event will name, at a position it does not know.
    const restarted = await startLocalLake([condition(id, {summary: 'na de herstart', title: 'Nieuwe titel'})])
    lakes.push(restarted)
    const cut = await cutAndHold()
    // The reconnect event's queries still reached the old Lake: nothing new.
    expect([summary.results, title.results]).toEqual([['eerst', 'tweede', 'terwijl weg'], ['Eerste titel']])
    through.retarget(restarted.url)
    cut.release()
    await vi.waitFor(
      () =>
        expect([summary.results, title.results]).toEqual([
          ['eerst', 'tweede', 'terwijl weg', 'na de herstart'],
          ['Eerste titel', 'Nieuwe titel'],
        ]),
      PATIENCE,
    )
    expect(through.requests.filter(isLive)).toHaveLength(1)
    expect([summary.errors, title.errors]).toEqual([[], []])
  })

  it('works against a read-only Lake (`npm start -- --read-only`), which serves the live events too', async () => {
    const id = 'subscribe-alleen-lezen'
    const lake = await startLocalLake([condition(id, {summary: 'eerst'})], {readOnly: true})
    lakes.push(lake)
    proxy = await startFaultProxy(lake.url)
    const seen = recorder()
    stops.push(contentThrough(proxy).subscribe('*[_id == $id][0].summary', {id}, seen.callbacks))
    await vi.waitFor(() => expect(seen.results).toEqual(['eerst']), PATIENCE)
    expect(proxy.requests.filter((request) => isLive(request) && !request.closed)).toHaveLength(1)
    expect(seen.errors).toEqual([])
  })

  it('reports a live connection the Lake refuses, a wrong token for drafts, as an error', async () => {
    const {through} = await lakeBehindProxy([condition('subscribe-geweigerd', {summary: 'eerst'})])
    const content = createContentClient({
      perspective: 'drafts',
      sanity: {projectId: 'local', dataset: 'production', apiHost: through.url, useProjectHostname: false, useCdn: false, token: 'not-the-lake-token-0123456789'},
    })
    const seen = recorder()
    stops.push(content.subscribe('*[_id == $id][0].summary', {id: 'subscribe-geweigerd'}, seen.callbacks))
    await vi.waitFor(() => expect(seen.errors).toHaveLength(1), PATIENCE)
    expect(seen.errors[0]).toBeInstanceOf(ContentRequestError)
    expect(seen.errors[0]).toMatchObject({status: 401})
    expect(seen.results).toEqual([])
    // No query ran: the first one waits for the stream's welcome.
    expect(through.requests.filter(isLive)).toHaveLength(1)
    expect(through.requests.filter(isQuery)).toEqual([])
  })

  it('with an API version from before sync tags, queries again on every message', async () => {
    const id = 'subscribe-oud'
    const {lake, through} = await lakeBehindProxy([condition(id, {summary: 'eerst'})])
    const seen = recorder()
    stops.push(contentThrough(through, {apiVersion: '2021-03-24'}).subscribe('*[_id == $id][0].summary', {id}, seen.callbacks))
    await vi.waitFor(() => expect(seen.results).toEqual(['eerst']), PATIENCE)
    // The live stream needs v2021-03-25 and gets it; the queries keep the client's version, and their answers have no syncTags.
    expect(through.requests.filter(isLive).map((request) => request.path)).toEqual(['/v2021-03-25/data/live/events/production'])
    expect(through.requests.filter(isQuery).map((request) => request.path)).toEqual(['/v2021-03-24/data/query/production'])

    await lake.client().patch(id).set({summary: 'daarna'}).commit()
    await vi.waitFor(() => expect(seen.results).toEqual(['eerst', 'daarna']), PATIENCE)
    expect(seen.errors).toEqual([])
  })
})
