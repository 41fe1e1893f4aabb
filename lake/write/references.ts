import type {StoredDocument} from '../../client/embedded/dataset'
import type {ChangeSet} from '../store/changeSet'
import {referencedIds} from '../store/documentRules'
import type {TransactionDraft} from './transaction'
import {TransactionError, type MutationErrorItem} from './transactionError'

/**
 * Referential integrity as the Content Lake keeps it. A strong reference
 * (`{_ref}` without `_weak: true`) must point at a document that exists: a
 * transaction may not write one to a missing document, nor delete (or
 * unpublish) a document that another document still references strongly.
 * Weak references may point anywhere.
 */

/** The ids a document references strongly, each once. */
function strongReferencesOf(document: StoredDocument): Set<string> {
  return referencedIds(document, {includeWeak: false})
}

/** Which documents reference each id strongly, kept up to date with every commit, so that a delete is checked without a scan. */
export class ReferenceIndex {
  private readonly referrers = new Map<string, Set<string>>()

  constructor(documents: Iterable<StoredDocument>) {
    for (const document of documents) this.add(document)
  }

  private add(document: StoredDocument): void {
    for (const target of strongReferencesOf(document)) {
      let from = this.referrers.get(target)
      if (!from) {
        from = new Set()
        this.referrers.set(target, from)
      }
      from.add(document._id)
    }
  }

  private remove(document: StoredDocument): void {
    for (const target of strongReferencesOf(document)) {
      const from = this.referrers.get(target)
      from?.delete(document._id)
      if (from?.size === 0) this.referrers.delete(target)
    }
  }

  /** Follows a committed change set; `before` gives each changed document's previous state. */
  apply(changes: ChangeSet, before: (id: string) => StoredDocument | null): void {
    for (const id of [...changes.deletes, ...changes.upserts.map((document) => document._id)]) {
      const previous = before(id)
      if (previous) this.remove(previous)
    }
    for (const document of changes.upserts) this.add(document)
  }

  strongReferrersOf(id: string): ReadonlySet<string> {
    return this.referrers.get(id) ?? new Set()
  }
}

/**
 * Refuses a finished transaction that would leave a strong reference to
 * nothing, naming the documents involved. Checks only what the transaction
 * changed, against the documents as they would be after it.
 */
export function checkReferences(draft: TransactionDraft, index: ReferenceIndex, changed: readonly string[]): void {
  // Each changed document's references as they will be, walked once, and the other way round.
  const changedIds = new Set(changed)
  const referencesAfter = new Map<string, Set<string>>()
  const referrersAfter = new Map<string, string[]>()
  for (const id of changed) {
    const document = draft.get(id)
    if (document === null) continue
    const targets = strongReferencesOf(document)
    referencesAfter.set(id, targets)
    for (const target of targets) {
      const referrers = referrersAfter.get(target)
      if (referrers) referrers.push(id)
      else referrersAfter.set(target, [id])
    }
  }
  // A referrer the transaction left alone still refers as the index says; a changed one as it will be.
  const stillRefers = (referrer: string, id: string) => (changedIds.has(referrer) ? (referencesAfter.get(referrer)?.has(id) ?? false) : true)
  const items: MutationErrorItem[] = []
  for (const id of changed) {
    const targets = referencesAfter.get(id)
    if (targets === undefined) {
      const candidates = new Set([...index.strongReferrersOf(id), ...(referrersAfter.get(id) ?? [])])
      const referencing = [...candidates].filter((referrer) => stillRefers(referrer, id))
      if (referencing.length > 0) {
        items.push({
          index: draft.firstMutationIndexOf(id),
          type: 'documentHasExistingReferencesError',
          description: `Document "${id}" cannot be deleted as there are references to it from ${referencing.map((referrer) => `"${referrer}"`).join(', ')}`,
          id,
          referencingIDs: [...referencing].sort(),
        })
      }
      continue
    }
    for (const target of targets) {
      if (draft.get(target) !== null) continue
      items.push({
        index: draft.firstMutationIndexOf(id),
        type: 'documentReferencesNonExistentDocumentError',
        description: `Document "${id}" references non-existent document "${target}"`,
        id,
        referenceID: target,
      })
    }
  }
  if (items.length > 0) throw new TransactionError(409, items)
}
