import * as z from 'zod/mini'
import {shapeIssues, type Checked, type ShapeIssue} from './contractShape'
import {ContentValidationError} from './errors'

type PathPart = string | number

function idOf(value: unknown): string | null {
  if (typeof value !== 'object' || value === null) return null
  const id = (value as {_id?: unknown})._id
  return typeof id === 'string' ? id : null
}

/** The `_id` of the innermost document on the way to `path`: the document an editor has to fix. */
function owningDocumentId(result: unknown, path: readonly PathPart[]): string | null {
  let owner = idOf(result)
  let current: unknown = result
  for (const part of path) {
    if (typeof current !== 'object' || current === null) break
    current = (current as Record<PathPart, unknown>)[part]
    owner = idOf(current) ?? owner
  }
  return owner
}

function valueAt(result: unknown, path: readonly PathPart[]): unknown {
  let current = result
  for (const part of path) {
    if (typeof current !== 'object' || current === null) return undefined
    current = (current as Record<PathPart, unknown>)[part]
  }
  return current
}

function describe(value: unknown): string {
  if (value === null) return 'null'
  if (value === undefined) return 'nothing'
  if (Array.isArray(value)) return 'an array'
  if (typeof value === 'string') return `the string ${JSON.stringify(value.length > 40 ? `${value.slice(0, 40)}…` : value)}`
  return typeof value === 'object' ? 'an object' : `${typeof value} ${String(value)}`
}

const ARTICLES: Record<string, string> = {string: 'a string', number: 'a number', object: 'an object', array: 'an array'}

/**
 * What the contract expected, in words. zod/mini carries no message texts (a
 * locale would add to every browser bundle), so the reason is made here from
 * the issue and the value at its path.
 */
function reasonFor(issue: z.core.$ZodIssue | ShapeIssue, value: unknown): string {
  if (issue.code === 'invalid_type') return `expected ${ARTICLES[issue.expected] ?? issue.expected}, got ${describe(value)}`
  if (issue.code === 'invalid_value')
    return `expected ${issue.values.length === 1 ? '' : 'one of '}${issue.values.map((allowed) => JSON.stringify(allowed)).join(', ')}, got ${describe(value)}`
  if (issue.code === 'invalid_format' && issue.format === 'starts_with' && 'prefix' in issue)
    return `expected a string starting with ${JSON.stringify(issue.prefix)}, got ${describe(value)}`
  return 'message' in issue ? issue.message : 'does not match'
}

/** The error for the first issue of a result, at its path after `pathPrefix`. */
function violation(queryName: string, issue: z.core.$ZodIssue | ShapeIssue | undefined, result: unknown, pathPrefix: readonly PathPart[]): ContentValidationError {
  // zod reports at least one issue for a failed parse; paths hold only keys and indices, as the content is JSON.
  const path = (issue?.path ?? []) as PathPart[]
  const reason = issue ? reasonFor(issue, valueAt(result, path)) : 'does not match'
  return new ContentValidationError(queryName, owningDocumentId(result, path), [...pathPrefix, ...path], reason)
}

/** The first place where `result` breaks the contract's shape, as the error a caller sees; null when it fits. */
export function shapeViolation(queryName: string, contract: Checked<unknown>, result: unknown, pathPrefix: readonly PathPart[] = []): ContentValidationError | null {
  const [first] = shapeIssues(contract.shape, result)
  return first ? violation(queryName, first, result, pathPrefix) : null
}

/** What the content client does with each answer: `parseResult` with the contract's shape, which says the same in the same words. */
export function checkResult<Result>(queryName: string, contract: Checked<Result>, result: unknown): Result {
  const problem = shapeViolation(queryName, contract, result)
  if (problem) throw problem
  // The shape of the contract has just confirmed what its type describes.
  return result as Result
}

/**
 * Checks a query result against its contract, or throws ContentValidationError
 * naming the first problem. The result passes through as it came: the check
 * never rewrites it, so fields beyond the contract (such as `_type` on
 * Portable Text) stay for renderers that use them.
 */
export function parseResult<Contract extends z.ZodMiniType>(queryName: string, contract: Contract, result: unknown): z.infer<Contract> {
  const checked = z.safeParse(contract, result)
  if (!checked.success) throw violation(queryName, checked.error.issues[0], result, [])
  // The contract has just confirmed the shape its type describes.
  return result as z.infer<Contract>
}
