import {once} from 'node:events'
import type {IncomingMessage, ServerResponse} from 'node:http'
import type {StoredDocument} from '../../client/embedded/dataset'
import {ApiError} from '../http/apiError'
import {sendJsonText} from '../http/httpIo'
import {checkAccess} from '../write/accessToken'
import {documentAt, type RevisionPoint} from './documentAtRevision'
import type {HistoryLog} from './historyLog'
import {parseTransactionsRequest, transactionLines} from './historyTransactions'

/**
 * The Content Lake's history API on the local Lake:
 * `GET /v{apiVersion}/data/history/{dataset}/documents/{ids}?revision=…|time=…|lastRevision=true`
 * and `GET /v{apiVersion}/data/history/{dataset}/transactions/{ids}?…`.
 * History needs the token (the Lake's `history` permission): it holds every
 * earlier state, drafts included.
 */

export interface HistoryContext {
  log: HistoryLog
  /** The documents as of the last acknowledged transaction. */
  current: ReadonlyMap<string, StoredDocument>
  token: string
  maxIdListLength: number
}

const HISTORY_PATH = /^\/v[^/]+\/data\/history\/[^/]+\/(documents|transactions)\/([^/]+)$/

function idsOf(list: string, maxLength: number): string[] {
  if (list.length > maxLength) throw new ApiError(414, `The list of ids is longer than ${maxLength} characters (MAX_QUERY_LENGTH).`)
  const ids = list.split(',').map((id) => {
    try {
      return decodeURIComponent(id).trim()
    } catch {
      throw new ApiError(400, `The document id "${id.slice(0, 60)}" is not validly percent-encoded.`)
    }
  })
  if (ids.some((id) => id === '')) throw new ApiError(400, 'Give one or more document ids, separated by commas.')
  return ids
}

function revisionPointOf(search: URLSearchParams): RevisionPoint {
  const revision = search.get('revision')
  const time = search.get('time')
  const lastRevision = search.get('lastRevision') === 'true'
  if ([revision !== null, time !== null, lastRevision].filter(Boolean).length !== 1) {
    throw new ApiError(400, 'Give exactly one of "revision", "time" and "lastRevision=true": each names a point in the history.')
  }
  if (revision !== null) return {revision}
  if (time !== null) {
    const parsed = Date.parse(time)
    if (Number.isNaN(parsed)) throw new ApiError(400, `"time" must be a date and time such as 2026-01-31T12:00:00Z, got "${time.slice(0, 100)}".`)
    return {time: parsed}
  }
  return {lastRevision: true}
}

async function sendTransactions(response: ServerResponse, lines: AsyncGenerator<unknown>): Promise<void> {
  response.statusCode = 200
  response.setHeader('content-type', 'application/x-ndjson; charset=utf-8')
  response.setHeader('x-content-type-options', 'nosniff')
  for await (const line of lines) {
    if (response.destroyed) return
    if (!response.write(`${JSON.stringify(line)}\n`)) await once(response, 'drain')
  }
  response.end()
}

export async function handleHistory(request: IncomingMessage, response: ServerResponse, url: URL, context: HistoryContext): Promise<void> {
  const method = request.method ?? 'GET'
  if (method !== 'GET') throw new ApiError(405, `Method ${method} is not allowed here; use GET.`, undefined, {allow: 'GET'})
  const match = HISTORY_PATH.exec(url.pathname)
  if (!match) throw new ApiError(404, `Unknown API path ${url.pathname}. History is at /data/history/{dataset}/documents/{ids} and /data/history/{dataset}/transactions/{ids}.`)
  const denied = checkAccess(request.headers.authorization, context.token, 'read', 'history')
  if (denied) {
    sendJsonText(response, denied.statusCode, JSON.stringify(denied.body))
    return
  }
  const [, kind, list = ''] = match
  const ids = idsOf(list, context.maxIdListLength)
  if (kind === 'transactions') {
    await sendTransactions(response, transactionLines(context.log, context.current, parseTransactionsRequest(url.searchParams, ids)))
    return
  }
  const point = revisionPointOf(url.searchParams)
  const documents: StoredDocument[] = []
  for (const id of ids) {
    const document = await documentAt(context.log, context.current, id, point)
    if (document) documents.push(document)
  }
  sendJsonText(response, 200, JSON.stringify({documents}))
}
