import type {SeedDocument} from '../draft'

/**
 * Moves documents from the old ids (`condition.verzakking`: a `.` after the
 * type, which the Content Lake treats as a private path) to ids on the root
 * path (`condition-verzakking`), which a public dataset serves to anyone.
 * Drafts and release versions follow their document, and every reference
 * (`_ref`) to a moved document is rewritten; nothing else changes, so local
 * edits are kept.
 */

const PREFIX = /^(drafts\.|versions\.[^.]+\.)?/u

/** The new id for an old one, or null when the id is not an old `<type>.<name>` id of this document. */
export function rootPathIdOf(id: string, type: string): string | null {
  const prefix = PREFIX.exec(id)?.[0] ?? ''
  const rest = id.slice(prefix.length)
  if (!rest.startsWith(`${type}.`)) return null
  const name = rest.slice(type.length + 1)
  if (name === '' || name.includes('.')) return null
  return `${prefix}${type}-${name}`
}

interface MovedDocument {
  from: string
  to: string
  document: SeedDocument
}

export interface IdMigrationPlan {
  /** Documents that get a new id, with their new content (references rewritten). */
  moved: MovedDocument[]
  /** Documents that keep their id but reference a moved document, with the references rewritten. */
  rewritten: SeedDocument[]
}

function rewriteReferences(value: unknown, renamed: ReadonlyMap<string, string>): {value: unknown; changed: boolean} {
  if (Array.isArray(value)) {
    let changed = false
    const items = value.map((item) => {
      const next = rewriteReferences(item, renamed)
      changed ||= next.changed
      return next.value
    })
    return {value: changed ? items : value, changed}
  }
  if (typeof value !== 'object' || value === null) return {value, changed: false}
  let changed = false
  const entries = Object.entries(value).map(([key, item]) => {
    if (key === '_ref' && typeof item === 'string' && renamed.has(item)) {
      changed = true
      return [key, renamed.get(item)] as const
    }
    const next = rewriteReferences(item, renamed)
    changed ||= next.changed
    return [key, next.value] as const
  })
  return {value: changed ? Object.fromEntries(entries) : value, changed}
}

/**
 * The migration of a whole dataset: which documents move where, and which
 * references change. `resume` accepts a document already at its new id (left
 * by an interrupted run on a Content Lake): the old one replaces it again.
 */
export function planRootPathIds(documents: readonly SeedDocument[], options: {resume?: boolean} = {}): IdMigrationPlan {
  const renamed = new Map<string, string>()
  for (const document of documents) {
    const to = rootPathIdOf(document._id, document._type)
    if (to !== null) renamed.set(document._id, to)
  }
  const taken = new Set(documents.map((document) => document._id).filter((id) => !renamed.has(id)))
  for (const [from, to] of renamed) {
    if (taken.has(to) && options.resume !== true) throw new Error(`Cannot move "${from}" to "${to}": a document with that id exists already.`)
  }
  const arrivals = new Set(renamed.values())
  const moved: MovedDocument[] = []
  const rewritten: SeedDocument[] = []
  for (const document of documents) {
    const {value, changed} = rewriteReferences(document, renamed)
    const next = value as SeedDocument // only `_ref` strings changed: still the same document shape
    const to = renamed.get(document._id)
    if (to !== undefined) moved.push({from: document._id, to, document: {...next, _id: to}})
    // A copy an interrupted run left at a new id is written again from its old document.
    else if (changed && !arrivals.has(document._id)) rewritten.push(next)
  }
  return {moved, rewritten}
}

/** The dataset after the migration, in the original order. */
export function migratedDataset(documents: readonly SeedDocument[], plan: IdMigrationPlan): SeedDocument[] {
  const byOldId = new Map<string, SeedDocument>([
    ...plan.moved.map(({from, document}) => [from, document] as const),
    ...plan.rewritten.map((document) => [document._id, document] as const),
  ])
  return documents.map((document) => byOldId.get(document._id) ?? document)
}
