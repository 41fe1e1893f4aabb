import {randomBytes} from 'node:crypto'
import type {IncomingMessage, ServerResponse} from 'node:http'
import {ApiError} from '../http/apiError'
import {encodeServerSentEvent, KEEP_ALIVE_COMMENT} from '../http/serverSentEvents'
import type {DatasetStore} from '../store/datasetStore'
import {changedContent, syncTagOf, type ContentKind, type SyncTag} from './syncTags'

/**
 * `GET /v{apiVersion}/data/live/events/{dataset}`, the Live Content API: a
 * server-sent event stream of sync tags that became invalid. One `welcome`
 * on connecting; then a `message` with `{tags}` and an `id` for every new
 * dataset version that changed what the listener can see. A reconnect with
 * `Last-Event-ID` gets the messages it missed, or `restart` when that
 * position is unknown (too old, or from before the server started).
 */

export interface LiveHubOptions {
  store: DatasetStore
  datasetName: string
  /** Throws (401/403) unless the authorization may read drafts; `includeDrafts=true` needs it. */
  checkDraftAccess(authorization: string | undefined): void
  /** Open streams at most; one more gets a `goaway` event and is closed. */
  maxConnections?: number
  /** How many recent events a reconnecting client can catch up on. */
  historyLength?: number
  keepAliveMs?: number
  /** A stream whose client has not yet taken more than this many bytes is disconnected (LISTEN_BUFFER_BYTES). */
  maxBufferedBytes?: number
}

interface LiveEvent {
  id: string
  tags: Record<ContentKind, SyncTag[]>
}

interface Connection {
  response: ServerResponse
  kind: ContentKind
}

export class LiveHub {
  private readonly connections = new Set<Connection>()
  private readonly history: LiveEvent[] = []
  /** Event ids carry it, so that an id from before a restart is recognised as unknown. */
  private readonly epoch = randomBytes(4).toString('hex')
  private readonly unsubscribe: () => void
  private readonly keepAlive: NodeJS.Timeout
  private readonly maxConnections: number
  private readonly historyLength: number

  constructor(private readonly options: LiveHubOptions) {
    this.maxConnections = options.maxConnections ?? 1000
    this.historyLength = options.historyLength ?? 1000
    this.unsubscribe = options.store.subscribe((delivery, version) => {
      const changed = changedContent(delivery)
      if (changed.size === 0) return
      const tagsOf = (kind: ContentKind) => (changed.has(kind) ? [syncTagOf(options.datasetName, kind)] : [])
      this.announce({id: `${this.epoch}-${version.version}`, tags: {published: tagsOf('published'), drafts: [...tagsOf('published'), ...tagsOf('drafts')]}})
    })
    this.keepAlive = setInterval(() => {
      for (const connection of this.connections) this.write(connection, KEEP_ALIVE_COMMENT)
    }, options.keepAliveMs ?? 25_000)
    this.keepAlive.unref()
  }

  get size(): number {
    return this.connections.size
  }

  /** The id of the newest event, for `lastLiveEventId` checks; null before the first. */
  get lastEventId(): string | null {
    return this.history.at(-1)?.id ?? null
  }

  private announce(event: LiveEvent): void {
    this.history.push(event)
    if (this.history.length > this.historyLength) this.history.shift()
    for (const connection of this.connections) this.send(connection, event)
  }

  private send(connection: Connection, event: LiveEvent): void {
    const tags = event.tags[connection.kind]
    if (tags.length === 0) return
    this.write(connection, encodeServerSentEvent({event: 'message', id: event.id, data: {tags}}))
  }

  /** A client that stopped reading is cut off before what waits for it grows past the limit; it reconnects with Last-Event-ID. */
  private write(connection: Connection, text: string): void {
    const {response} = connection
    if (response.writableEnded || response.destroyed) return
    if (response.writableLength > (this.options.maxBufferedBytes ?? 8 * 1024 * 1024)) {
      this.connections.delete(connection)
      response.destroy()
      return
    }
    response.write(text)
  }

  open(request: IncomingMessage, response: ServerResponse, url: URL): void {
    const method = request.method ?? 'GET'
    if (method !== 'GET') throw new ApiError(405, `Method ${method} is not allowed here; use GET.`, undefined, {allow: 'GET'})
    const accept = request.headers.accept
    if (accept !== undefined && !/text\/event-stream|\*\/\*/.test(accept))
      throw new ApiError(406, 'The live events API answers with text/event-stream; send Accept: text/event-stream.')
    const includeDrafts = url.searchParams.get('includeDrafts')
    if (includeDrafts !== null && includeDrafts !== 'true' && includeDrafts !== 'false')
      throw new ApiError(400, `"includeDrafts" must be true or false, got "${includeDrafts.slice(0, 100)}".`)
    // Drafts need the token, as any read of them does; published tags are opaque and need none.
    if (includeDrafts === 'true') this.options.checkDraftAccess(request.headers.authorization)
    const full = this.connections.size >= this.maxConnections
    const connection: Connection = {response, kind: includeDrafts === 'true' ? 'drafts' : 'published'}
    response.writeHead(200, {
      'content-type': 'text/event-stream; charset=utf-8',
      'cache-control': 'no-cache, no-transform',
      connection: 'keep-alive',
      'x-accel-buffering': 'no',
    })
    if (full) {
      // As the Content Lake refuses a stream: a goaway event, on which clients fall back to polling instead of reconnecting at once.
      const reason = `Too many open live connections (at most ${this.maxConnections}, MAX_LIVE_CONNECTIONS); close some and try again.`
      response.end(encodeServerSentEvent({event: 'goaway', id: this.lastEventId ?? `${this.epoch}-0`, data: {reason}}))
      return
    }
    const lastEventId = request.headers['last-event-id']
    if (typeof lastEventId === 'string' && lastEventId !== '') {
      const position = this.history.findIndex((event) => event.id === lastEventId)
      if (position === -1) {
        // An id this server never gave, or one it no longer holds: earlier positions are void.
        response.write(encodeServerSentEvent({event: 'restart', id: this.lastEventId ?? `${this.epoch}-0`, data: {}}))
      } else {
        response.write(encodeServerSentEvent({event: 'welcome', data: {}}))
        for (const event of this.history.slice(position + 1)) this.send(connection, event)
      }
    } else {
      response.write(encodeServerSentEvent({event: 'welcome', data: {}}))
    }
    this.connections.add(connection)
    const close = () => this.connections.delete(connection)
    request.once('close', close)
    response.once('close', close)
  }

  close(): void {
    clearInterval(this.keepAlive)
    this.unsubscribe()
    for (const connection of this.connections) connection.response.end()
    this.connections.clear()
  }
}
