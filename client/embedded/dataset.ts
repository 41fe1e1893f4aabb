import {readFileSync} from 'node:fs'

/** A document as stored in the dataset: a JSON object with an id and a type, and whatever fields it holds. */
export interface StoredDocument {
  _id: string
  _type: string
  [field: string]: unknown
}

export type Perspective = 'published' | 'drafts' | 'raw'

/** The documents one perspective sees, with the lookups the evaluator needs. */
export interface PerspectiveView {
  readonly documents: readonly StoredDocument[]
  readonly byId: ReadonlyMap<string, StoredDocument>
  readonly byType: ReadonlyMap<string, readonly StoredDocument[]>
  /** Documents of one type keyed by `slug.current`, built on first use. */
  slugIndex(type: string): ReadonlyMap<string, readonly StoredDocument[]>
}

/**
 * An immutable, loaded dataset. Views are built lazily, once per perspective,
 * so that loading stays cheap for callers that only need one of them.
 */
export interface DatasetSnapshot {
  /** Every document as loaded, drafts and release versions included. */
  readonly documents: readonly StoredDocument[]
  /** Where the documents came from, for error messages. */
  readonly origin: string
  /** What a perspective sees; an anonymous reader (no token) sees only documents on the root path, whatever the perspective. */
  view(perspective: Perspective, reader?: {anonymous?: boolean}): PerspectiveView
}

export class DatasetLoadError extends Error {
  override readonly name = 'DatasetLoadError'
  constructor(
    message: string,
    readonly origin: string,
    readonly line?: number,
  ) {
    super(message)
  }
}

const DRAFT_PREFIX = 'drafts.'
const VERSION_PREFIX = 'versions.'

export function isDraftId(id: string): boolean {
  return id.startsWith(DRAFT_PREFIX)
}

export function isVersionId(id: string): boolean {
  return id.startsWith(VERSION_PREFIX)
}

/**
 * Whether an id is on the root path (it holds no `.`). The Content Lake lets
 * anyone read such a document in a public dataset; an id with a path, such
 * as a draft's `drafts.x` or `settings.site`, needs a token.
 */
export function isRootPathId(id: string): boolean {
  return !id.includes('.')
}

export function publishedIdOf(id: string): string {
  if (isDraftId(id)) return id.slice(DRAFT_PREFIX.length)
  if (isVersionId(id)) return id.slice(id.indexOf('.', VERSION_PREFIX.length) + 1)
  return id
}

function describeProblem(value: unknown): string | null {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return 'is not a JSON object'
  const record = value as Record<string, unknown>
  if (typeof record._id !== 'string' || record._id === '') return 'has no string "_id"'
  if (typeof record._type !== 'string' || record._type === '') return `("${record._id}") has no string "_type"`
  return null
}

/** One document of NDJSON text, with the line it came from. */
export interface NdjsonLine {
  document: StoredDocument
  /** The line's JSON text as it stands in the file, trimmed. */
  json: string
  lineNumber: number
}

/**
 * Reads NDJSON text one document per non-empty line, each checked to be an
 * object with a string `_id` and `_type`. The first bad line stops the read
 * with a DatasetLoadError that names it.
 */
export function* readNdjsonLines(text: string, origin = 'NDJSON input'): Generator<NdjsonLine> {
  const lines = text.split('\n')
  for (let index = 0; index < lines.length; index++) {
    const json = lines[index]?.trim() ?? ''
    if (json === '') continue
    const lineNumber = index + 1
    let value: unknown
    try {
      value = JSON.parse(json)
    } catch (error) {
      const reason = error instanceof Error ? error.message : String(error)
      throw new DatasetLoadError(`${origin}, line ${lineNumber}: not valid JSON (${reason})`, origin, lineNumber)
    }
    const problem = describeProblem(value)
    if (problem) throw new DatasetLoadError(`${origin}, line ${lineNumber}: the document ${problem}`, origin, lineNumber)
    // describeProblem has checked the object and its string _id and _type.
    yield {document: value as StoredDocument, json, lineNumber}
  }
}

