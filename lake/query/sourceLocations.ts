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

type Locations = WeakMap<object, SourceLocation | typeof AMBIGUOUS>

const byView = new WeakMap<PerspectiveView, Locations>()

function isContainer(value: unknown): value is object {
  return typeof value === 'object' && value !== null
}

function indexValue(locations: Locations, value: object, location: SourceLocation): void {
  const known = locations.get(value)
  if (known !== undefined) {
    if (known !== AMBIGUOUS && known.document !== location.document) locations.set(value, AMBIGUOUS)
    return
  }
  locations.set(value, location)
  if (Array.isArray(value)) {
    value.forEach((element: unknown, index) => {
      if (!isContainer(element)) return
      const key = (element as {_key?: unknown})._key
      indexValue(locations, element, {document: location.document, parent: location, segment: typeof key === 'string' ? {index, key} : {index}})
    })
    return
  }
  for (const [field, entry] of Object.entries(value)) {
    if (isContainer(entry)) indexValue(locations, entry, {document: location.document, parent: location, segment: {field}})
  }
}

/** The steps from the document to a location, outermost first. */
export function pathOf(location: SourceLocation): SourceSegment[] {
  const path: SourceSegment[] = []
  for (let step: SourceLocation | undefined = location; step?.segment !== undefined; step = step.parent) path.push(step.segment)
  return path.reverse()
}

/**
 * Every object and array in the documents a perspective sees, by identity,
 * with the document and path it sits at. groq-js hands values read from a
 * document through unchanged, so an object or array in a query's result is
 * found here exactly when the query copied it from a document. Built once
 * per view, on the first query that asks for a source map.
 */
export function sourceLocationsOf(view: PerspectiveView): (value: unknown) => SourceLocation | undefined {
  let locations = byView.get(view)
  if (!locations) {
    const built: Locations = new WeakMap()
    for (const document of view.documents) indexValue(built, document, {document})
    byView.set(view, built)
    locations = built
  }
  const found = locations
  return (value) => (isContainer(value) ? (found.get(value) ?? undefined) : undefined)
}
