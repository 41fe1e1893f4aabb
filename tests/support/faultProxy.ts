import {createServer, request as forwardRequest, STATUS_CODES, type IncomingHttpHeaders, type ServerResponse} from 'node:http'
import type {AddressInfo} from 'node:net'

export interface RecordedRequest {
  /** Counted from 0 in arrival order since the proxy started or was last reset. */
  index: number
  method: string
  path: string
  search: URLSearchParams
  headers: IncomingHttpHeaders
  /** The body as JSON, as text when it is not JSON, undefined when empty. */
  body: unknown
  /** The status the client got; undefined while the request is pending or hangs. */
  status?: number
  /** The exchange is over: answered in full, or the connection closed by either side. */
  closed: boolean
}

/** Pass the request on, never answer it, answer it in the Lake's place, or pass it on later: after a delay, or once `after` settles. */
export type Behaviour = 'forward' | 'hang' | {status: number; body?: unknown} | {delayMs: number} | {after: Promise<unknown>}

/** What to do with the n-th request (counted from 0 since the rule was set). */
export type Rule = (attempt: number, request: RecordedRequest) => Behaviour

export interface FaultProxy {
  /** Base URL on the loopback interface, for `apiHost`. */
  url: string
  /** Every request, in arrival order. */
  readonly requests: RecordedRequest[]
  behave(rule: Rule): void
  /** Sends what it forwards from now on to `target` instead, e.g. a Lake started again on another port. */
  retarget(target: string): void
  /** Cuts every exchange still open (hanging, delayed or streaming), forgets the requests and forwards everything again. */
  reset(): void
  /** The first request matching `match` once it has arrived, or with `'closed'` once its exchange is over. */
  waitFor(match: (request: RecordedRequest) => boolean, until?: 'arrived' | 'closed'): Promise<RecordedRequest>
  close(): Promise<void>
}

const NOT_FORWARDED = new Set(['connection', 'keep-alive', 'proxy-connection', 'transfer-encoding', 'upgrade', 'host', 'content-length'])

function forwardable(headers: IncomingHttpHeaders): IncomingHttpHeaders {
  return Object.fromEntries(Object.entries(headers).filter(([name]) => !NOT_FORWARDED.has(name)))
}

function parseBody(raw: Buffer): unknown {
  if (raw.length === 0) return undefined
  const text = raw.toString('utf8')
  try {
    return JSON.parse(text) as unknown
  } catch {
    return text
  }
}

/**
 * An HTTP proxy on 127.0.0.1 in front of `target` that records every request
 * and can answer, delay or hang chosen ones. Answers stream through, so the
 * listen endpoint's server-sent events arrive as the Lake sends them.
 */
export async function startFaultProxy(target: string): Promise<FaultProxy> {
  let upstream = new URL(target)
  const requests: RecordedRequest[] = []
  const exchanges = new Set<ServerResponse>()
  const waiters = new Set<() => void>()
  const delays = new Set<NodeJS.Timeout>()
  let rule: Rule = () => 'forward'
  let attempts = 0
  const changed = () => waiters.forEach((check) => check())

  const server = createServer((incoming, response) => {
    exchanges.add(response)
    response.once('close', () => exchanges.delete(response))
    const chunks: Buffer[] = []
    incoming.on('data', (chunk: Buffer) => chunks.push(chunk))
    incoming.on('end', () => {
      const raw = Buffer.concat(chunks)
      const url = new URL(incoming.url ?? '/', 'http://proxy')
      const recorded: RecordedRequest = {
        index: requests.length,
        method: incoming.method ?? 'GET',
        path: url.pathname,
        search: url.searchParams,
        headers: incoming.headers,
        body: parseBody(raw),
        closed: false,
      }
      requests.push(recorded)
      response.once('close', () => {
        recorded.closed = true
        changed()
      })
      const behaviour = rule(attempts++, recorded)
      changed()
      if (behaviour === 'hang') return
      if (behaviour !== 'forward' && 'status' in behaviour) {
        recorded.status = behaviour.status
        response.writeHead(behaviour.status, {'content-type': 'application/json; charset=utf-8'})
        response.end(JSON.stringify(behaviour.body ?? {statusCode: behaviour.status, error: STATUS_CODES[behaviour.status], message: 'Answered by the test proxy'}))
        return
      }
      const forward = () => {
        if (response.destroyed) return
        const headers = {...forwardable(incoming.headers), ...(raw.length > 0 ? {'content-length': String(raw.length)} : {})}
        const outgoing = forwardRequest({hostname: upstream.hostname, port: upstream.port, method: recorded.method, path: incoming.url, headers}, (answer) => {
          recorded.status = answer.statusCode ?? 502
          response.writeHead(recorded.status, forwardable(answer.headers))
          response.flushHeaders()
          answer.on('error', () => response.destroy())
          answer.pipe(response)
        })
        outgoing.on('error', () => response.destroy())
        // The client hung up first (an unsubscribed listener, a timeout): so does the proxy.
        response.once('close', () => {
          if (!response.writableFinished) outgoing.destroy()
        })
        outgoing.end(raw)
      }
      if (behaviour === 'forward') forward()
      else if ('after' in behaviour) {
        const release = () => forward()
        behaviour.after.then(release, release)
      } else {
        const timer = setTimeout(() => {
          delays.delete(timer)
          forward()
        }, behaviour.delayMs)
        delays.add(timer)
      }
    })
  })
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  const {port} = server.address() as AddressInfo // listen() on a TCP port always gives an AddressInfo

  return {
    url: `http://127.0.0.1:${port}`,
    requests,
    behave(next) {
      rule = next
      attempts = 0
    },
    retarget(next) {
      upstream = new URL(next)
    },
    reset() {
      delays.forEach(clearTimeout)
      delays.clear()
      for (const response of exchanges) response.destroy()
      requests.length = 0
      rule = () => 'forward'
      attempts = 0
    },
    waitFor(match, until = 'arrived') {
      return new Promise((resolve) => {
        const check = () => {
          const found = requests.find((request) => match(request) && (until === 'arrived' || request.closed))
          if (found === undefined) return
          waiters.delete(check)
          resolve(found)
        }
        waiters.add(check)
        check()
      })
    },
    async close() {
      delays.forEach(clearTimeout)
      for (const response of exchanges) response.destroy()
      server.closeAllConnections()
      await new Promise<void>((resolve) => server.close(() => resolve()))
    },
  }
}
