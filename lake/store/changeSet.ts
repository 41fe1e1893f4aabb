import type {StoredDocument} from '../../client/embedded/dataset'

/**
 * What one step does to the stored dataset: documents created or replaced
 * (by `_id`) and ids removed. A committed transaction, a journal record and a
 * new store version all carry one.
 */
export interface ChangeSet {
  upserts: readonly StoredDocument[]
  deletes: readonly string[]
}

/** Applies a change set to a map of documents in place: deletes, then upserts. Replaying the same change set twice gives the same map. */
export function applyChangeSet(documents: Map<string, StoredDocument>, changes: ChangeSet): void {
  for (const id of changes.deletes) documents.delete(id)
  for (const document of changes.upserts) documents.set(document._id, document)
}

/**
 * Applies a change set to a document list, keeping the order every holder of
 * a version uses: an upsert replaces a document with its `_id` in place and
 * appends a new one.
 */
export function applyChangeSetInOrder(documents: readonly StoredDocument[], changes: ChangeSet): StoredDocument[] {
  const deleted = new Set(changes.deletes)
  const upserts = new Map(changes.upserts.map((document) => [document._id, document]))
  const next: StoredDocument[] = []
  for (const document of documents) {
    if (deleted.has(document._id) && !upserts.has(document._id)) continue
    const replacement = upserts.get(document._id)
    if (replacement) {
      next.push(replacement)
      upserts.delete(document._id)
    } else {
      next.push(document)
    }
  }
  for (const document of upserts.values()) next.push(document)
  return next
}
