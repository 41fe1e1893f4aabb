import type {PerspectiveView, StoredDocument} from '../../client/embedded/dataset'

/** One step into a document: a field, or an array element (with its `_key`, when it has one). */
export type SourceSegment = {field: string} | {index: number; key?: string}

/** Where a value sits in the documents a perspective sees: its document, and the steps from the document to it. */
export interface SourceLocation {
  document: StoredDocument
  /** The location of the object or array that holds this value; none for the document itself. */
  parent?: SourceLocation
  segment?: SourceSegment
}

/** A value reachable from more than one document (shared structure) is left without a source rather than given a wrong one. */
const AMBIGUOUS = null

interface ViewIndex {
  locations: WeakMap<object, SourceLocation | typeof AMBIGUOUS>
  indexed: WeakSet<StoredDocument>
}

const byView = new WeakMap<PerspectiveView, ViewIndex>()

function isContainer(value: unknown): value is object {
  return typeof value === 'object' && value !== null
}

function indexValue(index: ViewIndex, value: object, location: SourceLocation): void {
  const known = index.locations.get(value)
  if (known !== undefined) {
    if (known !== AMBIGUOUS && known.document !== location.document) index.locations.set(value, AMBIGUOUS)
    return
  }
  index.locations.set(value, location)
  if (Array.isArray(value)) {
    value.forEach((element: unknown, position) => {
      if (!isContainer(element)) return
      const key = (element as {_key?: unknown})._key
      indexValue(index, element, {document: location.document, parent: location, segment: typeof key === 'string' ? {index: position, key} : {index: position}})
    })
    return
  }
  for (const [field, entry] of Object.entries(value)) {
    if (isContainer(entry)) indexValue(index, entry, {document: location.document, parent: location, segment: {field}})
  }
}

/** The steps from the document to a location, outermost first. */
export function pathOf(location: SourceLocation): SourceSegment[] {
  const path: SourceSegment[] = []
  for (let step: SourceLocation | undefined = location; step?.segment !== undefined; step = step.parent) path.push(step.segment)
  return path.reverse()
}

export interface SourceLocator {
  /** A value the query has read from the view's documents or its params: if it is one of the view's documents, its objects and arrays become findable. */
  read(value: unknown): void
  /** Where an object or array of a document the query read sits; undefined for anything else. */
  locate(value: unknown): SourceLocation | undefined
}

/**
 * The objects and arrays of the documents a query read, by identity, with
 * the document and path each sits at. groq-js hands values read from a
 * document through unchanged, so an object or array in a query's result is
 * found here exactly when the query copied it from a document. Only the
 * documents a query read are indexed (a page query reads a few dozen, not
 * the dataset), once per dataset version and perspective.
 */
export function sourceLocatorFor(view: PerspectiveView): SourceLocator {
  let index = byView.get(view)
  if (!index) {
    index = {locations: new WeakMap(), indexed: new WeakSet()}
    byView.set(view, index)
  }
  const found = index
  const pending: StoredDocument[] = []
  return {
    read(value) {
      if (!isContainer(value) || found.indexed.has(value as StoredDocument)) return
      const document = value as StoredDocument // checked just below to be one of the view's documents
      if (typeof document._id === 'string' && view.byId.get(document._id) === document) pending.push(document)
    },
    locate(value) {
      if (!isContainer(value)) return undefined
      for (const document of pending.splice(0)) {
        if (found.indexed.has(document)) continue
        found.indexed.add(document)
        indexValue(found, document, {document})
      }
      return found.locations.get(value) ?? undefined
    },
  }
}
