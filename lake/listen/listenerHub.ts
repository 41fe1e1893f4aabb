import type {IncomingMessage, ServerResponse} from 'node:http'
import {encodeServerSentEvent, KEEP_ALIVE_COMMENT} from '../http/serverSentEvents'
import {checkAccess} from '../write/accessToken'
import type {Committer} from '../write/committer'
import type {CommittedTransaction} from '../write/transaction'
import {
  channelErrorEvent,
  compileListenFilter,
  missedEvents,
  mutationEventsFor,
  mutationServerSentEvent,
  newListenerName,
  parseLastEventId,
  parseListenRequest,
  resetEvent,
  welcomeEvent,
  type ListenerFilter,
  type ListenLimits,
} from './listenEvents'

export interface ListenerHubOptions {
  committer: Committer
  /** The token that lets a listener see drafts; null when the server runs read-only, and every listener sees them. */
  token: string | null
  maxListeners?: number
  keepAliveMs?: number
  /** The query API's limits, for the listener's query and `$params`. */
  limits?: Partial<ListenLimits>
}

interface Listener {
  filter: ListenerFilter
  /** Opened with the write token (the Studio): such listeners have a share of the limit of their own. */
  withToken: boolean
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

  constructor(private readonly context: ListenerHubOptions) {
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
    let canReadPrivateIds = this.context.token === null
    if (authorization !== undefined && this.context.token !== null) {
      const denied = checkAccess(authorization, this.context.token, 'read', 'listening to drafts')
      if (denied) {
        response.writeHead(denied.statusCode, {'content-type': 'application/json; charset=utf-8', ...extraHeaders})
        response.end(JSON.stringify(denied.body))
        return
      }
      canReadPrivateIds = true
    }
    const parsed = parseListenRequest(url.searchParams, this.context.limits)
    const compiled = parsed.ok ? compileListenFilter(parsed.request, canReadPrivateIds, this.context.limits) : parsed
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
    // Listeners with the token and those without each have the whole limit, so anonymous clients cannot lock the Studio out.
    const withToken = authorization !== undefined && this.context.token !== null
    const limit = this.context.maxListeners ?? 1000
    let open = 0
    for (const other of this.listeners) if (other.withToken === withToken) open++
    if (open >= limit) {
      response.end(
        encodeServerSentEvent(channelErrorEvent({message: `Too many open listeners ${withToken ? 'with' : 'without'} the token (at most ${limit}); close some and try again`})),
      )
      return
    }
    const filter = compiled.filter
    const listener: Listener = {filter, withToken, response, chain: Promise.resolve()}
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
