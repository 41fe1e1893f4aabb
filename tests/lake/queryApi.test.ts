import {createClient, type ClientError, type SanityClient} from '@sanity/client'
import {afterAll, beforeAll, describe, expect, it} from 'vitest'
import {readServerConfig} from '../../lake/config'
import {startServer, type RunningServer} from '../../lake/server'
import {queryFixtureDocuments, writeTempDataset} from './fixtures'

const QUERY_TIMEOUT_MS = 400
const MAX_QUERY_LENGTH = 16_000
const MAX_BODY_BYTES = 64_000
// Counting, for each filler document, the fillers below it: about a million comparisons,
// several seconds in groq-js, far beyond the time limit.
const SLOW_QUERY = '*[_type == "filler"]{"smaller": count(*[_type == "filler" && n < ^.n])}'
const SUMMARY_QUERY = '*[_type == "condition" && slug.current == $slug][0].summary'

let server: RunningServer
let removeDataset: () => Promise<void>

function sanityClient(options: {apiVersion?: string; dataset?: string; perspective?: 'published' | 'drafts' | 'raw'} = {}): SanityClient {
  return createClient({
    projectId: 'local',
    dataset: options.dataset ?? 'production',
    apiHost: server.url,
    useProjectHostname: false,
    useCdn: false,
    apiVersion: options.apiVersion ?? '2025-02-19',
    perspective: options.perspective ?? 'published',
    // A failed request must fail the test at once, not after retries.
    maxRetries: 0,
  })
}

function apiUrl(pathAndQuery: string): string {
  return `${server.url}${pathAndQuery}`
}

async function queryUrl(query: string, extra = '', apiVersion = '2025-02-19'): Promise<Response> {
  return fetch(apiUrl(`/v${apiVersion}/data/query/production?query=${encodeURIComponent(query)}${extra}`))
}

async function rejection(promise: Promise<unknown>): Promise<ClientError> {
  try {
    await promise
  } catch (error) {
    return error as ClientError // @sanity/client rejects with ClientError for 4xx answers
  }
  throw new Error('Expected the request to fail, but it succeeded.')
}

beforeAll(async () => {
  const dataset = await writeTempDataset(queryFixtureDocuments(1000))
  removeDataset = dataset.remove
  const config = readServerConfig(['--dataset', dataset.datasetPath, '--port', '0'], {
    QUERY_TIMEOUT_MS: String(QUERY_TIMEOUT_MS),
    QUERY_WORKERS: '2',
    MAX_QUERY_LENGTH: String(MAX_QUERY_LENGTH),
    MAX_BODY_BYTES: String(MAX_BODY_BYTES),
    CORS_ORIGINS: 'https://frontend.example,http://localhost:*',
  })
  server = await startServer(config)
})

afterAll(async () => {
  await server?.close()
  await removeDataset?.()
})

describe('the query API through @sanity/client', () => {
  it('listens on 127.0.0.1 unless told otherwise', () => {
    expect(server.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/)
  })

  it('answers fetch with params', async () => {
    const summary = await sanityClient().fetch<string>(SUMMARY_QUERY, {slug: 'verzakking'})
    expect(summary).toBe('Gepubliceerde samenvatting.')
    expect(await sanityClient().fetch(SUMMARY_QUERY, {slug: 'onbekend'})).toBeNull()
  })

  it('keeps drafts invisible under the published perspective', async () => {
    const titles = await sanityClient().fetch<string[]>('*[_type == "condition"].title')
    expect(titles).toEqual(['Verzakking'])
    const ids = await sanityClient().fetch<string[]>('*[_id in path("drafts.**")]._id')
    expect(ids).toEqual([])
  })

  it('overlays drafts under the drafts perspective', async () => {
    const client = sanityClient({perspective: 'drafts'})
    expect(await client.fetch(SUMMARY_QUERY, {slug: 'verzakking'})).toBe('Conceptsamenvatting, nog niet gepubliceerd.')
    const titles = await client.fetch<string[]>('*[_type == "condition"] | order(title).title')
    expect(titles).toEqual(['Nieuwe aandoening', 'Verzakking'])
  })

  it('shows every document under the raw perspective', async () => {
    const ids = await sanityClient({perspective: 'raw'}).fetch<string[]>('*[_type == "condition"] | order(_id)._id')
    expect(ids).toEqual(['condition-verzakking', 'drafts.condition-nieuw', 'drafts.condition-verzakking'])
  })

  it('returns {query, result, ms} as the Content Lake does', async () => {
    const response = await sanityClient().fetch('count(*[_type == "condition"])', {}, {filterResponse: false})
    expect(response).toMatchObject({query: 'count(*[_type == "condition"])', result: 1})
    expect(typeof response.ms).toBe('number')
  })

  it('accepts long queries, which the client sends with POST', async () => {
    const padding = `// ${'x'.repeat(12_000)}\n`
    const summary = await sanityClient().fetch<string>(`${padding}${SUMMARY_QUERY}`, {slug: 'verzakking'})
    expect(summary).toBe('Gepubliceerde samenvatting.')
  })

  it('serves documents by id, under the perspective', async () => {
    const client = sanityClient()
    const document = await client.getDocument('condition-verzakking')
    expect(document?.summary).toBe('Gepubliceerde samenvatting.')
    const documents = await client.getDocuments(['conditionGroup-verzakkingen', 'missing', 'drafts.condition-nieuw'])
    expect(documents.map((entry) => entry?._id ?? null)).toEqual(['conditionGroup-verzakkingen', null, null])
    const response = await fetch(apiUrl('/v2025-02-19/data/doc/production/drafts.condition-nieuw?perspective=raw'))
    expect(((await response.json()) as {documents: Array<{_id: string}>}).documents.map((entry) => entry._id)).toEqual(['drafts.condition-nieuw'])
  })
})

