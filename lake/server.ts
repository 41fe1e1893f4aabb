import {createServer as createHttpServer, STATUS_CODES, type IncomingMessage, type Server, type ServerResponse} from 'node:http'
import type {AddressInfo, Socket} from 'node:net'
import type {Duplex} from 'node:stream'
import {ApiError} from './http/apiError'
import {applyCors, requestOriginAllowed} from './http/cors'
import {handleDataApi, isDataApiPath, type DataApiContext, type RequestScope, type WriteRoutes} from './dataApi'
import {hostAllowed} from './http/hostCheck'
import {AnswerBudget} from './http/answerBudget'
import {sendError, sendJsonText} from './http/httpIo'
import {LiveHub} from './live/liveHub'
import {PresenceHub} from './presence/presenceHub'
import {QueryPool} from './query/queryPool'
import type {ServerConfig} from './config'
import {DatasetStore} from './store/datasetStore'

/** Serves pages for every path that is not the data API. */
type PageHandler = (request: IncomingMessage, response: ServerResponse, url: URL, scope: RequestScope) => Promise<void>

/** A site served next to the API, such as the preview; it reads the same store. */
export interface PageSite {
  handle: PageHandler
  /** Paths outside the data API where the site takes PUT and POST (the Studio's account endpoints); pages are only read. */
  takesWrites?(pathname: string): boolean
  /** Paths outside the data API that answer with an event stream, which stays open past the response timeout as listen and live do. */
  streams?(pathname: string): boolean
  ready?(): Promise<void>
  close?(): Promise<void>
}

export interface RunningServer {
  /** Base URL, e.g. http://127.0.0.1:3333 */
  url: string
  datasetName: string
  /** The dataset the server serves; publish a change set here and every query and page follows. */
  store: DatasetStore
  queries: QueryPool
  close(): Promise<void>
}

export interface StartServerOptions {
  /** Serve this store instead of opening config.datasetPath. The caller keeps owning it. */
  store?: DatasetStore
  pages?: (store: DatasetStore) => PageSite
  /** The write API (mutate, actions, listen). Without it the server is read-only. The caller keeps owning it. */
  lake?: WriteRoutes
}

const CORS_CHECK_PATH = /^\/v[^/]+\/check\/cors$/
/** The presence socket, `/v{apiVersion}/socket/{dataset}`, as the Studio opens it. */
const PRESENCE_SOCKET_PATH = /^\/v[^/]+\/socket\/([^/]+)$/

function asApiError(error: unknown): ApiError {
  if (error instanceof ApiError) return error
  const message = error instanceof Error ? error.message : String(error)
  return new ApiError(500, `Internal error: ${message}`)
}

/**
 * The request target as a URL. Only origin-form (`/path?query`) and
 * absolute-form targets are read; `//x` stays a path, never a host.
 */
function parseTarget(target: string | undefined): URL {
  const raw = target ?? '/'
  const path = raw.split('?', 1)[0] ?? ''
  // Brackets are reserved for IPv6 hosts; clients percent-encode them in a path.
  if (/[[\]\\\s]/.test(path)) throw new ApiError(400, `The request path "${path.length > 80 ? `${path.slice(0, 80)}…` : path}" contains a character a path cannot hold unencoded.`)
  try {
    if (raw.startsWith('/')) return new URL(`http://localhost${raw}`)
    const absolute = new URL(raw)
    return new URL(`http://localhost${absolute.pathname}${absolute.search}`)
  } catch {
    throw new ApiError(400, `The request target "${raw.length > 80 ? `${raw.slice(0, 80)}…` : raw}" is not a valid URL path.`)
  }
}

/** Answers a request Node could not parse, in the JSON error shape, rather than resetting the connection. */
function answerClientError(error: Error & {code?: string}, socket: Socket, maxQueryLength: number): void {
  if (!socket.writable) {
    socket.destroy()
    return
  }
  const tooLarge = error.code === 'HPE_HEADER_OVERFLOW'
  const message = tooLarge
    ? `The request line and headers are too large. Queries longer than ${maxQueryLength} characters are refused (MAX_QUERY_LENGTH); send long queries with POST.`
    : 'The request could not be parsed as HTTP.'
  endWithError(socket, new ApiError(tooLarge ? 414 : 400, message))
}

