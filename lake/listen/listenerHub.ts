import type {IncomingMessage, ServerResponse} from 'node:http'
import {canonicalJson} from '../http/etag'
import {encodeServerSentEvent, KEEP_ALIVE_COMMENT} from '../http/serverSentEvents'
import {checkAccess} from '../write/accessToken'
import type {Committer} from '../write/committer'
import type {CommittedTransaction} from '../write/transaction'
import type {FilterSpec} from './filterProtocol'
import {ListenFilterPool, type FilterPoolLimits, type TransactionVerdict} from './filterPool'
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
  type ChannelErrorData,
  type ListenerFilter,
  type ListenLimits,
} from './listenEvents'

/** What the listen path may cost: the query API's limits for its queries, and the bytes it may hold for readers that fall behind. */
export interface ListenerHubLimits extends ListenLimits, FilterPoolLimits {
  /** A listener with more than this many bytes of events not yet taken by its client is disconnected (LISTEN_BUFFER_BYTES). */
  maxBufferedBytesPerListener: number
  /** All listeners together may hold this many bytes not yet taken; beyond it the ones holding most are disconnected (LISTEN_BUFFER_TOTAL_BYTES). */
  maxBufferedBytes: number
}

export interface ListenerHubOptions {
  committer: Committer
  /** The token that lets a listener see drafts; null when the server runs read-only, and every listener sees them. */
  token: string | null
  maxListeners?: number
  keepAliveMs?: number
  /** From the server's settings (listenLimitsOf in lake/localLake.ts). */
  limits: ListenerHubLimits
  log?: (message: string) => void
}

/** The share of one core that the filters of all listeners without a token may use together. */
const ANONYMOUS_CORE_SHARE = 0.25

/** Listeners with the same query and `$params` on the same share: their filter is evaluated once per commit. */
interface FilterGroup {
  key: string
  spec: FilterSpec
  withToken: boolean
  listeners: Set<Listener>
}

interface Listener {
  filter: ListenerFilter
  group: FilterGroup
  response: ServerResponse
  /** Events are written in commit order: each transaction waits for the one before. */
  chain: Promise<void>
}

/** One commit's evaluation for one share; stopped when every listener it was for has gone. */
interface Round {
  groups: FilterGroup[]
  controller: AbortController
}

/**
 * The open listen connections of one dataset. Each committed transaction is
 * turned into every listener's events as soon as the committer announces it,
 * which happens before the writer gets its answer. Filters are evaluated in
 * worker threads, once per distinct query and `$params`; listeners with the
 * token (the Studio) and those without have separate threads, limits and
 * queues, so anonymous listeners cannot slow the Studio's down.
 */
export class ListenerHub {
  private readonly listeners = new Set<Listener>()
  private readonly groups = new Map<string, FilterGroup>()
  private readonly rounds = new Set<Round>()
  private readonly pools: {withToken: ListenFilterPool; anonymous: ListenFilterPool}
  private readonly unsubscribe: () => void
  private readonly keepAlive: NodeJS.Timeout

  constructor(private readonly context: ListenerHubOptions) {
    const log = context.log ? {log: context.log} : {}
    this.pools = {
      withToken: new ListenFilterPool('listen filter (with the token)', this.context.limits, {coreShare: 1, ...log}),
      // Anyone may listen without a token: their filters together get a quarter of a core, so they cannot starve queries and writes.
      anonymous: new ListenFilterPool('listen filter (without a token)', this.context.limits, {coreShare: ANONYMOUS_CORE_SHARE, ...log}),
    }
    this.unsubscribe = context.committer.subscribe((transaction) => this.broadcast(transaction))
    this.keepAlive = setInterval(() => {
      for (const listener of this.listeners) this.deliver(listener, KEEP_ALIVE_COMMENT)
    }, context.keepAliveMs ?? 25_000)
    this.keepAlive.unref()
  }

  get size(): number {
    return this.listeners.size
  }

  /** Resolves when the filter threads are up. */
  async ready(): Promise<void> {
    await Promise.all([this.pools.withToken.ready(), this.pools.anonymous.ready()])
  }

  /** Distinct filters being listened to, and the evaluation jobs waiting and running, for tests and diagnostics. */
  load(): {filters: number; withToken: ReturnType<ListenFilterPool['load']>; anonymous: ReturnType<ListenFilterPool['load']>} {
    return {filters: this.groups.size, withToken: this.pools.withToken.load(), anonymous: this.pools.anonymous.load()}
  }

  private broadcast(transaction: CommittedTransaction): void {
    for (const withToken of [true, false]) {
      const groups = [...this.groups.values()].filter((group) => group.withToken === withToken && group.listeners.size > 0)
      if (groups.length === 0) continue
      const verdicts = this.evaluate(transaction, groups, withToken)
      for (const group of groups) {
        for (const listener of group.listeners) {
          listener.chain = listener.chain.then(async () => {
            const matcher = await verdicts.then((byGroup) => byGroup.get(group))
            if (matcher === undefined) return
            if ('failed' in matcher) {
              this.fail(listener, matcher.failed)
              return
            }
            for (const event of mutationEventsFor(transaction, listener.filter, matcher.matches)) {
              if (!this.deliver(listener, encodeServerSentEvent(mutationServerSentEvent(event)))) return
            }
          })
        }
      }
    }
    this.enforceTotalBuffer()
  }

