import {Editorial, Passage, type DraftDocument, type SeedDocument} from './draft'
import {mappedDocuments} from './mapping'
import {describeAnchor, SourceText, type PassageAnchor} from './sourceText'

/** Where one value of one document came from. */
export type Provenance =
  | {documentId: string; path: string; kind: 'passage'; anchor: PassageAnchor; text: string}
  | {documentId: string; path: string; kind: 'editorial'; value: string | number; note?: string}

export interface SeedProblem {
  documentId: string
  path: string
  message: string
}

export type BuildResult = {ok: true; documents: SeedDocument[]; provenance: Provenance[]} | {ok: false; problems: SeedProblem[]}

function joinPath(path: string, segment: string | number): string {
  if (typeof segment === 'number') return `${path}[${segment}]`
  return path === '' ? segment : `${path}.${segment}`
}

/**
 * Turns the mapping into plain documents: every `passage` is replaced by its
 * text from the source and every `editorial` by its value, and both are
 * recorded with their field path. All missing passages are reported at once.
 */
export function buildDocuments(source: SourceText, drafts: readonly DraftDocument[] = mappedDocuments()): BuildResult {
  const provenance: Provenance[] = []
  const problems: SeedProblem[] = []

  const resolve = (value: unknown, documentId: string, path: string): unknown => {
    if (value instanceof Passage) {
      const found = source.find(value.anchor)
      if ('problem' in found) {
        problems.push({documentId, path, message: `source passage ${describeAnchor(value.anchor)} not found: ${found.problem}`})
        return ''
      }
      provenance.push({documentId, path, kind: 'passage', anchor: value.anchor, text: found.text})
      return found.text
    }
    if (value instanceof Editorial) {
      provenance.push({documentId, path, kind: 'editorial', value: value.value, ...(value.note ? {note: value.note} : {})})
      return value.value
    }
    if (Array.isArray(value)) return value.map((item, index) => resolve(item, documentId, joinPath(path, index)))
    if (typeof value === 'object' && value !== null) {
      return Object.fromEntries(Object.entries(value).map(([key, item]) => [key, resolve(item, documentId, joinPath(path, key))]))
    }
    return value
  }

  // The resolved tree has the shape of the draft with passages and editorial
  // values replaced by their text; Draft<T> is built to mirror SeedDocument.
  const documents = drafts.map((draft) => withAdditions(resolve(draft, draft._id, '') as SeedDocument, provenance))
  return problems.length > 0 ? {ok: false, problems} : {ok: true, documents, provenance}
}

/**
 * Every editorial value carries its mark in the dataset: the document lists
 * the paths of the values the editors added (`additions`), so that the
 * Studio and the pages can tell them from the text of the source.
 */
function withAdditions(document: SeedDocument, provenance: readonly Provenance[]): SeedDocument {
  const additions = provenance
    .filter((entry): entry is Extract<Provenance, {kind: 'editorial'}> => entry.kind === 'editorial' && entry.documentId === document._id)
    .map((entry) => {
      const path = keyedPath(document, entry.path)
      return {_key: path.replace(/[^a-zA-Z0-9]+/gu, '-').replace(/^-|-$/gu, ''), _type: 'editorialAddition' as const, path, ...(entry.note ? {note: entry.note} : {})}
    })
  return additions.length > 0 ? {...document, additions} : document
}

/**
 * A field path in Sanity's notation, with array items named by their `_key`
 * where they have one (`codes[_key=="icd-10-N81"].code`), so that a mark
 * stays on its value when an editor reorders the list.
 */
function keyedPath(document: SeedDocument, path: string): string {
  let value: unknown = document
  let keyed = ''
  for (const [, field, index] of path.matchAll(/\.?([^.[\]]+)|\[(\d+)\]/gu)) {
    if (field !== undefined) {
      keyed += keyed === '' ? field : `.${field}`
      value = (value as Record<string, unknown> | undefined)?.[field]
      continue
    }
    const item = (value as unknown[] | undefined)?.[Number(index)]
    const key = (item as {_key?: unknown} | undefined)?._key
    keyed += typeof key === 'string' ? `[_key=="${key}"]` : `[${index}]`
    value = item
  }
  return keyed
}
