import {createServer, request as forwardRequest} from 'node:http'
import type {AddressInfo, Socket} from 'node:net'

export interface CountingProxy {
  /** Base URL on 127.0.0.1, for `apiHost`. */
  url: string
  /** Requests whose path matches `pattern` that are still open (streams: still streaming). */
  openRequests(pattern: RegExp): number
  /** Requests whose path matched `pattern` since the proxy started. */
  totalRequests(pattern: RegExp): number
  /** TCP connections from clients that are open now, idle keep-alive ones included. */
  readonly openSockets: number
  /** Requests passed on to the server whose exchange with it is not over yet. */
  readonly openUpstream: number
  /** Closes the clients' idle keep-alive connections, so that a measurement starts from none. */
  closeIdle(): void
  close(): Promise<void>
}

/**
 * A pass-through HTTP proxy that counts, for a benchmark, the requests and
 * connections a client opens at the server behind it. Answers stream
 * through, so server-sent events arrive as they are sent.
 */
export async function startCountingProxy(target: string): Promise<CountingProxy> {
  const upstream = new URL(target)
  const open = new Set<string>()
  const seen: string[] = []
  const sockets = new Set<Socket>()
  let upstreamOpen = 0
  let counter = 0
  const server = createServer((incoming, response) => {
    const path = new URL(incoming.url ?? '/', 'http://proxy').pathname
    const key = `${counter++} ${path}`
    open.add(key)
    seen.push(path)
    response.once('close', () => open.delete(key))
    const headers = {...incoming.headers, host: upstream.host}
    const outgoing = forwardRequest({hostname: upstream.hostname, port: upstream.port, method: incoming.method, path: incoming.url, headers}, (answer) => {
      response.writeHead(answer.statusCode ?? 502, answer.headers)
      response.flushHeaders()
      answer.on('error', () => response.destroy())
      answer.pipe(response)
    })
    upstreamOpen += 1
    outgoing.once('close', () => (upstreamOpen -= 1))
    outgoing.on('error', () => response.destroy())
    response.once('close', () => {
      if (!response.writableFinished) outgoing.destroy()
    })
    incoming.pipe(outgoing)
  })
  server.on('connection', (socket: Socket) => {
    sockets.add(socket)
    socket.once('close', () => sockets.delete(socket))
  })
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  const {port} = server.address() as AddressInfo // listen() on a TCP port always gives an AddressInfo
  const matching = (paths: Iterable<string>, pattern: RegExp) => [...paths].filter((path) => pattern.test(path)).length
  return {
    url: `http://127.0.0.1:${port}`,
    openRequests: (pattern) =>
      matching(
        [...open].map((key) => key.slice(key.indexOf(' ') + 1)),
        pattern,
      ),
    totalRequests: (pattern) => matching(seen, pattern),
    get openSockets() {
      return sockets.size
    },
    get openUpstream() {
      return upstreamOpen
    },
    closeIdle() {
      server.closeIdleConnections()
    },
    async close() {
      server.closeAllConnections()
      await new Promise<void>((resolve) => server.close(() => resolve()))
    },
  }
}
