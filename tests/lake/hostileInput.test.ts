import {appendFile} from 'node:fs/promises'
import {connect} from 'node:net'
import {afterAll, beforeAll, describe, expect, it, vi} from 'vitest'
import {readServerConfig} from '../../lake/config'
import {startServer, type RunningServer} from '../../lake/server'
import {queryFixtureDocuments, writeTempDataset} from './fixtures'

// Counting, for each filler, the fillers below it: seconds of work in groq-js.
const RUNAWAY_QUERY = '*[_type == "filler"]{"smaller": count(*[_type == "filler" && n < ^.n])}'
const MAX_QUERY_LENGTH = 16_000
const MAX_RESPONSE_BYTES = 100_000

let server: RunningServer
let removeDataset: () => Promise<void>
let datasetPath: string

beforeAll(async () => {
  const dataset = await writeTempDataset(queryFixtureDocuments(1000))
  removeDataset = dataset.remove
  datasetPath = dataset.datasetPath
  const config = readServerConfig(['--dataset', dataset.datasetPath, '--port', '0'], {
    QUERY_WORKERS: '2',
    QUERY_TIMEOUT_MS: '4000',
    LONG_QUERY_MS: '100',
    MAX_QUERY_LENGTH: String(MAX_QUERY_LENGTH),
    MAX_RESPONSE_BYTES: String(MAX_RESPONSE_BYTES),
    ALLOWED_HOSTS: 'content.test',
    WATCH_DATASET: '0',
  })
  server = await startServer(config)
})

afterAll(async () => {
  await server?.close()
  await removeDataset?.()
})

const API = '/v2025-02-19/data/query/production'

function queryPath(query: string, extra = ''): string {
  return `${API}?query=${encodeURIComponent(query)}${extra}`
}

async function get(path: string, headers: Record<string, string> = {}): Promise<Response> {
  return fetch(`${server.url}${path}`, {headers})
}

/** Sends raw bytes and returns the status line and body, for request targets fetch() would normalise. */
function rawRequest(text: string): Promise<{status: number; body: string}> {
  const url = new URL(server.url)
  return new Promise((resolve, reject) => {
    const socket = connect(Number(url.port), url.hostname, () => socket.write(text))
    let received = ''
    socket.on('data', (chunk) => {
      received += chunk.toString()
    })
    socket.on('error', reject)
    socket.on('close', () => {
      const [head = '', body = ''] = received.split('\r\n\r\n')
      resolve({status: Number(/^HTTP\/1\.1 (\d{3})/.exec(head)?.[1] ?? 0), body})
    })
  })
}

async function expectServerAlive(): Promise<void> {
  const response = await get(queryPath('count(*[_type == "filler"])'))
  expect(response.status).toBe(200)
  expect(((await response.json()) as {result: number}).result).toBe(1000)
}

function nestedArray(depth: number): string {
  return `${'['.repeat(depth)}${']'.repeat(depth)}`
}