  /**
   * Evaluates the groups' filters on the transaction's documents in the
   * share's filter thread. Resolves to nothing for groups nobody waits for
   * any more (the evaluation was stopped).
   */
  private async evaluate(transaction: CommittedTransaction, groups: FilterGroup[], withToken: boolean): Promise<Map<FilterGroup, TransactionVerdict>> {
    const round: Round = {groups, controller: new AbortController()}
    this.rounds.add(round)
    try {
      const pool = withToken ? this.pools.withToken : this.pools.anonymous
      const verdicts = await pool.matchTransaction(
        groups.map((group) => group.spec),
        transaction,
        {withToken, signal: round.controller.signal},
      )
      const byGroup = new Map<FilterGroup, TransactionVerdict>()
      groups.forEach((group, index) => {
        const verdict = verdicts[index]
        if (verdict) byGroup.set(group, verdict)
      })
      return byGroup
    } catch {
      // Stopped: every listener of this round has gone.
      return new Map()
    } finally {
      this.rounds.delete(round)
    }
  }

  /**
   * Writes to a listener unless it has gone. A listener whose client has not
   * yet taken more than its share of what was written before is disconnected
   * instead; one event larger than the share still goes to a client that reads.
   */
  private deliver(listener: Listener, text: string): boolean {
    const {response} = listener
    if (response.writableEnded || response.destroyed) return false
    if (response.writableLength > this.context.limits.maxBufferedBytesPerListener) {
      this.disconnect(listener)
      return false
    }
    response.write(text)
    return true
  }

  /** Listeners that do not read are let go, those holding most first, until all of them together hold no more than the limit. */
  private enforceTotalBuffer(): void {
    let total = 0
    for (const listener of this.listeners) total += listener.response.writableLength
    if (total <= this.context.limits.maxBufferedBytes) return
    const largestFirst = [...this.listeners].sort((left, right) => right.response.writableLength - left.response.writableLength)
    for (const listener of largestFirst) {
      if (total <= this.context.limits.maxBufferedBytes) break
      total -= listener.response.writableLength
      this.disconnect(listener)
    }
  }

  /**
   * A client that stopped reading cannot be told anything any more: the
   * connection is cut, which frees what was waiting for it, and
   * @sanity/client reconnects (with `enableResume`, from the last event it saw).
   */
  private disconnect(listener: Listener): void {
    this.context.log?.(`A listener fell more than ${this.context.limits.maxBufferedBytesPerListener} bytes behind (or all together past their share) and was disconnected.`)
    this.remove(listener)
    listener.response.destroy()
  }

  private fail(listener: Listener, error: ChannelErrorData): void {
    this.remove(listener)
    if (!listener.response.writableEnded) listener.response.end(encodeServerSentEvent(channelErrorEvent(error)))
  }

  private remove(listener: Listener): void {
    if (!this.listeners.delete(listener)) return
    const {group} = listener
    group.listeners.delete(listener)
    if (group.listeners.size > 0) return
    this.groups.delete(group.key)
    // Work for listeners that have all gone is dropped, queued or running.
    for (const round of this.rounds) {
      if (round.groups.every((member) => member.listeners.size === 0)) round.controller.abort()
    }
  }

  private groupFor(filter: ListenerFilter, withToken: boolean): FilterGroup {
    const key = `${withToken}\u0000${filter.request.query}\u0000${canonicalJson(filter.request.params)}`
    let group = this.groups.get(key)
    if (!group) {
      group = {key, spec: {query: filter.request.query, params: filter.request.params}, withToken, listeners: new Set()}
      this.groups.set(key, group)
    }
    return group
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
    for (const other of this.listeners) if (other.group.withToken === withToken) open++
    if (open >= limit) {
      response.end(
        encodeServerSentEvent(channelErrorEvent({message: `Too many open listeners ${withToken ? 'with' : 'without'} the token (at most ${limit}); close some and try again`})),
      )
      return
    }
    const filter = compiled.filter
    const group = this.groupFor(filter, withToken)
    const listener: Listener = {filter, group, response, chain: Promise.resolve()}
    const lastEventId = parseLastEventId(typeof request.headers['last-event-id'] === 'string' ? request.headers['last-event-id'] : undefined)
    const listenerName = newListenerName()
    // Registered before anything is awaited, so no transaction committed from now on is missed.
    this.listeners.add(listener)
    group.listeners.add(listener)
    listener.chain = (async () => {
      if (lastEventId !== null && filter.request.enableResume) {
        const missed = await missedEvents(
          lastEventId,
          (id) => this.context.committer.transactionsSince(id),
          filter,
          async (transaction) => {
            const verdict = (await this.evaluate(transaction, [group], withToken)).get(group)
            if (verdict === undefined || 'failed' in verdict) throw new Error(verdict === undefined ? 'The listener has gone.' : verdict.failed.message)
            return verdict.matches
          },
        ).catch((error: unknown) => {
          this.fail(listener, {message: error instanceof Error ? error.message : String(error)})
          return undefined
        })
        if (missed === undefined) return
        if (missed === null) {
          this.deliver(listener, encodeServerSentEvent(resetEvent()))
          return
        }
        if (!this.deliver(listener, encodeServerSentEvent(welcomeEvent(listenerName, true)))) return
        for (const event of missed) if (!this.deliver(listener, encodeServerSentEvent(mutationServerSentEvent(event)))) return
        return
      }
      this.deliver(listener, encodeServerSentEvent(welcomeEvent(listenerName)))
    })()
    const close = () => this.remove(listener)
    request.once('close', close)
    response.once('close', close)
  }

  async close(): Promise<void> {
    clearInterval(this.keepAlive)
    this.unsubscribe()
    for (const listener of this.listeners) listener.response.end()
    this.listeners.clear()
    this.groups.clear()
    for (const round of this.rounds) round.controller.abort()
    await Promise.all([this.pools.withToken.close(), this.pools.anonymous.close()])
  }
}
