import {createServer, type IncomingMessage, type ServerResponse} from 'node:http'
import type {AddressInfo} from 'node:net'
import {ApiError} from '../../../lake/http/apiError'
import {sendError} from '../../../lake/http/httpIo'

export interface TestServer {
  url: string
  close(): Promise<void>
}

/** Serves one handler on a free loopback port, answering its errors the way the real server does. */
export async function serveHandler(handle: (request: IncomingMessage, response: ServerResponse, url: URL) => Promise<void>): Promise<TestServer> {
  const server = createServer((request, response) => {
    const url = new URL(request.url ?? '/', 'http://localhost')
    handle(request, response, url).catch((error: unknown) => {
      sendError(response, error instanceof ApiError ? error : new ApiError(500, String(error)))
    })
  })
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  const {port} = server.address() as AddressInfo // listening on a host and port always gives an AddressInfo
  return {
    url: `http://127.0.0.1:${port}`,
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve())
        server.closeAllConnections()
      }),
  }
}
