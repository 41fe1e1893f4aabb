import {ApiError} from '../http/apiError'
import {mendozaPatch} from '../listen/listenEvents'
import type {HistoryEntry, HistoryLog} from './historyLog'

/**
 * `GET /data/history/{dataset}/transactions/{ids}`: the transactions that
 * touched any of the documents, as the Content Lake lists them, one JSON
 * object per line, with the options the Studio sends.
 */

export interface TransactionsRequest {
  documentIds: string[]
  /** Leave out the mutations (`excludeContent` or `excludeMutations`). */
  excludeMutations: boolean
  /** `effectFormat=mendoza`: each document's change as mendoza patches, forward and back. */
  mendozaEffects: boolean
  /** Only the requested documents in `documentIDs` and `effects`, not every document the transaction touched. */
  identifiedOnly: boolean
  fromTransaction: string | null
  toTransaction: string | null
  fromTime: number | null
  toTime: number | null
  authors: string[] | null
  reverse: boolean
  limit: number | null
}

export interface TransactionLine {
  id: string
  timestamp: string
  author: string
  documentIDs: string[]
  mutations?: unknown[]
  effects?: Record<string, {apply: unknown[]; revert: unknown[]}>
}

function flag(search: URLSearchParams, name: string): boolean {
  const value = search.get(name)
  if (value === null || value === 'false') return false
  if (value === 'true' || value === '') return true
  throw new ApiError(400, `"${name}" must be true or false, got "${value.slice(0, 100)}".`)
}

function timeOf(search: URLSearchParams, name: string): number | null {
  const value = search.get(name)
  if (value === null) return null
  const time = Date.parse(value)
  if (Number.isNaN(time)) throw new ApiError(400, `"${name}" must be a date and time such as 2026-01-31T12:00:00Z, got "${value.slice(0, 100)}".`)
  return time
}

export function parseTransactionsRequest(search: URLSearchParams, documentIds: string[]): TransactionsRequest {
  const effectFormat = search.get('effectFormat')
  if (effectFormat !== null && effectFormat !== 'mendoza') throw new ApiError(400, `"effectFormat" must be "mendoza", got "${effectFormat.slice(0, 100)}".`)
  const limitText = search.get('limit')
  const limit = limitText === null ? null : Number(limitText)
  if (limit !== null && (!Number.isInteger(limit) || limit < 1)) throw new ApiError(400, `"limit" must be a whole number above 0, got "${String(limitText).slice(0, 100)}".`)
  const authors = search.get('authors')
  return {
    documentIds,
    excludeMutations: flag(search, 'excludeContent') || flag(search, 'excludeMutations'),
    mendozaEffects: effectFormat === 'mendoza',
    identifiedOnly: flag(search, 'includeIdentifiedDocumentsOnly'),
    fromTransaction: search.get('fromTransaction'),
    toTransaction: search.get('toTransaction'),
    fromTime: timeOf(search, 'fromTime'),
    toTime: timeOf(search, 'toTime'),
    authors: authors === null ? null : authors.split(',').map((author) => author.trim()),
    reverse: flag(search, 'reverse'),
    limit,
  }
}

/** The kept transactions the request selects, in the order asked for; a `fromTransaction` or `toTransaction` no longer kept selects nothing. */
function selectedEntries(log: HistoryLog, request: TransactionsRequest): HistoryEntry[] {
  const wanted = new Set(request.documentIds)
  const entries = log.entries
  const indexOf = (id: string | null, fallback: number) => (id === null ? fallback : entries.findIndex((entry) => entry.id === id))
  const from = indexOf(request.fromTransaction, 0)
  const to = indexOf(request.toTransaction, entries.length - 1)
  if (from === -1 || to === -1) return []
  const authors = request.authors === null ? null : new Set(request.authors)
  const selected = entries
    .slice(from, to + 1)
    .filter(
      (entry) =>
        entry.documentIds.some((id) => wanted.has(id)) &&
        (request.fromTime === null || entry.time >= request.fromTime) &&
        (request.toTime === null || entry.time <= request.toTime) &&
        (authors === null || authors.has(entry.author)),
    )
  if (request.reverse) selected.reverse()
  return request.limit === null ? selected : selected.slice(0, request.limit)
}

/** The lines of the answer, one transaction at a time, so a long history is never held whole. */
export async function* transactionLines(log: HistoryLog, request: TransactionsRequest): AsyncGenerator<TransactionLine> {
  const wanted = new Set(request.documentIds)
  for (const entry of selectedEntries(log, request)) {
    const documentIDs = request.identifiedOnly ? entry.documentIds.filter((id) => wanted.has(id)) : [...entry.documentIds]
    const needsRecord = !request.excludeMutations || request.mendozaEffects
    const record = needsRecord ? await log.read(entry) : null
    const line: TransactionLine = {id: entry.id, timestamp: entry.timestamp, author: entry.author, documentIDs}
    if (record && !request.excludeMutations) line.mutations = record.mutations
    if (record && request.mendozaEffects) {
      line.effects = Object.fromEntries(
        record.documents
          .filter((change) => documentIDs.includes(change.id))
          .map((change) => [change.id, {apply: mendozaPatch(change.before, change.after), revert: mendozaPatch(change.after, change.before)}]),
      )
    }
    yield line
  }
}
