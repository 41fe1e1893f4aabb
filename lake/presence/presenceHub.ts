import {randomUUID} from 'node:crypto'
import type {IncomingMessage} from 'node:http'
import type {Duplex} from 'node:stream'
import {WebSocketServer, type RawData, type WebSocket} from 'ws'
import {ApiError} from '../http/apiError'
import {
  CLOSE_CODE,
  errorMessage,
  HEARTBEAT,
  parseRequest,
  resultMessage,
  RPC_ERROR,
  RpcError,
  sessionIdOf,
  subscriptionMessage,
  type PresenceEvent,
  type RpcRequest,
} from './presenceProtocol'

/**
 * Presence: which editors have which document open, and in which field. The
 * Studio announces its locations over a WebSocket and hears everyone else's
 * (see presenceProtocol.ts). The Content Lake keeps nothing of it either: a
 * Studio that joins asks the others to announce themselves (a roll call).
 */

export interface PresenceHubOptions {
  /** The user an authorization stands for; throws an ApiError (401/403) for one that may not see presence. */
  authorize(authorization: string | undefined, request: IncomingMessage): string
  /** Open sockets at most; one more is refused with 503 (MAX_PRESENCE_CONNECTIONS). */
  maxConnections: number
  /** A socket whose client has not yet taken more than this many bytes is closed (LISTEN_BUFFER_BYTES). */
  maxBufferedBytes: number
  /** A bigger message closes the socket (1009). */
  maxMessageBytes?: number
  heartbeatMs?: number
}

/** Per socket: a Studio has one subscription and one session; a few more leave room, not a heap. */
const MAX_SUBSCRIPTIONS = 4
const MAX_SESSIONS = 8
const MAX_LOCATIONS = 64

interface Connection {
  socket: WebSocket
  request: IncomingMessage
  /** Null until the socket has sent a token that may see presence. */
  user: string | null
  subscriptions: Set<string>
  /** The sessions this socket announced; they leave when it closes. */
  sessions: Set<string>
}

function textOf(data: RawData): string {
  if (Array.isArray(data)) return Buffer.concat(data).toString('utf8')
  return (Buffer.isBuffer(data) ? data : Buffer.from(new Uint8Array(data))).toString('utf8')
}

export class PresenceHub {
  private readonly connections = new Set<Connection>()
  private readonly sockets: WebSocketServer
  private readonly heartbeat: NodeJS.Timeout

  constructor(private readonly options: PresenceHubOptions) {
    this.sockets = new WebSocketServer({noServer: true, maxPayload: options.maxMessageBytes ?? 64 * 1024, perMessageDeflate: false})
    this.heartbeat = setInterval(() => {
      for (const connection of this.connections) this.send(connection, HEARTBEAT)
    }, options.heartbeatMs ?? 20_000)
    this.heartbeat.unref()
  }

  /** Takes over an HTTP upgrade the server has checked (host, origin, path); an ApiError (503) when the sockets are all taken. */
  upgrade(request: IncomingMessage, socket: Duplex, head: Buffer): void {
    if (this.connections.size >= this.options.maxConnections) {
      throw new ApiError(503, `Too many open presence sockets (at most ${this.options.maxConnections}, MAX_PRESENCE_CONNECTIONS); close a Studio window and try again.`)
    }
    this.sockets.handleUpgrade(request, socket, head, (webSocket) => this.open(webSocket, request))
  }

  close(): void {
    clearInterval(this.heartbeat)
    for (const connection of this.connections) connection.socket.terminate()
    this.connections.clear()
    this.sockets.close()
  }

  private open(socket: WebSocket, request: IncomingMessage): void {
    const connection: Connection = {socket, request, user: null, subscriptions: new Set(), sessions: new Set()}
    this.connections.add(connection)
    socket.on('message', (data: RawData, isBinary: boolean) => this.receive(connection, data, isBinary))
    // ws closes the socket itself after an error (a message over maxPayload gets 1009).
    socket.on('error', () => undefined)
    socket.on('close', () => this.leave(connection))
  }

