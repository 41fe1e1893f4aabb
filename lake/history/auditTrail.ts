import type {StoredDocument} from '../../client/embedded/dataset'
import {isPlainObject} from '../store/jsonValue'
import type {HistoryRecord} from './historyRecord'

/**
 * A document's history for a person: when, who, which fields changed, and
 * the text before and after, newest first. Rich text is flattened to plain
 * text, one line per block, and only the lines that differ are shown, so a
 * changed sentence stands out in a long leaflet.
 */

/** The text lines of a field's value: each rich text block is one line, other text and numbers one line each. */
function textLines(value: unknown): string[] {
  if (value === null || value === undefined) return []
  if (typeof value === 'string') return value === '' ? [] : [value]
  if (typeof value === 'number' || typeof value === 'boolean') return [String(value)]
  if (Array.isArray(value)) return value.flatMap(textLines)
  if (!isPlainObject(value)) return []
  if (value._type === 'block' && Array.isArray(value.children)) {
    const text = value.children.map((span) => (isPlainObject(span) && typeof span.text === 'string' ? span.text : '')).join('')
    return text === '' ? [] : [text]
  }
  if (value._type === 'reference' && typeof value._ref === 'string') return [`→ ${value._ref}`]
  if (value._type === 'slug' && typeof value.current === 'string') return [value.current]
  return Object.entries(value)
    .filter(([key]) => !key.startsWith('_'))
    .flatMap(([, item]) => textLines(item))
}

function changedFields(before: StoredDocument | null, after: StoredDocument | null): string[] {
  const keys = new Set([...Object.keys(before ?? {}), ...Object.keys(after ?? {})])
  // System fields (`_rev`, `_updatedAt`, …) change with every write or never: not an editor's change.
  return [...keys].filter((key) => !key.startsWith('_') && JSON.stringify(before?.[key]) !== JSON.stringify(after?.[key])).sort()
}

/** Lines in `from` that `to` lacks, in their order (each occurrence counted once). */
function missingFrom(from: string[], to: string[]): string[] {
  const left = new Map<string, number>()
  for (const line of to) left.set(line, (left.get(line) ?? 0) + 1)
  return from.filter((line) => {
    const count = left.get(line) ?? 0
    if (count === 0) return true
    left.set(line, count - 1)
    return false
  })
}

function variantOf(changeId: string, documentId: string): string {
  if (changeId === documentId) return 'published'
  if (changeId.startsWith('drafts.')) return 'draft'
  return changeId.split('.').slice(0, 2).join('.')
}

/** The ids a document's history covers: the document, its draft and its release versions. */
export function coversDocument(changeId: string, documentId: string): boolean {
  return changeId === documentId || changeId === `drafts.${documentId}` || (changeId.startsWith('versions.') && changeId.endsWith(`.${documentId}`))
}

/** The published document as it was when the record at `index` was made: from the history where it changed, else as it is now. */
function publishedAt(records: readonly HistoryRecord[], index: number, documentId: string, currentPublished: StoredDocument | null): StoredDocument | null {
  for (let earlier = index - 1; earlier >= 0; earlier--) {
    const change = records[earlier]?.documents.find((candidate) => candidate.id === documentId)
    if (change) return change.after
  }
  for (const later of records.slice(index)) {
    const change = later.documents.find((candidate) => candidate.id === documentId)
    if (change) return change.before
  }
  return currentPublished
}

/**
 * The audit trail of one document (with its draft and versions), newest
 * first, as printable lines. A new draft or version is compared with the
 * published document it was made from, so the trail shows the sentence an
 * editor changed rather than the whole document.
 */
export function auditTrail(records: readonly HistoryRecord[], documentId: string, currentPublished: StoredDocument | null): string[] {
  const lines: string[] = []
  for (let index = records.length - 1; index >= 0; index--) {
    const record = records[index]
    if (record === undefined) continue
    for (const change of record.documents.filter((candidate) => coversDocument(candidate.id, documentId))) {
      const what = change.before === null ? 'created' : change.after === null ? 'deleted' : 'changed'
      const base = change.before === null && change.id !== documentId ? publishedAt(records, index, documentId, currentPublished) : change.before
      const basis = base !== null && change.before === null ? ', compared with the published document' : ''
      const when = record.timestamp.replace('T', ' ').replace(/\.\d+Z$|Z$/u, ' UTC')
      lines.push(`${when}  ${record.author || 'unknown author'}  ${what} the ${variantOf(change.id, documentId)} document${basis}  (transaction ${record.id})`)
      for (const field of changedFields(base, change.after)) {
        const before = textLines(base?.[field])
        const after = textLines(change.after?.[field])
        lines.push(`  ${field}:`)
        for (const line of missingFrom(before, after)) lines.push(`    - ${line}`)
        for (const line of missingFrom(after, before)) lines.push(`    + ${line}`)
      }
      lines.push('')
    }
  }
  return lines
}
