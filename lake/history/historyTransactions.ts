import type {StoredDocument} from '../../client/embedded/dataset'
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

/**
 * Who brought a document in that no kept transaction created: the seed or a
 * dataset file read at start, or a transaction retention has dropped.
 */
const IMPORT_AUTHOR = 'local-import'

/** One transaction to report: a kept one, or the origin of documents whose first state the history does not hold as a transaction. */
type Reported = {kind: 'kept'; entry: HistoryEntry} | {kind: 'origin'; line: TransactionLine; time: number}

/**
 * The states the requested documents had before their oldest kept
 * transaction (or now, when none touched them), each reported as the
 * transaction that created it, as the Content Lake reports an import: the
 * Studio lines its history up with a document's `_rev`, so that revision must
 * be a transaction it can find.
 */
async function origins(log: HistoryLog, current: ReadonlyMap<string, StoredDocument>, documentIds: readonly string[]): Promise<Reported[]> {
  const byRevision = new Map<string, {line: TransactionLine; time: number}>()
  for (const id of documentIds) {
    const first = log.entries.find((entry) => entry.documentIds.includes(id))
    const state = first ? ((await log.read(first)).documents.find((change) => change.id === id)?.before ?? null) : (current.get(id) ?? null)
    if (state === null || typeof state._rev !== 'string') continue
    const timestamp = typeof state._updatedAt === 'string' ? state._updatedAt : (first?.timestamp ?? new Date(0).toISOString())
    const origin = byRevision.get(state._rev) ?? {
      line: {id: state._rev, timestamp, author: IMPORT_AUTHOR, documentIDs: [], mutations: [], effects: {}},
      time: Date.parse(timestamp),
    }
    origin.line.documentIDs.push(id)
    origin.line.mutations?.push({createOrReplace: state})
    if (origin.line.effects) origin.line.effects[id] = {apply: mendozaPatch(null, state), revert: mendozaPatch(state, null)}
    byRevision.set(state._rev, origin)
  }
  return [...byRevision.values()].sort((a, b) => a.time - b.time).map(({line, time}) => ({kind: 'origin', line, time}))
}

const idOf = (item: Reported) => (item.kind === 'kept' ? item.entry.id : item.line.id)
const reportedTime = (item: Reported) => (item.kind === 'kept' ? item.entry.time : item.time)
const authorOf = (item: Reported) => (item.kind === 'kept' ? item.entry.author : item.line.author)

/** The transactions the request selects, in the order asked for; a `fromTransaction` or `toTransaction` not known selects nothing. */
async function selected(log: HistoryLog, current: ReadonlyMap<string, StoredDocument>, request: TransactionsRequest): Promise<Reported[]> {
  const wanted = new Set(request.documentIds)
  const kept: Reported[] = log.entries.filter((entry) => entry.documentIds.some((id) => wanted.has(id))).map((entry) => ({kind: 'kept', entry}))
  const all = [...(await origins(log, current, request.documentIds)), ...kept]
  const indexOf = (id: string | null, fallback: number) => (id === null ? fallback : all.findIndex((item) => idOf(item) === id))
  const from = indexOf(request.fromTransaction, 0)
  const to = indexOf(request.toTransaction, all.length - 1)
  if (from === -1 || to === -1) return []
  const authors = request.authors === null ? null : new Set(request.authors)
  const chosen = all
    .slice(from, to + 1)
    .filter(
      (item) =>
        (request.fromTime === null || reportedTime(item) >= request.fromTime) &&
        (request.toTime === null || reportedTime(item) <= request.toTime) &&
        (authors === null || authors.has(authorOf(item))),
    )
  if (request.reverse) chosen.reverse()
  return request.limit === null ? chosen : chosen.slice(0, request.limit)
}

/** The lines of the answer, one transaction at a time, so a long history is never held whole. */
export async function* transactionLines(log: HistoryLog, current: ReadonlyMap<string, StoredDocument>, request: TransactionsRequest): AsyncGenerator<TransactionLine> {
  const wanted = new Set(request.documentIds)
  for (const item of await selected(log, current, request)) {
    if (item.kind === 'origin') {
      const {mutations, effects, ...line} = item.line
      yield {...line, ...(request.excludeMutations ? {} : {mutations}), ...(request.mendozaEffects ? {effects} : {})}
      continue
    }
    const {entry} = item
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
