/** The fields the Content Lake (or the local one) adds to every document: never part of what the seed wrote. */
const SYSTEM_FIELDS: ReadonlySet<string> = new Set(['_createdAt', '_updatedAt', '_rev'])

/**
 * A document's content as JSON text: keys sorted, system fields left out, so
 * that equal content compares equal wherever it was stored.
 */
export function contentJson(value: unknown): string {
  return JSON.stringify(value, (key, item: unknown) => {
    if (SYSTEM_FIELDS.has(key)) return undefined
    if (typeof item === 'object' && item !== null && !Array.isArray(item)) {
      return Object.fromEntries(Object.entries(item).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)))
    }
    return item
  })
}

/** The document without the system fields: what to send when the receiving Content Lake is to stamp its own. */
export function withoutSystemFields<T extends object>(document: T): T {
  // Only keys are removed, so the result still has every field T requires (T never requires a system field here).
  return Object.fromEntries(Object.entries(document).filter(([key]) => !SYSTEM_FIELDS.has(key))) as T
}
