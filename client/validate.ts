import type {z} from 'zod'
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

/** Parses a query result with its contract, or throws ContentValidationError naming the first problem. */
export function parseResult<Schema extends z.ZodType>(queryName: string, schema: Schema, result: unknown): z.output<Schema> {
  const parsed = schema.safeParse(result)
  if (parsed.success) return parsed.data
  const issue = parsed.error.issues[0]
  // zod paths may contain symbols in theory; query results only have string and number keys.
  const path = (issue?.path ?? []).filter((part): part is PathPart => typeof part !== 'symbol')
  throw new ContentValidationError(queryName, owningDocumentId(result, path), path, issue?.message ?? 'invalid value')
}
