import type {IncomingMessage, ServerResponse} from 'node:http'
import {handleHistory} from './history/historyEndpoint'
import type {HistoryRetention} from './history/historyLog'
import {ApiError} from './http/apiError'
import {readBody, sendJsonText} from './http/httpIo'
import {checkJsonDepth} from './http/jsonDepth'
import {ListenerHub, type ListenerHubLimits} from './listen/listenerHub'
import {readServerConfig, type ServerConfig} from './config'
import {documentQueryOn} from './query/documentQuery'
import type {QueryPool} from './query/queryPool'
import {readDatasetFile} from './store/datasetFile'
import {DatasetStore} from './store/datasetStore'
import {importDataset} from './store/systemFields'
import {checkAccess, resolveWriteToken, type WriteToken} from './write/accessToken'
import {authorIdentityOf} from './write/authorIdentity'
import {Committer} from './write/committer'
import {actionsEndpoint, mutateEndpoint, type JsonAnswer} from './write/writeEndpoints'

/**
 * The local Content Lake: the committer that owns the dataset file and its
 * journal, the store every query and page reads, and the listeners. Each
 * acknowledged transaction reaches the store as a change set (a new version)
 * before the writer gets its answer, so the next query sees it on every worker.
 */
export interface LocalLake {
  store: DatasetStore
  committer: Committer
  listeners: ListenerHub
  token: WriteToken
  /** Handles mutate, actions, listen and history; false for any other endpoint. */
  handle(request: IncomingMessage, response: ServerResponse, url: URL, endpoint: string, context: WriteRequestContext): Promise<boolean>
  /** 403/401 unless the request carries the write token: a token that asks for drafts must be it, and live events with drafts need it. */
  checkDraftAccess(authorization: string | undefined): void
  /** Who a request with the write token is (see authorIdentity.ts). */
  identityOf(request: IncomingMessage): string
  close(): Promise<void>
}

/** What the server lends a write request: its body limits, and the query pool that runs mutations by query. */
interface WriteRequestContext {
  maxQueryLength: number
  maxBodyBytes: number
  maxJsonDepth: number
  queries: QueryPool
}

async function jsonBody(request: IncomingMessage, limits: {maxBodyBytes: number; maxJsonDepth: number}): Promise<unknown> {
  const text = await readBody(request, limits.maxBodyBytes)
  checkJsonDepth(text, limits.maxJsonDepth, 'The request body')
  try {
    return JSON.parse(text)
  } catch {
    throw new ApiError(400, 'The request body is not valid JSON. Send {"mutations": [...]} or {"actions": [...]} with Content-Type: application/json.')
  }
}

function send(response: ServerResponse, answer: JsonAnswer): void {
  for (const [name, value] of Object.entries(answer.headers ?? {})) response.setHeader(name, value)
  sendJsonText(response, answer.status, JSON.stringify(answer.body))
}

/** The listen path's limits from the server's settings: the query API's, and the listen buffers. */
export function listenLimitsOf(config: ServerConfig): ListenerHubLimits {
  return {
    maxQueryLength: config.maxQueryLength,
    maxJsonDepth: config.maxJsonDepth,
    maxGroqDepth: config.maxGroqDepth,
    timeoutMs: config.queryTimeoutMs,
    maxQueued: config.maxQueuedQueries,
    maxBufferedBytesPerListener: config.listenBufferBytes,
    maxBufferedBytes: config.listenBufferTotalBytes,
  }
}

export async function openLocalLake(
  datasetPath: string,
  options: {
    env: NodeJS.ProcessEnv
    tokenPath: string
    /** What the listen path may cost; see listenLimitsOf. */
    limits?: Partial<ListenerHubLimits>
    /** Open listeners at most, for callers with the token and for those without, each. Defaults to 1000. */
    maxListeners?: number
    /** How much history to keep (HISTORY_MAX_BYTES, HISTORY_RETENTION_DAYS). */
    historyRetention?: HistoryRetention
  },
): Promise<LocalLake> {
  const token = await resolveWriteToken(options.env, options.tokenPath)
  const readChecked = async (path: string) => {
    const contents = await readDatasetFile(path)
    for (const warning of contents.warnings) console.warn(`Warning: ${warning}`)
    return contents.documents
  }
  const committer = await Committer.open({
    datasetPath,
    readDataset: (path) => importDataset(path, readChecked),
    ...(options.historyRetention ? {historyRetention: options.historyRetention} : {}),
  })
  // The committer writes the file from now on; the store follows the committer, not the file, and serves what it imported.
  const store = DatasetStore.fromDocuments([...committer.documents.values()], datasetPath)
  committer.subscribe((_transaction, changes) => {
    store.publishChangeSet(changes)
  })
  const listeners = new ListenerHub({
    committer,
    token: token.token,
    // Without settings, the defaults npm start has without environment variables.
    limits: {...listenLimitsOf(readServerConfig([], {})), ...options.limits},
    ...(options.maxListeners === undefined ? {} : {maxListeners: options.maxListeners}),
  })
  await listeners.ready()
  const identityOf = (request: IncomingMessage) => authorIdentityOf(request, token.token)
  return {
    store,
    committer,
    listeners,
    token,
    async handle(request, response, url, endpoint, requestContext) {
      const method = request.method ?? 'GET'
      if (endpoint === 'listen') {
        if (method !== 'GET') throw new ApiError(405, `Method ${method} is not allowed here; use GET.`, undefined, {allow: 'GET'})
        listeners.open(request, response, url)
        return true
      }
      if (endpoint === 'history') {
        await handleHistory(request, response, url, {log: committer.historyLog, current: committer.documents, token: token.token, maxIdListLength: requestContext.maxQueryLength})
        return true
      }
      if (endpoint !== 'mutate' && endpoint !== 'actions') return false
      if (method !== 'POST') throw new ApiError(405, `Method ${method} is not allowed here; use POST.`, undefined, {allow: 'POST'})
      const authorization = request.headers.authorization
      // The token is checked before the body is read: no work for a request that may not write.
      const denied = checkAccess(authorization, token.token, 'update', endpoint === 'mutate' ? 'writes' : 'document actions')
      if (denied) {
        send(response, {status: denied.statusCode, body: denied.body})
        return true
      }
      const body = await jsonBody(request, requestContext)
      const context = {
        committer,
        token: token.token,
        documentQuery: documentQueryOn(requestContext.queries),
        maxDocumentDepth: requestContext.maxJsonDepth,
        identity: identityOf(request),
      }
      send(response, endpoint === 'mutate' ? await mutateEndpoint({authorization, search: url.searchParams, body}, context) : await actionsEndpoint({authorization, body}, context))
      return true
    },
    checkDraftAccess(authorization) {
      const denied = checkAccess(authorization, token.token, 'read', 'the drafts and raw perspectives')
      if (denied) throw new ApiError(denied.statusCode, String((denied.body.error as {description?: string} | undefined)?.description ?? denied.body.message))
    },
    identityOf,
    async close() {
      await listeners.close()
      await committer.close()
      store.close()
    },
  }
}
