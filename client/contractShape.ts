/**
 * A contract as plain data, and the check of a value against it.
 *
 * The contracts are zod schemas (`client/contracts/`, public at
 * `/contracts`). The client checks every answer against one, but building
 * zod schemas brings zod's parser along, 5 kB gzip in every browser bundle.
 * So the client checks shapes instead: plain data that
 * scripts/contract-shapes.ts derives from the zod contracts
 * (client/contractShapes.ts). The check reports what zod reports, issue for
 * issue; tests/client/contractShapes.test.ts holds it to zod's verdict.
 */

type Primitive = string | number | boolean | null

export type ContractShape =
  | 'string'
  | 'number'
  | 'boolean'
  | 'unknown'
  /** An object with these keys; `strict`: no other keys either. */
  | {readonly object: {readonly [key: string]: ContractShape}; readonly strict?: true}
  | {readonly array: ContractShape}
  /** null, or the inner shape. */
  | {readonly nullable: ContractShape}
  /** Absent (undefined), or the inner shape. */
  | {readonly optional: ContractShape}
  /** One of these values (a zod enum or literal). */
  | {readonly values: readonly Primitive[]}
  /** A string that starts with this prefix (zod's `startsWith` check). */
  | {readonly startsWith: string}

/** A shape with the type of what passes it: the type of the zod contract it was derived from. */
export interface Checked<T> {
  readonly shape: ContractShape
  /** Never set: it carries the type. */
  readonly passes?: T
}

type PathPart = string | number

/** A problem, in the form and wording of zod's issue of the same code. */
export type ShapeIssue =
  | {readonly code: 'invalid_type'; readonly expected: string; readonly path: PathPart[]}
  | {readonly code: 'invalid_value'; readonly values: readonly Primitive[]; readonly path: PathPart[]}
  | {readonly code: 'unrecognized_keys'; readonly keys: string[]; readonly path: PathPart[]}
  | {readonly code: 'invalid_format'; readonly format: 'starts_with'; readonly prefix: string; readonly path: PathPart[]}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value)
}

/** Every place where `value` breaks `shape`, in the order zod reports them; empty when it fits. */
export function shapeIssues(shape: ContractShape, value: unknown): ShapeIssue[] {
  const issues: ShapeIssue[] = []
  collectIssues(shape, value, [], issues)
  return issues
}

/** `path` is the way to `value`, one stack for the whole walk: an issue keeps a copy. */
function collectIssues(shape: ContractShape, value: unknown, path: PathPart[], issues: ShapeIssue[]): void {
  if (typeof shape === 'string') {
    // zod's number is a finite one.
    const fits = shape === 'unknown' || (shape === 'number' ? Number.isFinite(value) : typeof value === shape)
    if (!fits) issues.push({code: 'invalid_type', expected: shape, path: [...path]})
  } else if ('startsWith' in shape) {
    if (typeof value !== 'string') issues.push({code: 'invalid_type', expected: 'string', path: [...path]})
    else if (!value.startsWith(shape.startsWith)) issues.push({code: 'invalid_format', format: 'starts_with', prefix: shape.startsWith, path: [...path]})
  } else if ('values' in shape) {
    if (!shape.values.includes(value as Primitive)) issues.push({code: 'invalid_value', values: shape.values, path: [...path]})
  } else if ('nullable' in shape) {
    if (value !== null) collectIssues(shape.nullable, value, path, issues)
  } else if ('optional' in shape) {
    if (value !== undefined) collectIssues(shape.optional, value, path, issues)
  } else if ('array' in shape) {
    if (!Array.isArray(value)) issues.push({code: 'invalid_type', expected: 'array', path: [...path]})
    // Every index, as zod does: forEach would skip the holes of a sparse array.
    else
      for (let index = 0; index < value.length; index++) {
        path.push(index)
        collectIssues(shape.array, value[index], path, issues)
        path.pop()
      }
  } else if (!isRecord(value)) {
    issues.push({code: 'invalid_type', expected: 'object', path: [...path]})
  } else {
    for (const [key, field] of Object.entries(shape.object)) {
      const present = key in value
      // A missing key: fine where the field is optional; zod calls a missing `unknown` "nonoptional".
      if (!present && field === 'unknown') issues.push({code: 'invalid_type', expected: 'nonoptional', path: [...path, key]})
      else if (present || typeof field === 'string' || !('optional' in field)) {
        path.push(key)
        collectIssues(field, value[key], path, issues)
        path.pop()
      }
    }
    const unknownKeys = shape.strict ? Object.keys(value).filter((key) => !Object.hasOwn(shape.object, key)) : []
    if (unknownKeys.length > 0) issues.push({code: 'unrecognized_keys', keys: unknownKeys, path: [...path]})
  }
}