/** Answers on the bare socket, in the JSON error shape, where Node offers no response object (a parse error, an upgrade). */
function endWithError(socket: Duplex, error: ApiError): void {
  const status = error.statusCode
  const body = JSON.stringify({statusCode: status, error: STATUS_CODES[status], message: error.message})
  socket.end(
    `HTTP/1.1 ${status} ${STATUS_CODES[status]}\r\ncontent-type: application/json; charset=utf-8\r\nx-content-type-options: nosniff\r\ncontent-length: ${Buffer.byteLength(body)}\r\nconnection: close\r\n\r\n${body}`,
  )
}

/**
 * Starts the read-only query server. Queries run in worker threads, so a
 * slow query never holds up the pages or other queries; every worker, page
 * and ETag follows the store's current dataset version.
 */
export async function startServer(config: ServerConfig, options: StartServerOptions = {}): Promise<RunningServer> {
  const ownsStore = options.store === undefined
  const store = options.store ?? (await DatasetStore.open(config.datasetPath, {watch: config.watchDataset}))
  const queries = new QueryPool(store, {
    workers: config.queryWorkers,
    timeoutMs: config.queryTimeoutMs,
    queueTimeoutMs: config.queryQueueTimeoutMs,
    maxQueued: config.maxQueuedQueries,
    longQueryMs: config.longQueryMs,
    maxLongQueryWorkers: Math.min(config.maxLongQueryWorkers, config.queryWorkers),
    maxGroqDepth: config.maxGroqDepth,
    maxResponseBytes: config.maxResponseBytes,
    resultCacheBytes: config.resultCacheBytes,
  })
  const live = new LiveHub({
    store,
    datasetName: config.datasetName,
    maxConnections: config.maxLiveConnections,
    maxBufferedBytes: config.listenBufferBytes,
    checkDraftAccess: (authorization) => {
      if (!options.lake) throw new ApiError(403, 'Live events with drafts need the write token, and this server runs read-only: it has none.')
      options.lake.checkDraftAccess(authorization)
    },
  })
  const lake = options.lake
  const presence = lake
    ? new PresenceHub({
        authorize: (authorization, request) => {
          lake.checkDraftAccess(authorization)
          return lake.identityOf(request)
        },
        maxConnections: config.maxPresenceConnections,
        maxBufferedBytes: config.listenBufferBytes,
      })
    : undefined
  const pages = options.pages?.(store)
  const closeAll = async () => {
    live.close()
    presence?.close()
    await Promise.all([queries.close(), pages?.close?.()])
    if (ownsStore) store.close()
  }
  try {
    await Promise.all([queries.ready(), pages?.ready?.()])
  } catch (error) {
    await closeAll()
    throw error
  }
  const context: DataApiContext = {
    datasetName: config.datasetName,
    store,
    maxQueryLength: config.maxQueryLength,
    maxBodyBytes: config.maxBodyBytes,
    maxJsonDepth: config.maxJsonDepth,
    queries,
    answers: new AnswerBudget(config.maxOpenAnswerBytes),
    live,
    ...(options.lake ? {lake: options.lake} : {}),
  }

  // Both checks come before any work: a foreign page's request must not run, even if CORS would hide its answer.
  const refuseForeign = (request: IncomingMessage): void => {
    if (!hostAllowed(request.headers.host, config.host, config.allowedHosts)) {
      throw new ApiError(403, `Host "${request.headers.host}" is not allowed. Use this server's address, localhost, or add the name to ALLOWED_HOSTS.`)
    }
    if (!requestOriginAllowed(request, config.corsOrigins)) throw new ApiError(403, `Origin ${request.headers.origin} is not allowed. Add it to CORS_ORIGINS.`)
  }

  const handle = async (request: IncomingMessage, response: ServerResponse, scope: RequestScope): Promise<void> => {
    refuseForeign(request)
    applyCors(request, response, config.corsOrigins)
    const url = parseTarget(request.url)
    if (request.method === 'OPTIONS') {
      response.statusCode = 204
      response.end()
      return
    }
    if (CORS_CHECK_PATH.test(url.pathname)) {
      // @sanity/client asks this when a live connection fails, to tell a refused origin from a network fault; a foreign origin was refused above.
      sendJsonText(response, 200, JSON.stringify({result: {allowed: true, withCredentials: false}}))
      return
    }
    if (isDataApiPath(url.pathname)) {
      await handleDataApi(request, response, url, context, scope)
      return
    }
    if (request.method !== 'GET' && request.method !== 'HEAD' && !pages?.takesWrites?.(url.pathname)) {
      const why = !options.lake
        ? 'this server is read-only'
        : /^\/v[^/]+\//.test(url.pathname)
          ? `the local server has no endpoint ${url.pathname} that takes it`
          : `${url.pathname} is a page, which is only read`
      throw new ApiError(405, `Method ${request.method} is not allowed: ${why}.`, undefined, {allow: 'GET, HEAD'})
    }
    if (!pages) throw new ApiError(404, `Nothing at ${url.pathname}.`)
    await pages.handle(request, response, url, scope)
  }

  const server: Server = createHttpServer(
    // Room for a GET query of maxQueryLength characters even fully percent-encoded (up to 9
    // characters for one UTF-16 unit), so that an oversized query gets our 414 with a reason.
    {maxHeaderSize: Math.max(16 * 1024, config.maxQueryLength * 9 + 16 * 1024)},
    (request, response) => {
      const controller = new AbortController()
      // A client that stops reading holds the answer in memory; cut it off after the limit.
      // Listeners keep their event stream open for as long as they like; keep-alive comments flow meanwhile.
      const streaming = /^\/v[^/]+\/data\/(listen|live)\//.test(request.url ?? '') || pages?.streams?.((request.url ?? '').split('?', 1)[0] ?? '') === true
      const deadline = streaming ? undefined : setTimeout(() => response.destroy(), config.responseTimeoutMs)
      response.once('close', () => {
        clearTimeout(deadline)
        if (!response.writableFinished) controller.abort()
      })
      handle(request, response, {signal: controller.signal}).catch((error: unknown) => {
        const apiError = asApiError(error)
        if (apiError.statusCode === 499) return
        if (apiError.statusCode >= 500 && apiError.statusCode !== 503 && apiError.statusCode !== 504) console.error(error)
        if (response.headersSent || response.destroyed) {
          response.destroy()
          return
        }
        sendError(response, apiError)
      })
    },
  )
  server.on('upgrade', (request: IncomingMessage, socket: Duplex, head: Buffer) => {
    socket.on('error', () => socket.destroy())
    try {
      // The same checks as every request, before any work: a page elsewhere must not learn who edits what.
      refuseForeign(request)
      const url = parseTarget(request.url)
      const dataset = PRESENCE_SOCKET_PATH.exec(url.pathname)?.[1]
      if (dataset === undefined || request.headers.upgrade?.toLowerCase() !== 'websocket') throw new ApiError(404, `No WebSocket at ${url.pathname}.`)
      if (dataset !== config.datasetName) throw new ApiError(404, `Dataset "${dataset}" not found. This server serves the dataset "${config.datasetName}".`)
      if (!presence) throw new ApiError(404, 'This server runs read-only: it has no write token, so no presence.')
      presence.upgrade(request, socket, head)
    } catch (error) {
      endWithError(socket, asApiError(error))
    }
  })
  server.on('clientError', (error: Error & {code?: string}, socket: Socket) => answerClientError(error, socket, config.maxQueryLength))
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject)
    server.listen(config.port, config.host, () => resolve())
  }).catch(async (error: unknown) => {
    await closeAll()
    throw error
  })
  const address = server.address() as AddressInfo // listen() on a host and port always yields an AddressInfo
  const host = address.family === 'IPv6' ? `[${address.address}]` : address.address
  return {
    url: `http://${host}:${address.port}`,
    datasetName: config.datasetName,
    store,
    queries,
    async close() {
      // Upgraded sockets are the server's connections too, but closeAllConnections() does not know them.
      presence?.close()
      await new Promise<void>((resolve) => {
        server.close(() => resolve())
        server.closeAllConnections()
      })
      await closeAll()
    },
  }
}