describe('the default perspective follows the API version', () => {
  it('is raw before v2025-02-19', async () => {
    const body = (await (await queryUrl('count(*[_type == "condition"])', '', '2021-10-21')).json()) as {result: number}
    expect(body.result).toBe(3)
    const v1 = (await (await queryUrl('count(*[_type == "condition"])', '', '1')).json()) as {result: number}
    expect(v1.result).toBe(3)
  })

  it('is published from v2025-02-19 on', async () => {
    const body = (await (await queryUrl('count(*[_type == "condition"])', '', '2025-02-19')).json()) as {result: number}
    expect(body.result).toBe(1)
  })
})

describe('errors in the Content Lake error shape', () => {
  it('answers a GROQ syntax error with 400 and the position', async () => {
    const error = await rejection(sanityClient().fetch('*[_type == "condition" && ]'))
    expect(error.statusCode).toBe(400)
    expect(error.message).toContain('GROQ query parse error')
    const response = await queryUrl('*[_type == "condition" && ]')
    expect(response.status).toBe(400)
    expect(await response.json()).toEqual({
      error: {type: 'queryParseError', description: expect.stringContaining('position 25'), query: '*[_type == "condition" && ]', start: 25, end: 26},
    })
  })

  it('answers an unknown dataset with 404', async () => {
    const error = await rejection(sanityClient({dataset: 'staging'}).fetch('*'))
    expect(error.statusCode).toBe(404)
    expect(error.message).toContain('Dataset "staging" not found')
    const response = await fetch(apiUrl('/v2025-02-19/data/doc/staging/x'))
    expect(response.status).toBe(404)
    expect(await response.json()).toMatchObject({statusCode: 404, error: 'Not Found'})
  })

  it('answers a query text over the limit with 414 on GET and 413 on POST', async () => {
    const tooLong = `${' '.repeat(MAX_QUERY_LENGTH)}*`
    const viaGet = await queryUrl(tooLong)
    expect(viaGet.status).toBe(414)
    expect(((await viaGet.json()) as {message: string}).message).toContain(`limit is ${MAX_QUERY_LENGTH}`)
    const error = await rejection(sanityClient().fetch(tooLong))
    expect(error.statusCode).toBe(413)
  })

  it('answers a request body over the limit with 413', async () => {
    const response = await fetch(apiUrl('/v2025-02-19/data/query/production'), {
      method: 'POST',
      headers: {'content-type': 'application/json'},
      body: JSON.stringify({query: '$big', params: {big: 'x'.repeat(MAX_BODY_BYTES)}}),
    })
    expect(response.status).toBe(413)
    expect(((await response.json()) as {message: string}).message).toContain(`${MAX_BODY_BYTES} bytes`)
  })

  it('names a parameter whose value is not JSON', async () => {
    const response = await queryUrl('*[slug.current == $slug]', '&$slug=verzakking')
    expect(response.status).toBe(400)
    expect(((await response.json()) as {message: string}).message).toContain('$slug')
  })

  it('refuses an unknown perspective and an invalid API version', async () => {
    const perspective = await queryUrl('*', '&perspective=previewEverything')
    expect(perspective.status).toBe(400)
    expect(((await perspective.json()) as {message: string}).message).toContain('previewEverything')
    const version = await fetch(apiUrl('/vlatest/data/query/production?query=*'))
    expect(version.status).toBe(400)
  })

  it('is read-only', async () => {
    const mutate = await fetch(apiUrl('/v2025-02-19/data/mutate/production'), {method: 'POST', body: '{"mutations": []}'})
    expect(mutate.status).toBe(405)
    expect(((await mutate.json()) as {message: string}).message).toContain('read-only')
    const error = await rejection(sanityClient().create({_type: 'condition', title: 'x'}))
    expect(error.statusCode).toBe(405)
  })

  it('cuts off a long query at the limit, while a concurrent simple query answers', async () => {
    const started = performance.now()
    let slowSettled = false
    const slow = queryUrl(SLOW_QUERY).finally(() => {
      slowSettled = true
    })
    // The slow query holds one of the two workers.
    await expect.poll(() => server.queries.load().running, {interval: 5}).toBe(1)
    // A query not asked before, so that a worker answers it and not the result cache.
    const simple = await sanityClient().fetch(SUMMARY_QUERY, {slug: 'verzakking', asked: 'while a slow query runs'})
    expect(simple).toBe('Gepubliceerde samenvatting.')
    // Answered while the slow query is still running, not after it.
    expect(slowSettled).toBe(false)
    expect(server.queries.load().running).toBe(1)

    const slowResponse = await slow
    expect(slowResponse.status).toBe(504)
    expect(await slowResponse.json()).toEqual({
      error: {type: 'queryTimeout', query: SLOW_QUERY, description: expect.stringContaining(`limit of ${QUERY_TIMEOUT_MS} ms`)},
    })
    // Not stopped before its time (a slower machine only makes this longer).
    expect(performance.now() - started).toBeGreaterThanOrEqual(QUERY_TIMEOUT_MS - 5)

    // The stopped worker is replaced: the pool is idle again, and queries keep working, on both workers.
    await expect.poll(() => server.queries.load()).toMatchObject({queued: 0, running: 0, longRunning: 0})
    const after = await Promise.all([1, 2, 3, 4].map(() => sanityClient().fetch('count(*[_type == "filler"])')))
    expect(after).toEqual([1000, 1000, 1000, 1000])
  })
})

