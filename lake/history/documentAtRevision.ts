import type {StoredDocument} from '../../client/embedded/dataset'
import type {HistoryEntry, HistoryLog} from './historyLog'

/** Which state of a document `GET /data/history/{dataset}/documents/{id}` asks for. */
export type RevisionPoint = {revision: string} | {time: number} | {lastRevision: true}

/**
 * A document as it was at a revision or a time, from the history and the
 * current documents; null when that state is not known (a revision older
 * than what retention keeps, or one the document never had), which the
 * endpoint answers by leaving the document out, as the Content Lake does.
 */
export async function documentAt(log: HistoryLog, current: ReadonlyMap<string, StoredDocument>, id: string, point: RevisionPoint): Promise<StoredDocument | null> {
  const touching = log.entries.filter((entry) => entry.documentIds.includes(id))
  const stateAfter = async (entry: HistoryEntry) => (await log.read(entry)).documents.find((change) => change.id === id)?.after ?? null
  const stateBefore = async (entry: HistoryEntry) => (await log.read(entry)).documents.find((change) => change.id === id)?.before ?? null
  const first = touching[0]
  if ('revision' in point) {
    const entry = touching.find((candidate) => candidate.id === point.revision)
    if (entry) return stateAfter(entry)
    // The state before the oldest kept change carries its own revision: one made before the history began, or by a dropped transaction.
    if (first) {
      const before = await stateBefore(first)
      return before?._rev === point.revision ? before : null
    }
    const document = current.get(id)
    return document?._rev === point.revision ? document : null
  }
  if ('time' in point) {
    const last = touching.findLast((entry) => entry.time <= point.time)
    if (last) return stateAfter(last)
    const unchangedSince = (document: StoredDocument | null) => document !== null && typeof document._updatedAt === 'string' && Date.parse(document._updatedAt) <= point.time
    if (first) {
      const before = await stateBefore(first)
      return unchangedSince(before) ? before : null
    }
    const document = current.get(id) ?? null
    return unchangedSince(document) ? document : null
  }
  const document = current.get(id)
  if (document) return document
  // A deleted document: its last state before the deletion.
  const last = touching.at(-1)
  return last ? stateBefore(last) : null
}
