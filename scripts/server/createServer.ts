import {createServer as createHttpServer, type IncomingMessage, type Server, type ServerResponse} from 'node:http'
import {createHash} from 'node:crypto'
import {readFile} from 'node:fs/promises'
import type {AddressInfo} from 'node:net'
import {ApiError} from './apiError'
import {applyCors} from './cors'
import {handleDataApi, isDataApiPath, type DataApiContext} from './dataApi'
import {sendError} from './httpIo'
import {QueryPool} from './queryPool'
import type {ServerConfig} from './config'

/** Serves pages for every path that is not the data API. */
export type PageHandler = (request: IncomingMessage, response: ServerResponse, url: URL) => Promise<void>

export interface RunningServer {
  /** Base URL, e.g. http://127.0.0.1:3333 */
  url: string
  datasetName: string
  close(): Promise<void>
}

export interface StartServerOptions {
  pages?: PageHandler
}

function asApiError(error: unknown): ApiError {
  if (error instanceof ApiError) return error
  const message = error instanceof Error ? error.message : String(error)
  return new ApiError(500, `Internal error: ${message}`)
}

/**
 * Starts the read-only query server. Queries run in worker threads, so a
 * slow query never holds up the pages or other queries.
 */
export async function startServer(config: ServerConfig, options: StartServerOptions = {}): Promise<RunningServer> {
  const datasetBytes = await readFile(config.datasetPath).catch((error: unknown) => {
    throw new Error(`Cannot read the dataset ${config.datasetPath}: ${error instanceof Error ? error.message : String(error)}`)
  })
  const pool = new QueryPool({datasetPath: config.datasetPath, size: config.queryWorkers, timeoutMs: config.queryTimeoutMs})
  try {
    await pool.ready()
  } catch (error) {
    await pool.close()
    throw error
  }
  const context: DataApiContext = {
    datasetName: config.datasetName,
    datasetVersion: createHash('sha256').update(datasetBytes).digest('hex'),
    maxQueryLength: config.maxQueryLength,
    maxBodyBytes: config.maxBodyBytes,
    pool,
  }

  const handle = async (request: IncomingMessage, response: ServerResponse): Promise<void> => {
    const url = new URL(request.url ?? '/', 'http://localhost')
    const allowedOrigin = applyCors(request, response, config.corsOrigins)
    if (request.method === 'OPTIONS') {
      if (!allowedOrigin) throw new ApiError(403, `Origin ${request.headers.origin} is not allowed. Add it to CORS_ORIGINS.`)
      response.statusCode = 204
      response.end()
      return
    }
    if (isDataApiPath(url.pathname)) {
      await handleDataApi(request, response, url, context)
      return
    }
    if (request.method !== 'GET' && request.method !== 'HEAD') {
      throw new ApiError(405, `Method ${request.method} is not allowed: this server is read-only.`, undefined, {allow: 'GET, HEAD'})
    }
    if (!options.pages) throw new ApiError(404, `Nothing at ${url.pathname}.`)
    await options.pages(request, response, url)
  }

  const server: Server = createHttpServer(
    // Room for a query of maxQueryLength characters in the URL, even fully percent-encoded,
    // so that an oversized query is answered with our 414 rather than Node's bare 431.
    {maxHeaderSize: Math.max(16 * 1024, config.maxQueryLength * 3 + 8 * 1024)},
    (request, response) => {
      handle(request, response).catch((error: unknown) => {
        const apiError = asApiError(error)
        if (apiError.statusCode >= 500 && apiError.statusCode !== 503 && apiError.statusCode !== 504) console.error(error)
        if (response.headersSent) {
          response.destroy()
          return
        }
        sendError(response, apiError)
      })
    },
  )
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject)
    server.listen(config.port, config.host, () => resolve())
  }).catch(async (error: unknown) => {
    await pool.close()
    throw error
  })
  const address = server.address() as AddressInfo // listen() on a host and port always yields an AddressInfo
  const host = address.family === 'IPv6' ? `[${address.address}]` : address.address
  return {
    url: `http://${host}:${address.port}`,
    datasetName: config.datasetName,
    async close() {
      await new Promise<void>((resolve) => {
        server.close(() => resolve())
        server.closeAllConnections()
      })
      await pool.close()
    },
  }
}
