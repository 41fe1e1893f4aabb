import type {IncomingMessage, ServerResponse} from 'node:http'
import {actionRequestOf, actionsResponseBody, applyActions} from './actions'
import {checkAccess, type Permission} from './accessToken'
import type {Committer} from '../store/committer'
import {
  channelErrorEvent,
  compileListenFilter,
  encodeServerSentEvent,
  KEEP_ALIVE_COMMENT,
  missedEvents,
  mutationEventsFor,
  mutationServerSentEvent,
  newListenerName,
  parseLastEventId,
  parseListenRequest,
  resetEvent,
  welcomeEvent,
  type ListenerFilter,
} from '../listen/listenEvents'
import {isPlainObject, mutateResponseBody, mutationsOf, TransactionError, type CommittedTransaction} from './mutations'

/**
 * The write half of the local Content Lake, apart from routing and body
 * parsing: `/data/mutate`, `/data/actions` and `/data/listen`, answered as the
 * Lake answers them so that a stock @sanity/client works unchanged.
 */

/** Who made local changes, as listeners and the history see it. */
export const LOCAL_IDENTITY = 'local-editor'

export interface WriteApiContext {
  committer: Committer
  /** The write token; null when the server runs read-only. */
  token: string | null
  maxListeners?: number
  keepAliveMs?: number
}

export interface JsonAnswer {
  status: number
  body: unknown
  headers?: Record<string, string>
}

function booleanOption(search: URLSearchParams, name: string): boolean | undefined {
  const value = search.get(name)
  if (value === null) return undefined
  if (value === 'true') return true
  if (value === 'false') return false
  throw new TransactionError(400, [{index: 0, type: 'validationError', description: `"${name}" must be true or false, got "${value.slice(0, 100)}"`}])
}

/** 403/401 in the Lake's shape, or 405 when the server is read-only; null when the request may go on. */
export function denyWrite(authorization: string | undefined, context: WriteApiContext, permission: Permission, what: string): JsonAnswer | null {
  if (context.token === null) {
    return {status: 405, body: {statusCode: 405, error: 'Method Not Allowed', message: 'This server runs with --read-only: writes are switched off.'}, headers: {allow: 'GET, HEAD'}}
  }
  const denied = checkAccess(authorization, context.token, permission, what)
  return denied === null ? null : {status: denied.statusCode, body: denied.body}
}

function errorAnswer(error: unknown): JsonAnswer {
  if (error instanceof TransactionError) return {status: error.statusCode, body: error.toBody()}
  throw error
}

/** `POST /v{apiVersion}/data/mutate/{dataset}` with `{mutations: [...]}`. */
export async function mutateEndpoint(input: {authorization: string | undefined; search: URLSearchParams; body: unknown}, context: WriteApiContext): Promise<JsonAnswer> {
  const denied = denyWrite(input.authorization, context, 'update', 'writes')
  if (denied) return denied
  try {
    const {search, body} = input
    const visibility = search.get('visibility')
    if (visibility !== null && !['sync', 'async', 'deferred'].includes(visibility)) {
      throw new TransactionError(400, [{index: 0, type: 'validationError', description: `"visibility" must be sync, async or deferred, got "${visibility.slice(0, 100)}"`}])
    }
    const bodyTransactionId = isPlainObject(body) && typeof body.transactionId === 'string' ? body.transactionId : undefined
    const transactionId = search.get('transactionId') ?? bodyTransactionId
    const dryRun = booleanOption(search, 'dryRun') ?? (isPlainObject(body) && body.dryRun === true)
    const transaction = await context.committer.mutate(mutationsOf(body), {
      ...(transactionId ? {transactionId} : {}),
      identity: LOCAL_IDENTITY,
      dryRun,
      autoGenerateArrayKeys: booleanOption(search, 'autoGenerateArrayKeys') ?? false,
    })
    // Every visibility is answered after the transaction is durable and visible to queries: there is no slower index to wait for.
    return {status: 200, body: mutateResponseBody(transaction, {returnIds: booleanOption(search, 'returnIds'), returnDocuments: booleanOption(search, 'returnDocuments')})}
  } catch (error) {
    return errorAnswer(error)
  }
}

/** `POST /v{apiVersion}/data/actions/{dataset}` with `{actions: [...]}`. */
export async function actionsEndpoint(input: {authorization: string | undefined; body: unknown}, context: WriteApiContext): Promise<JsonAnswer> {
  const denied = denyWrite(input.authorization, context, 'update', 'document actions')
  if (denied) return denied
  try {
    const request = actionRequestOf(input.body)
    const transaction = await context.committer.transact((draft) => applyActions(draft, request.actions), {
      ...(request.transactionId ? {transactionId: request.transactionId} : {}),
      identity: LOCAL_IDENTITY,
      dryRun: request.dryRun,
    })
    return {status: 200, body: actionsResponseBody(transaction.transactionId)}
  } catch (error) {
    return errorAnswer(error instanceof TransactionError ? error.withKind('actionError') : error)
  }
}

