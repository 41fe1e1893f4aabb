import type {Contract} from './contracts/check'
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

/** Checks a query result against its contract, or throws ContentValidationError naming the first problem. */
export function parseResult<Result>(queryName: string, contract: Contract<Result>, result: unknown): Result {
  const issue = contract.check(result, [])
  // The check has just confirmed the shape the type describes.
  if (!issue) return result as Result
  throw new ContentValidationError(queryName, owningDocumentId(result, issue.path), issue.path, issue.message)
}
