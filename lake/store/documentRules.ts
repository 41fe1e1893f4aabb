import {isPlainObject} from './jsonValue'

/** The Content Lake's rule for ids: letters, digits, `.`, `_` and `-`, at most 128 characters, not starting with `-` or `.`. */
export const DOCUMENT_ID = /^[A-Za-z0-9_][A-Za-z0-9._-]{0,127}$/

/** What is wrong with a value that is to be stored as a document, or null when it may be stored: a JSON object with a valid `_id` and a non-empty `_type`. */
export function problemWithDocument(value: unknown): string | null {
  if (!isPlainObject(value)) return 'is not a JSON object'
  if (typeof value._id !== 'string' || !DOCUMENT_ID.test(value._id)) return `has the invalid _id ${JSON.stringify(value._id)}`
  if (typeof value._type !== 'string' || value._type === '') return `("${value._id}") has no string "_type"`
  return null
}

/** The ids a document references (`_ref`), each once; weak references (`_weak: true`) only when asked for. */
export function referencedIds(document: unknown, options: {includeWeak: boolean}): Set<string> {
  const found = new Set<string>()
  const visit = (value: unknown): void => {
    if (Array.isArray(value)) {
      for (const item of value) visit(item)
      return
    }
    if (!isPlainObject(value)) return
    if (typeof value._ref === 'string' && (options.includeWeak || value._weak !== true)) found.add(value._ref)
    for (const [key, item] of Object.entries(value)) if (key !== '_ref') visit(item)
  }
  visit(document)
  return found
}