describe('hostile input never reaches a 500 or stops the server', () => {
  it('refuses deeply nested params, from a text/plain POST too, naming MAX_JSON_DEPTH', async () => {
    for (const depth of [3000, 5000, 5000, 5000, 5000]) {
      const response = await fetch(`${server.url}${API}`, {
        method: 'POST',
        headers: {'content-type': 'text/plain'},
        body: `{"query": "$p", "params": {"p": ${nestedArray(depth)}}}`,
      })
      expect(response.status).toBe(400)
      expect(((await response.json()) as {message: string}).message).toContain('MAX_JSON_DEPTH')
    }
    const viaGet = await get(queryPath('$p', `&$p=${encodeURIComponent(nestedArray(4000))}`))
    expect(viaGet.status).toBe(400)
    expect(((await viaGet.json()) as {message: string}).message).toContain('MAX_JSON_DEPTH')
    await expectServerAlive()
  })

  it('answers 8,000 nested parentheses with a GROQ error naming MAX_GROQ_DEPTH', async () => {
    const query = `${'('.repeat(7900)}1${')'.repeat(7900)}`
    const response = await fetch(`${server.url}${API}`, {method: 'POST', headers: {'content-type': 'application/json'}, body: JSON.stringify({query})})
    expect(response.status).toBe(400)
    const body = (await response.json()) as {error: {type: string; description: string; start: number}}
    expect(body.error).toMatchObject({type: 'queryParseError', start: 64})
    expect(body.error.description).toContain('MAX_GROQ_DEPTH')
    expect(body.error.description).not.toContain('call stack')
  })

  it('answers a malformed percent-encoding in a document id with 400', async () => {
    const response = await get('/v2025-02-19/data/doc/production/%ZZ')
    expect(response.status).toBe(400)
    expect(((await response.json()) as {message: string}).message).toContain('percent-encoded')
  })

  it('answers the request target //[ with 400, and reads // as a path, not a host', async () => {
    const bracket = await rawRequest('GET //[ HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n')
    expect(bracket.status).toBe(400)
    const doubleSlash = await rawRequest(`GET //evil.example${API}?query=1 HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n`)
    expect(doubleSlash.status).toBe(404)
    expect(doubleSlash.body).toContain('//evil.example')
  })

  it('answers a long GET query under the limit, and one over it with its own 414, never a bare 431', async () => {
    const underLimit = `"${'é'.repeat(MAX_QUERY_LENGTH - 10)}"`
    const answered = await get(queryPath(underLimit))
    expect(answered.status).toBe(200)
    expect(((await answered.json()) as {result: string}).result).toHaveLength(MAX_QUERY_LENGTH - 10)
    const overLimit = await get(queryPath(`"${'é'.repeat(MAX_QUERY_LENGTH + 10)}"`))
    expect(overLimit.status).toBe(414)
    expect(((await overLimit.json()) as {message: string}).message).toContain('MAX_QUERY_LENGTH')
    const farOver = await get(queryPath(`"${'€'.repeat(MAX_QUERY_LENGTH * 4)}"`))
    expect(farOver.status).toBe(414)
    expect(((await farOver.json()) as {message: string}).message).toContain('POST')
  })

  it('refuses an answer larger than MAX_RESPONSE_BYTES instead of buffering it', async () => {
    const response = await get(
      queryPath(
        '*[_type == "filler"]{_id, _type, n, "padding": "xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx"}',
      ),
    )
    expect(response.status).toBe(413)
    expect(((await response.json()) as {message: string}).message).toContain('MAX_RESPONSE_BYTES')
  })

  it('answers If-None-Match: * with the error for a broken query, and 304 only for an answer that exists', async () => {
    const broken = await get(queryPath('*[_type == ]'), {'if-none-match': '*'})
    expect(broken.status).toBe(400)
    const good = await get(queryPath('count(*)'), {'if-none-match': '*'})
    expect(good.status).toBe(304)
  })

  it('refuses API versions that are not calendar dates', async () => {
    const response = await get('/v2025-02-30/data/query/production?query=1')
    expect(response.status).toBe(400)
    expect(((await response.json()) as {message: string}).message).toContain('v2025-02-30')
    expect((await get('/v2024-02-29/data/query/production?query=1')).status).toBe(200)
  })

  it('advertises no allowed method on the write endpoints of a read-only server', async () => {
    const response = await fetch(`${server.url}/v2025-02-19/data/mutate/production`, {method: 'POST', body: '{}'})
    expect(response.status).toBe(405)
    expect(response.headers.get('allow')).toBe('')
  })

  it('marks every JSON answer nosniff, errors included', async () => {
    for (const path of [queryPath('1'), queryPath('*[_type == ]'), '/v2025-02-19/data/doc/production/missing']) {
      expect((await get(path)).headers.get('x-content-type-options')).toBe('nosniff')
    }
  })
})

describe('cross-site requests and foreign hosts', () => {
  it('refuses a foreign origin with 403 before running its query', async () => {
    const run = vi.spyOn(server.queries, 'run')
    try {
      const response = await fetch(`${server.url}${API}`, {
        method: 'POST',
        headers: {'content-type': 'text/plain', origin: 'https://evil.example'},
        body: JSON.stringify({query: RUNAWAY_QUERY}),
      })
      expect(response.status).toBe(403)
      expect(((await response.json()) as {message: string}).message).toContain('CORS_ORIGINS')
      // The query never reached the pool.
      expect(run).not.toHaveBeenCalled()
      expect(server.queries.load()).toMatchObject({queued: 0, running: 0, longRunning: 0})
      // The same request from an allowed origin does reach it.
      const allowed = await fetch(`${server.url}${API}`, {
        method: 'POST',
        headers: {'content-type': 'text/plain', origin: 'http://localhost:5173'},
        body: JSON.stringify({query: 'count(*[_type == "filler"])'}),
      })
      expect(allowed.status).toBe(200)
      expect(run).toHaveBeenCalledTimes(1)
    } finally {
      run.mockRestore()
    }
  })

  it('lets its own pages and allowed origins through', async () => {
    const own = await get(queryPath('1'), {origin: server.url})
    expect(own.status).toBe(200)
    const allowed = await get(queryPath('1'), {origin: 'http://localhost:5173'})
    expect(allowed.status).toBe(200)
  })

  it('refuses a Host that is not its own (DNS rebinding), and allows its address, localhost and ALLOWED_HOSTS', async () => {
    const rebound = await rawRequest(`GET ${queryPath('1')} HTTP/1.1\r\nHost: attacker.example:3333\r\nConnection: close\r\n\r\n`)
    expect(rebound.status).toBe(403)
    expect(rebound.body).toContain('ALLOWED_HOSTS')
    for (const host of ['127.0.0.1:3333', 'localhost:3333', 'app.localhost', 'content.test:3333', '[::1]:3333']) {
      const allowed = await rawRequest(`GET ${queryPath('1')} HTTP/1.1\r\nHost: ${host}\r\nConnection: close\r\n\r\n`)
      expect(allowed.status, host).toBe(200)
    }
    // Another address of this machine is not a loopback one: a page there is somebody else's.
    for (const host of ['10.0.0.5', '192.168.1.20:3333', '[fe80::1]:3333', '0.0.0.0:3333']) {
      const refused = await rawRequest(`GET ${queryPath('1')} HTTP/1.1\r\nHost: ${host}\r\nConnection: close\r\n\r\n`)
      expect(refused.status, host).toBe(403)
    }
  })
})

