import type {DocumentQuery} from '../query/documentQuery'
import {isPlainObject} from '../store/jsonValue'
import {actionRequestOf, actionsResponseBody, applyActions} from './actions'
import {checkAccess, type Permission} from './accessToken'
import type {Committer} from './committer'
import {mutateResponseBody, mutationsOf} from './mutateBodies'
import {TransactionError} from './transactionError'

/**
 * The write endpoints of the local Content Lake, apart from routing and body
 * parsing: `/data/mutate` and `/data/actions`, answered as the Lake answers
 * them so that a stock @sanity/client works unchanged.
 */

export interface WriteApiContext {
  committer: Committer
  /** The write token; null when the server runs read-only. */
  token: string | null
  /** Runs the queries of mutations by query, bounded as every query is. */
  documentQuery: DocumentQuery
  /** MAX_JSON_DEPTH, for documents a patch makes. */
  maxDocumentDepth: number
  /** Who the request's transaction is recorded as (see authorIdentity.ts). */
  identity: string
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
function denyWrite(authorization: string | undefined, context: WriteApiContext, permission: Permission, what: string): JsonAnswer | null {
  if (context.token === null) {
    return {
      status: 405,
      body: {statusCode: 405, error: 'Method Not Allowed', message: 'This server runs with --read-only: writes are switched off.'},
      headers: {allow: 'GET, HEAD'},
    }
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
      identity: context.identity,
      dryRun,
      autoGenerateArrayKeys: booleanOption(search, 'autoGenerateArrayKeys') ?? false,
      documentQuery: context.documentQuery,
      maxDocumentDepth: context.maxDocumentDepth,
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
      identity: context.identity,
      dryRun: request.dryRun,
      maxDocumentDepth: context.maxDocumentDepth,
    })
    return {status: 200, body: actionsResponseBody(transaction.transactionId)}
  } catch (error) {
    return errorAnswer(error instanceof TransactionError ? error.withKind('actionError') : error)
  }
}
