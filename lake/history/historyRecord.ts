import type {StoredDocument} from '../../client/embedded/dataset'

/**
 * One transaction as the history keeps it: who made it and when, the
 * mutations as applied, and each document it changed, before and after. The
 * states make every revision answerable on their own, also after older
 * transactions were dropped by retention.
 */
export interface HistoryRecord {
  /** The transaction id, which every document it changed carries as `_rev`. */
  id: string
  /** ISO time of the transaction. */
  timestamp: string
  /** Who made it: the local editor (the Studio) or the holder of the write token. */
  author: string
  mutations: unknown[]
  documents: HistoryDocumentChange[]
}

interface HistoryDocumentChange {
  id: string
  /** Null: the transaction created the document. */
  before: StoredDocument | null
  /** Null: the transaction deleted the document. */
  after: StoredDocument | null
}

/** What a committed transaction (or a replayed journal record) gives the history. */
export interface HistorySource {
  transactionId: string
  timestamp: string
  identity: string
  mutations: readonly unknown[]
  changes: ReadonlyArray<{id: string; previous: StoredDocument | null; document: StoredDocument | null}>
}

export function historyRecordOf(source: HistorySource): HistoryRecord {
  return {
    id: source.transactionId,
    timestamp: source.timestamp,
    author: source.identity,
    mutations: [...source.mutations],
    documents: source.changes.map((change) => ({id: change.id, before: change.previous, after: change.document})),
  }
}

export function encodeHistoryLine(record: HistoryRecord): string {
  return `${JSON.stringify(record)}\n`
}

/** The record on one line of the history file, or null when the line is not one (damaged by a crash or by hand). */
export function decodeHistoryLine(line: string): HistoryRecord | null {
  try {
    const value = JSON.parse(line) as Partial<HistoryRecord> | null // checked field by field below
    if (value === null || typeof value !== 'object') return null
    if (typeof value.id !== 'string' || typeof value.timestamp !== 'string' || typeof value.author !== 'string') return null
    if (!Array.isArray(value.mutations) || !Array.isArray(value.documents)) return null
    if (!value.documents.every((change) => typeof change?.id === 'string')) return null
    return value as HistoryRecord // every field read above has been checked
  } catch {
    return null
  }
}