/** Parses NDJSON text: one document per non-empty line. */
export function parseNdjson(text: string, origin = 'NDJSON input'): StoredDocument[] {
  return Array.from(readNdjsonLines(text, origin), (line) => line.document)
}

function checkDocuments(values: readonly unknown[], origin: string): StoredDocument[] {
  return values.map((value, index) => {
    const problem = describeProblem(value)
    if (problem) throw new DatasetLoadError(`${origin}, document ${index}: the document ${problem}`, origin, index + 1)
    // describeProblem has checked the object and its string _id and _type.
    return value as StoredDocument
  })
}

function buildView(documents: readonly StoredDocument[]): PerspectiveView {
  const byId = new Map<string, StoredDocument>()
  const byType = new Map<string, StoredDocument[]>()
  for (const document of documents) {
    byId.set(document._id, document)
    const ofType = byType.get(document._type)
    if (ofType) ofType.push(document)
    else byType.set(document._type, [document])
  }
  const slugIndexes = new Map<string, Map<string, StoredDocument[]>>()
  return {
    documents,
    byId,
    byType,
    slugIndex(type) {
      let index = slugIndexes.get(type)
      if (!index) {
        index = new Map()
        for (const document of byType.get(type) ?? []) {
          const slug = (document.slug as {current?: unknown} | undefined)?.current
          if (typeof slug !== 'string') continue
          const bucket = index.get(slug)
          if (bucket) bucket.push(document)
          else index.set(slug, [document])
        }
        slugIndexes.set(type, index)
      }
      return index
    },
  }
}

/**
 * The drafts perspective as the Content Lake serves it: a draft replaces its
 * published document, keeps the published `_id` and carries its own id in
 * `_originalId`. Release versions stay invisible.
 */
function overlayDrafts(documents: readonly StoredDocument[]): StoredDocument[] {
  const drafts = new Map<string, StoredDocument>()
  for (const document of documents) {
    if (isDraftId(document._id)) drafts.set(publishedIdOf(document._id), document)
  }
  const result: StoredDocument[] = []
  const seen = new Set<string>()
  for (const document of documents) {
    if (isVersionId(document._id)) continue
    const id = publishedIdOf(document._id)
    if (seen.has(id)) continue
    seen.add(id)
    const draft = drafts.get(id)
    result.push(draft ? {...draft, _id: id, _originalId: draft._id} : document)
  }
  return result
}

function createSnapshot(documents: StoredDocument[], origin: string): DatasetSnapshot {
  const frozen = Object.freeze(documents)
  const views = new Map<Perspective | 'anonymous', PerspectiveView>()
  return {
    documents: frozen,
    origin,
    view(perspective, reader = {}) {
      // Drafts and release versions are never on the root path: every perspective looks the same to an anonymous reader.
      const key = reader.anonymous === true ? 'anonymous' : perspective
      let view = views.get(key)
      if (!view) {
        const visible =
          key === 'anonymous'
            ? frozen.filter((document) => isRootPathId(document._id))
            : key === 'raw'
              ? frozen
              : key === 'drafts'
                ? overlayDrafts(frozen)
                : frozen.filter((document) => !isDraftId(document._id) && !isVersionId(document._id))
        view = buildView(visible)
        views.set(key, view)
      }
      return view
    },
  }
}

/**
 * Loads a dataset from an NDJSON file path or from documents in memory.
 * Every line must be a JSON object with a string `_id` and `_type`; the first
 * line that is not fails the whole load with its line number.
 */
export function loadDataset(pathOrDocuments: string | readonly unknown[]): DatasetSnapshot {
  if (typeof pathOrDocuments === 'string') {
    let text: string
    try {
      text = readFileSync(pathOrDocuments, 'utf8')
    } catch (error) {
      const reason = error instanceof Error ? error.message : String(error)
      throw new DatasetLoadError(`Cannot read the dataset file ${pathOrDocuments}: ${reason}`, pathOrDocuments)
    }
    return createSnapshot(parseNdjson(text, pathOrDocuments), pathOrDocuments)
  }
  return createSnapshot(checkDocuments(pathOrDocuments, 'documents'), 'documents')
}
