/** Helpers for documents and request bodies, which are JSON values. */

export function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value)
}

/** Structural equality of JSON values. */
export function deepEqual(a: unknown, b: unknown): boolean {
  if (a === b) return true
  if (Array.isArray(a)) return Array.isArray(b) && a.length === b.length && a.every((item, index) => deepEqual(item, b[index]))
  if (isPlainObject(a) && isPlainObject(b)) {
    const keys = Object.keys(a)
    return keys.length === Object.keys(b).length && keys.every((key) => Object.hasOwn(b, key) && deepEqual(a[key], b[key]))
  }
  return false
}

/** How deeply a JSON value nests (a scalar is 0, `{}` and `[]` are 1), counted no further than `limit + 1`. */
export function jsonDepth(value: unknown, limit: number): number {
  if (limit < 0 || typeof value !== 'object' || value === null) return 0
  let deepest = 0
  for (const item of Array.isArray(value) ? value : Object.values(value)) {
    deepest = Math.max(deepest, jsonDepth(item, limit - 1))
    if (deepest >= limit) break
  }
  return deepest + 1
}