interface Listener {
  filter: ListenerFilter
  response: ServerResponse
  /** Events are written in commit order: each transaction waits for the one before. */
  chain: Promise<void>
}

/**
 * The open listen connections of one dataset. Each committed transaction is
 * turned into every listener's events as soon as the committer announces it,
 * which happens before the writer gets its answer.
 */
export class ListenerHub {
  private readonly listeners = new Set<Listener>()
  private readonly unsubscribe: () => void
  private readonly keepAlive: NodeJS.Timeout

  constructor(private readonly context: WriteApiContext) {
    this.unsubscribe = context.committer.subscribe((transaction) => this.broadcast(transaction))
    this.keepAlive = setInterval(() => {
      for (const listener of this.listeners) listener.response.write(KEEP_ALIVE_COMMENT)
    }, context.keepAliveMs ?? 25_000)
    this.keepAlive.unref()
  }

  get size(): number {
    return this.listeners.size
  }

  private broadcast(transaction: CommittedTransaction): void {
    for (const listener of this.listeners) {
      listener.chain = listener.chain.then(async () => {
        for (const event of await mutationEventsFor(transaction, listener.filter)) {
          if (listener.response.writableEnded) return
          listener.response.write(encodeServerSentEvent(mutationServerSentEvent(event)))
        }
      })
    }
  }

  /** `GET /v{apiVersion}/data/listen/{dataset}`: answers with an event stream that stays open. */
  open(request: IncomingMessage, response: ServerResponse, url: URL, extraHeaders: Record<string, string> = {}): void {
    // Drafts need the token, as reads of them do; without one they are left out. A wrong token is refused.
    const authorization = request.headers.authorization
    let canReadDrafts = this.context.token === null
    if (authorization !== undefined && this.context.token !== null) {
      const denied = checkAccess(authorization, this.context.token, 'read', 'listening to drafts')
      if (denied) {
        response.writeHead(denied.statusCode, {'content-type': 'application/json; charset=utf-8', ...extraHeaders})
        response.end(JSON.stringify(denied.body))
        return
      }
      canReadDrafts = true
    }
    const parsed = parseListenRequest(url.searchParams)
    const compiled = parsed.ok ? compileListenFilter(parsed.request, canReadDrafts) : parsed
    response.writeHead(200, {
      'content-type': 'text/event-stream; charset=utf-8',
      'cache-control': 'no-cache, no-transform',
      connection: 'keep-alive',
      'x-accel-buffering': 'no',
      ...extraHeaders,
    })
    response.flushHeaders()
    if (!compiled.ok) {
      response.end(encodeServerSentEvent(channelErrorEvent(compiled.error)))
      return
    }
    if (this.listeners.size >= (this.context.maxListeners ?? 1000)) {
      response.end(encodeServerSentEvent(channelErrorEvent({message: `Too many open listeners (at most ${this.context.maxListeners ?? 1000}); close some and try again`})))
      return
    }
    const filter = compiled.filter
    const listener: Listener = {filter, response, chain: Promise.resolve()}
    const lastEventId = parseLastEventId(typeof request.headers['last-event-id'] === 'string' ? request.headers['last-event-id'] : undefined)
    const listenerName = newListenerName()
    // Registered before anything is awaited, so no transaction committed from now on is missed.
    this.listeners.add(listener)
    listener.chain = (async () => {
      if (lastEventId !== null && filter.request.enableResume) {
        const missed = await missedEvents(lastEventId, (id) => this.context.committer.transactionsSince(id), filter)
        if (missed === null) {
          response.write(encodeServerSentEvent(resetEvent()))
          return
        }
        response.write(encodeServerSentEvent(welcomeEvent(listenerName, true)))
        for (const event of missed) response.write(encodeServerSentEvent(mutationServerSentEvent(event)))
        return
      }
      response.write(encodeServerSentEvent(welcomeEvent(listenerName)))
    })()
    const close = () => {
      this.listeners.delete(listener)
    }
    request.once('close', close)
    response.once('close', close)
  }

  close(): void {
    clearInterval(this.keepAlive)
    this.unsubscribe()
    for (const listener of this.listeners) listener.response.end()
    this.listeners.clear()
  }
}
