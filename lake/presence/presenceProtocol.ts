/**
 * The messages of Sanity's presence socket (`/v2022-06-30/socket/{dataset}`),
 * as `@sanity/bifur-client` and the Studio's presence store speak them:
 * JSON-RPC 2.0 requests from the Studio, answers with the request's id, and
 * subscription messages from the server. A text of one "♥" keeps the
 * connection alive.
 */

export const HEARTBEAT = '\u2665'

/** JSON-RPC's error codes, and the close codes bifur-client names. */
export const RPC_ERROR = {invalidRequest: -32600, methodNotFound: -32601, invalidParams: -32602, parseError: -32700} as const
export const CLOSE_CODE = {unauthorized: 4001} as const

export type RpcId = string | number

export interface RpcRequest {
  id: RpcId | null
  method: string
  params: Record<string, unknown>
}

/** Where an editor is: a document, and optionally the field's path and selection, as the Studio reports it. */
type PresenceLocations = unknown[]

/** What a subscriber hears: `i` is the user, as Sanity's presence service sends it. */
export type PresenceEvent =
  | {type: 'state'; i: string; m: {sessionId: string; locations: PresenceLocations}}
  | {type: 'rollCall'; i: string; session: string}
  | {type: 'disconnect'; i: string; m: {session: string}}

export class RpcError extends Error {
  constructor(
    readonly code: number,
    message: string,
  ) {
    super(message)
  }
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value)
}

/** Reads one message of the Studio's; a message that is not a JSON-RPC request is an RpcError naming what is wrong. */
export function parseRequest(text: string): RpcRequest {
  let message: unknown
  try {
    message = JSON.parse(text)
  } catch {
    throw new RpcError(RPC_ERROR.parseError, 'The message is not JSON.')
  }
  if (!isRecord(message) || message.jsonrpc !== '2.0' || typeof message.method !== 'string') {
    throw new RpcError(RPC_ERROR.invalidRequest, 'The message is not a JSON-RPC 2.0 request: it needs "jsonrpc": "2.0" and a "method".')
  }
  const id = typeof message.id === 'string' || typeof message.id === 'number' ? message.id : null
  const params = message.params === undefined ? {} : message.params
  if (!isRecord(params)) throw new RpcError(RPC_ERROR.invalidParams, `The params of ${message.method} must be an object.`)
  return {id, method: message.method, params}
}

export function resultMessage(id: RpcId, result: unknown): string {
  return JSON.stringify({jsonrpc: '2.0', id, result})
}

export function errorMessage(id: RpcId | null, error: RpcError): string {
  return JSON.stringify({jsonrpc: '2.0', id, error: {code: error.code, message: error.message}})
}

export function subscriptionMessage(subscription: string, event: PresenceEvent): string {
  return JSON.stringify({jsonrpc: '2.0', method: 'presence_subscription', params: {subscription, result: event}})
}

/** A session id as the Studio makes them (16 characters of nanoid); anything else is refused rather than kept. */
export function sessionIdOf(value: unknown, what: string): string {
  if (typeof value !== 'string' || !/^[A-Za-z0-9_-]{1,64}$/.test(value)) {
    throw new RpcError(RPC_ERROR.invalidParams, `${what} must be a session id of 1 to 64 letters, digits, "-" or "_".`)
  }
  return value
}
