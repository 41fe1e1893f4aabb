import {createServer, type IncomingMessage, type ServerResponse} from 'node:http'
import type {AddressInfo} from 'node:net'
import type {DatasetSnapshot} from '../../../client/embedded/dataset'
import {evaluateQuery} from '../../../client/embedded/evaluate'

interface QueryRequest {
  method: string
  apiVersion: string
  dataset: string
  query: string
  params: Record<string, unknown>
  perspective: string | null
  /** The request tag (`tag` in the query string), if any. */
  tag: string | null
  authorized: boolean
}

/** What the server does with the n-th request (0-based): answer, fail with a status, or never answer. */
export type Behaviour = (attempt: number) => 'answer' | 'hang' | number

export interface QueryServer {
  /** For `apiHost`, with `useProjectHostname: false`. */
  apiHost: string
  requests: QueryRequest[]
  /** Request headers, in the order the requests came. */
  headers: IncomingMessage['headers'][]
  /** Replaces the content, as a publish would, and tells every listener which document changed. */
  publish(snapshot: DatasetSnapshot, documentId: string): void
  /** How many listen connections are open. */
  listeners(): number
  close(): Promise<void>
}

const QUERY_PATH = /^\/v([^/]+)\/data\/query\/([^/?]+)$/u
const LISTEN_PATH = /^\/v([^/]+)\/data\/listen\/([^/?]+)$/u

async function readBody(request: IncomingMessage): Promise<string> {
  const chunks: Buffer[] = []
  for await (const chunk of request) chunks.push(chunk as Buffer)
  return Buffer.concat(chunks).toString('utf8')
}

async function parseRequest(request: IncomingMessage): Promise<QueryRequest | null> {
  const url = new URL(request.url ?? '/', 'http://127.0.0.1')
  const match = QUERY_PATH.exec(url.pathname)
  if (!match) return null
  let query = url.searchParams.get('query') ?? ''
  let params: Record<string, unknown> = {}
  for (const [name, value] of url.searchParams) {
    if (name.startsWith('$')) params[name.slice(1)] = JSON.parse(value) as unknown
  }
  if (request.method === 'POST') {
    const body = JSON.parse(await readBody(request)) as {query?: string; params?: Record<string, unknown>}
    query = body.query ?? query
    params = body.params ?? params
  }
  return {
    method: request.method ?? 'GET',
    apiVersion: match[1] ?? '',
    dataset: decodeURIComponent(match[2] ?? ''),
    query,
    params,
    perspective: url.searchParams.get('perspective'),
    tag: url.searchParams.get('tag'),
    authorized: typeof request.headers.authorization === 'string' && request.headers.authorization.startsWith('Bearer '),
  }
}

function send(response: ServerResponse, status: number, body: unknown): void {
  response.writeHead(status, {'content-type': 'application/json'})
  response.end(JSON.stringify(body))
}

/**
 * A stand-in for the Content Lake's query endpoint on 127.0.0.1, answering
 * from a dataset snapshot with the same groq-js evaluation as the embedded
 * backend, so that both backends can be compared through @sanity/client.
 */
export async function startQueryServer(snapshot: DatasetSnapshot, behaviour: Behaviour = () => 'answer'): Promise<QueryServer> {
  const requests: QueryRequest[] = []
  const headers: IncomingMessage['headers'][] = []
  const hanging = new Set<ServerResponse>()
  // Server-sent events, as the Content Lake's listen endpoint sends them.
  const listening = new Set<ServerResponse>()
  let mutations = 0
  const server = createServer((request, response) => {
    void (async () => {
      if (LISTEN_PATH.test(new URL(request.url ?? '/', 'http://127.0.0.1').pathname)) {
        response.writeHead(200, {'content-type': 'text/event-stream', 'cache-control': 'no-cache'})
        response.write(`event: welcome\ndata: ${JSON.stringify({listenerName: `listener-${listening.size}`})}\n\n`)
        listening.add(response)
        request.on('close', () => listening.delete(response))
        return
      }
      headers.push(request.headers)
      const parsed = await parseRequest(request)
      if (!parsed) return send(response, 404, {error: 'Not found', message: `No route for ${request.url ?? ''}`})
      const attempt = requests.length
      requests.push(parsed)
      const action = behaviour(attempt)
      if (action === 'hang') {
        hanging.add(response)
        return
      }
      if (typeof action === 'number') return send(response, action, {error: 'Server error', message: `Status ${action}`})
      const perspective = parsed.perspective ?? 'raw'
      if (perspective !== 'published' && perspective !== 'drafts' && perspective !== 'raw') {
        return send(response, 400, {error: 'Bad request', message: `Unknown perspective ${perspective}`})
      }
      if (perspective !== 'published' && !parsed.authorized) {
        return send(response, 401, {error: 'Unauthorized', message: 'Drafts need a token'})
      }
      try {
        const result = await evaluateQuery(snapshot, parsed.query, parsed.params, {perspective})
        send(response, 200, {query: parsed.query, result, ms: 1})
      } catch (error) {
        send(response, 400, {error: 'Query error', message: error instanceof Error ? error.message : String(error)})
      }
    })()
  })
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  const {port} = server.address() as AddressInfo
  return {
    apiHost: `http://127.0.0.1:${port}`,
    requests,
    headers,
    publish(next, documentId) {
      snapshot = next
      const event = {type: 'mutation', documentId, eventId: `${++mutations}#${documentId}`, transition: 'update', visibility: 'query'}
      for (const response of listening) response.write(`event: mutation\nid: ${event.eventId}\ndata: ${JSON.stringify(event)}\n\n`)
    },
    listeners: () => listening.size,
    async close() {
      for (const response of listening) response.destroy()
      for (const response of hanging) response.destroy()
      server.closeAllConnections()
      await new Promise<void>((resolve) => server.close(() => resolve()))
    },
  }
}
