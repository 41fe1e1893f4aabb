import {createServer, type IncomingMessage, type Server, type ServerResponse} from 'node:http'
import type {AddressInfo} from 'node:net'
import {evaluate, parse} from 'groq-js'

export interface RecordedRequest {
  method: string
  path: string
  authorization: string | undefined
  body: unknown
}

type StoredDocument = {_id: string; _type: string; [field: string]: unknown}

/** A mutation request that should fail: answered with `status` instead of being applied. */
export interface MutateFailure {
  status: number
  /** Which mutate requests fail, counted from 1 over the server's lifetime. */
  when: (mutateRequestNumber: number) => boolean
}

/**
 * Just enough of the Content Lake HTTP API for the seed: GROQ queries
 * (GET and POST) evaluated with groq-js, and transactions of createIfNotExists
 * and createOrReplace. Every request is recorded so tests can check what
 * the real @sanity/client sent.
 */
export class FakeContentLake {
  readonly requests: RecordedRequest[] = []
  readonly documents = new Map<string, StoredDocument>()
  failure: MutateFailure | undefined
  /** Mutate requests (counted from 1) that are accepted but never answered, like a hung connection. */
  hangs: ((mutateRequestNumber: number) => boolean) | undefined
  private mutateCount = 0
  private revision = 0
  private server: Server | undefined

  async start(): Promise<string> {
    this.server = createServer((request, response) => {
      this.handle(request, response).catch((error: unknown) => {
        response.writeHead(500, {'content-type': 'application/json'})
        response.end(JSON.stringify({error: String(error)}))
      })
    })
    await new Promise<void>((resolve) => this.server?.listen(0, '127.0.0.1', resolve))
    const {port} = this.server.address() as AddressInfo // listen() on a TCP port always gives an AddressInfo
    return `http://127.0.0.1:${port}`
  }

  async stop(): Promise<void> {
    this.server?.closeAllConnections()
    await new Promise<void>((resolve, reject) => this.server?.close((error) => (error ? reject(error) : resolve())))
  }

  mutateRequests(): RecordedRequest[] {
    return this.requests.filter((request) => request.path.includes('/data/mutate/'))
  }

  private async handle(request: IncomingMessage, response: ServerResponse): Promise<void> {
    const url = new URL(request.url ?? '/', 'http://127.0.0.1')
    const raw = await readBody(request)
    const body: unknown = raw === '' ? undefined : JSON.parse(raw)
    this.requests.push({method: request.method ?? 'GET', path: url.pathname, authorization: request.headers.authorization, body})

    if (/^\/v[\w-]+\/data\/query\/[\w-]+$/u.test(url.pathname)) return this.query(url, body, response)
    if (/^\/v[\w-]+\/data\/mutate\/[\w-]+$/u.test(url.pathname)) return this.mutate(body, response)
    send(response, 404, {error: `Not found: ${url.pathname}`})
  }

  private async query(url: URL, body: unknown, response: ServerResponse): Promise<void> {
    let query: string
    const params: Record<string, unknown> = {}
    if (isQueryBody(body)) {
      query = body.query
      Object.assign(params, body.params ?? {})
    } else {
      query = url.searchParams.get('query') ?? ''
      for (const [key, value] of url.searchParams) {
        if (key.startsWith('$')) params[key.slice(1)] = JSON.parse(value)
      }
    }
    const result = await (await evaluate(parse(query, {params}), {dataset: [...this.documents.values()], params})).get()
    send(response, 200, {query, result, ms: 1})
  }

  private mutate(body: unknown, response: ServerResponse): void {
    this.mutateCount += 1
    if (this.hangs?.(this.mutateCount)) return
    if (this.failure?.when(this.mutateCount)) {
      send(response, this.failure.status, {error: {description: 'Service temporarily unavailable'}})
      return
    }
    const mutations = (body as {mutations?: Array<Record<string, StoredDocument>>} | undefined)?.mutations ?? []
    const results: Array<{id: string; operation: string}> = []
    const transactionId = `tx-${(this.revision += 1)}`
    for (const mutation of mutations) {
      const [kind, document] = Object.entries(mutation)[0] ?? []
      if (!document) continue
      const existing = this.documents.get(document._id)
      const now = '2026-01-01T00:00:00Z'
      const stored = {...document, _createdAt: now, _updatedAt: now, _rev: transactionId}
      if (kind === 'createIfNotExists') {
        if (existing) results.push({id: document._id, operation: 'none'})
        else {
          this.documents.set(document._id, stored)
          results.push({id: document._id, operation: 'create'})
        }
      } else if (kind === 'createOrReplace') {
        this.documents.set(document._id, stored)
        results.push({id: document._id, operation: existing ? 'update' : 'create'})
      } else {
        send(response, 400, {error: {description: `Unsupported mutation ${String(kind)}`}})
        return
      }
    }
    send(response, 200, {transactionId, results})
  }
}

function isQueryBody(body: unknown): body is {query: string; params?: Record<string, unknown>} {
  return typeof body === 'object' && body !== null && typeof (body as {query?: unknown}).query === 'string'
}

function send(response: ServerResponse, status: number, payload: unknown): void {
  response.writeHead(status, {'content-type': 'application/json'})
  response.end(JSON.stringify(payload))
}

async function readBody(request: IncomingMessage): Promise<string> {
  const chunks: Buffer[] = []
  for await (const chunk of request) chunks.push(chunk as Buffer)
  return Buffer.concat(chunks).toString('utf8')
}