describe('ETags', () => {
  it('answers a repeat request with 304', async () => {
    const first = await queryUrl(SUMMARY_QUERY, '&$slug="verzakking"')
    const etag = first.headers.get('etag')
    expect(etag).toBeTruthy()
    const repeat = await fetch(apiUrl(`/v2025-02-19/data/query/production?query=${encodeURIComponent(SUMMARY_QUERY)}&$slug="verzakking"`), {
      headers: {'if-none-match': etag ?? ''},
    })
    expect(repeat.status).toBe(304)
    expect(await repeat.text()).toBe('')
  })

  it('changes with the params and the perspective', async () => {
    const tags = await Promise.all(
      ['&$slug="verzakking"', '&$slug="nieuw"', '&$slug="verzakking"&perspective=drafts'].map(async (extra) => (await queryUrl(SUMMARY_QUERY, extra)).headers.get('etag')),
    )
    expect(new Set(tags).size).toBe(3)
  })
})

describe('CORS', () => {
  it('allows configured origins and localhost on any port', async () => {
    for (const origin of ['https://frontend.example', 'http://localhost:5173']) {
      const response = await fetch(apiUrl('/v2025-02-19/data/query/production?query=1'), {headers: {origin}})
      expect(response.headers.get('access-control-allow-origin')).toBe(origin)
    }
  })

  it('refuses other origins with 403 and no CORS headers, their preflight too', async () => {
    const response = await fetch(apiUrl('/v2025-02-19/data/query/production?query=1'), {headers: {origin: 'https://elsewhere.example'}})
    expect(response.status).toBe(403)
    expect(response.headers.get('access-control-allow-origin')).toBeNull()
    const preflight = await fetch(apiUrl('/v2025-02-19/data/query/production'), {
      method: 'OPTIONS',
      headers: {origin: 'https://elsewhere.example', 'access-control-request-method': 'POST'},
    })
    expect(preflight.status).toBe(403)
    const allowed = await fetch(apiUrl('/v2025-02-19/data/query/production'), {
      method: 'OPTIONS',
      headers: {origin: 'https://frontend.example', 'access-control-request-method': 'POST'},
    })
    expect(allowed.status).toBe(204)
    expect(allowed.headers.get('access-control-allow-methods')).toContain('POST')
  })
})
