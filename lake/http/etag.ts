import {createHash} from 'node:crypto'

/**
 * JSON with object keys sorted, so that equal params give equal ETags
 * whatever their order in the URL. Values reach it only after the JSON
 * depth check (MAX_JSON_DEPTH), which bounds the recursion.
 */
export function canonicalJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`
  if (value !== null && typeof value === 'object') {
    const entries = Object.entries(value as Record<string, unknown>).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
    return `{${entries.map(([key, entry]) => `${JSON.stringify(key)}:${canonicalJson(entry)}`).join(',')}}`
  }
  return JSON.stringify(value) ?? 'null'
}

/**
 * A weak ETag for a query answer. The answer is a pure function of the
 * dataset and the request, so the tag can be computed, and a 304 sent,
 * without evaluating the query. Weak, because `ms` differs between runs.
 */
export function queryEtag(datasetVersion: string, parts: Record<string, unknown>): string {
  const digest = createHash('sha256').update(datasetVersion).update('\0').update(canonicalJson(parts)).digest('base64url')
  return `W/"${digest.slice(0, 32)}"`
}

/** A strong ETag for a body sent as is. */
export function bodyEtag(body: string): string {
  return `"${createHash('sha256').update(body).digest('base64url').slice(0, 32)}"`
}

/**
 * Whether an If-None-Match header matches the tag (weak comparison, as RFC
 * 9110 asks for GET). `*` matches any current representation, so it only
 * matches once there is one: pass `exists` when the answer has been made.
 */
export function etagMatches(ifNoneMatch: string | undefined, etag: string, {exists = false} = {}): boolean {
  if (!ifNoneMatch) return false
  if (ifNoneMatch.trim() === '*') return exists
  const opaque = (tag: string) => tag.trim().replace(/^W\//, '')
  return ifNoneMatch.split(',').some((candidate) => opaque(candidate) === opaque(etag))
}