describe('fair scheduling', () => {
  it('keeps answering a simple query while runaway queries run, and stops the work of clients that hung up', async () => {
    const clients = Array.from({length: 4}, () => new AbortController())
    let runawaysSettled = 0
    const runaways = clients.map((client, index) =>
      fetch(`${server.url}${queryPath(`${RUNAWAY_QUERY}[${index}...1000]`)}`, {signal: client.signal})
        .catch(() => null)
        .finally(() => {
          runawaysSettled += 1
        }),
    )
    // Once the first runaway runs past LONG_QUERY_MS its kind counts as long: it may keep
    // one worker, the one that turned long beside it goes back to the queue with the
    // other two, and the second worker is left for quick queries.
    const runawaysHoldOneWorker = {queued: 3, running: 1, longRunning: 1}
    await expect.poll(() => server.queries.load(), {timeout: 3000}).toMatchObject(runawaysHoldOneWorker)
    for (let attempt = 0; attempt < 10; attempt++) {
      const response = await get(queryPath(`${attempt} + 1`))
      expect(response.status).toBe(200)
      expect(((await response.json()) as {result: number}).result).toBe(attempt + 1)
      // Answered while every runaway is still running or waiting.
      expect(runawaysSettled).toBe(0)
      expect(server.queries.load()).toMatchObject(runawaysHoldOneWorker)
    }

    for (const client of clients) client.abort()
    await Promise.all(runaways)
    // Hanging up stops the running runaway and drops the waiting ones.
    await expect.poll(() => server.queries.load()).toMatchObject({queued: 0, running: 0, longRunning: 0})
    await expectServerAlive()
  })
})

describe('one dataset version at a time', () => {
  it('keeps serving the last good version from replacement workers after the file breaks', async () => {
    await appendFile(datasetPath, '{"_id": "broken",\n')
    expect(await server.store.reload()).toBe('refused')
    // A client that hangs up mid-query has its worker replaced; the replacement must serve too.
    const client = new AbortController()
    const runaway = fetch(`${server.url}${queryPath(RUNAWAY_QUERY)}`, {signal: client.signal}).catch(() => null)
    await expect.poll(() => server.queries.load().running).toBe(1)
    client.abort()
    await runaway
    await expect.poll(() => server.queries.load()).toMatchObject({queued: 0, running: 0, longRunning: 0})
    const counts = await Promise.all(Array.from({length: 6}, (_, index) => get(queryPath(`count(*[_type == "filler"]) + ${index}`)).then((response) => response.json())))
    expect(counts.map((body) => (body as {result: number}).result)).toEqual([1000, 1001, 1002, 1003, 1004, 1005])
  })

  it('answers a repeated query from the cache of its version', async () => {
    const path = queryPath('count(*[_type == "filler" && n > $n])', '&$n=500')
    const first = (await (await get(path)).json()) as {result: number; ms: number}
    const repeat = (await (await get(path)).json()) as {result: number; ms: number}
    expect(repeat).toEqual({...first, ms: 0})
    expect(first.result).toBe(499)
  })

  it('answers from the new version after a change, with a new ETag, and no 304 for the old one', async () => {
    const path = queryPath('*[_id == "condition-verzakking"][0].summary')
    const before = await get(path)
    const oldTag = before.headers.get('etag') ?? ''
    expect(await before.json()).toMatchObject({result: 'Gepubliceerde samenvatting.'})

    const condition = server.store.current().documents.find((document) => document._id === 'condition-verzakking')
    if (!condition) throw new Error('fixture condition missing')
    server.store.publishChangeSet({upserts: [{...condition, summary: 'Nieuwe samenvatting.'}], deletes: []})

    const after = await get(path, {'if-none-match': oldTag})
    expect(after.status).toBe(200)
    expect(after.headers.get('etag')).not.toBe(oldTag)
    expect(await after.json()).toMatchObject({result: 'Nieuwe samenvatting.'})
    // Every worker answers from the new version: read-your-writes across workers.
    const answers = await Promise.all(Array.from({length: 6}, () => get(`${path}&n=${Math.random()}`).then((response) => response.json())))
    expect(answers).toEqual(Array.from({length: 6}, () => expect.objectContaining({result: 'Nieuwe samenvatting.'})))
  })
})