  private receive(connection: Connection, data: RawData, isBinary: boolean): void {
    if (isBinary) {
      connection.socket.close(1003, 'Presence messages are JSON text.')
      return
    }
    let request: RpcRequest
    try {
      request = parseRequest(textOf(data))
    } catch (error) {
      this.send(connection, errorMessage(null, error instanceof RpcError ? error : new RpcError(RPC_ERROR.invalidRequest, String(error))))
      return
    }
    try {
      const result = this.call(connection, request)
      if (request.id !== null) this.send(connection, resultMessage(request.id, result))
    } catch (error) {
      const rpcError = error instanceof RpcError ? error : new RpcError(RPC_ERROR.invalidRequest, error instanceof Error ? error.message : String(error))
      this.send(connection, errorMessage(request.id, rpcError))
      if (rpcError.code === CLOSE_CODE.unauthorized) connection.socket.close(CLOSE_CODE.unauthorized, 'Unauthorized')
    }
  }

  private call(connection: Connection, {method, params}: RpcRequest): unknown {
    if (method === 'authorization') {
      const authorization = typeof params.authorization === 'string' ? params.authorization : undefined
      try {
        connection.user = this.options.authorize(authorization, connection.request)
      } catch (error) {
        throw new RpcError(CLOSE_CODE.unauthorized, error instanceof ApiError ? error.message : 'The token may not see presence.')
      }
      return true
    }
    const user = connection.user
    if (user === null) {
      throw new RpcError(RPC_ERROR.invalidRequest, `Presence shows who edits what, so it needs the write token: send "authorization" with "Bearer <token>" before ${method}.`)
    }
    switch (method) {
      case 'presence_subscribe': {
        if (connection.subscriptions.size >= MAX_SUBSCRIPTIONS)
          throw new RpcError(RPC_ERROR.invalidRequest, `One socket holds at most ${MAX_SUBSCRIPTIONS} presence subscriptions.`)
        const subscription = randomUUID()
        connection.subscriptions.add(subscription)
        return subscription
      }
      case 'presence_unsubscribe':
        return typeof params.subscriptionId === 'string' && connection.subscriptions.delete(params.subscriptionId)
      case 'presence_announce': {
        const data = typeof params.data === 'object' && params.data !== null ? (params.data as Record<string, unknown>) : {}
        const sessionId = sessionIdOf(data.sessionId, 'data.sessionId')
        const locations = data.locations
        if (!Array.isArray(locations) || locations.length > MAX_LOCATIONS) {
          throw new RpcError(RPC_ERROR.invalidParams, `data.locations must be a list of at most ${MAX_LOCATIONS} locations.`)
        }
        this.own(connection, sessionId)
        this.broadcast({type: 'state', i: user, m: {sessionId, locations}})
        return true
      }
      case 'presence_rollcall':
        this.broadcast({type: 'rollCall', i: user, session: sessionIdOf(params.session, 'session')})
        return true
      case 'presence_disconnect': {
        const session = sessionIdOf(params.session, 'session')
        connection.sessions.delete(session)
        this.broadcast({type: 'disconnect', i: user, m: {session}})
        return true
      }
      default:
        throw new RpcError(RPC_ERROR.methodNotFound, `The presence socket has no method "${method}".`)
    }
  }

  private own(connection: Connection, session: string): void {
    if (connection.sessions.has(session)) return
    if (connection.sessions.size >= MAX_SESSIONS) throw new RpcError(RPC_ERROR.invalidRequest, `One socket announces at most ${MAX_SESSIONS} sessions.`)
    connection.sessions.add(session)
  }

  /** A socket that closes takes its sessions along, as if each had said goodbye. */
  private leave(connection: Connection): void {
    if (!this.connections.delete(connection)) return
    if (connection.user === null) return
    for (const session of connection.sessions) this.broadcast({type: 'disconnect', i: connection.user, m: {session}})
  }

  private broadcast(event: PresenceEvent): void {
    for (const connection of this.connections) {
      for (const subscription of connection.subscriptions) this.send(connection, subscriptionMessage(subscription, event))
    }
  }

  /** A client that stops reading would hold every later message in memory; it is closed instead. */
  private send(connection: Connection, text: string): void {
    if (connection.socket.readyState !== connection.socket.OPEN) return
    if (connection.socket.bufferedAmount > this.options.maxBufferedBytes) {
      connection.socket.terminate()
      return
    }
    connection.socket.send(text)
  }
}
