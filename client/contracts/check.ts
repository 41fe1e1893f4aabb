/**
 * Contract checks for query results: each check says whether a value has the
 * shape a page relies on, and where it does not. They only check; the value
 * passes through unchanged. Each builder is a plain function, so a bundle
 * carries only the checks it uses (a browser bundle stays small).
 */

type PathPart = string | number

/** The first place where a value breaks its contract. */
export interface ContractIssue {
  path: PathPart[]
  message: string
}

/** A check for values of type `Value`. */
export interface Contract<Value> {
  /** Returns null when `value` fits, or the first issue, with its path below `path`. */
  readonly check: (value: unknown, path: PathPart[]) => ContractIssue | null
  /** Carries the type only; never set. */
  readonly type?: Value
  /** Set on `optional(…)`: the field may be absent from its object. */
  readonly optional?: true
}

/** The type a contract accepts. */
export type Infer<C> = C extends Contract<infer Value> ? Value : never

type Shape = Record<string, Contract<unknown>>
type OptionalKeys<S extends Shape> = {[K in keyof S]: S[K] extends {optional: true} ? K : never}[keyof S]
type Simplify<T> = {[K in keyof T]: T[K]} & {}
export type InferShape<S extends Shape> = Simplify<{[K in Exclude<keyof S, OptionalKeys<S>>]: Infer<S[K]>} & {[K in OptionalKeys<S>]?: Exclude<Infer<S[K]>, undefined>}>

function describe(value: unknown): string {
  if (value === null) return 'null'
  if (value === undefined) return 'nothing'
  if (Array.isArray(value)) return 'an array'
  if (typeof value === 'string') return `the string ${JSON.stringify(value.length > 40 ? `${value.slice(0, 40)}…` : value)}`
  return typeof value === 'object' ? 'an object' : `${typeof value} ${String(value)}`
}

function issue(path: PathPart[], expected: string, value: unknown): ContractIssue {
  return {path, message: `expected ${expected}, got ${describe(value)}`}
}

function primitive<Value>(expected: string, accepts: (value: unknown) => boolean): Contract<Value> {
  return {check: (value, path) => (accepts(value) ? null : issue(path, expected, value))}
}

export const string = (): Contract<string> => primitive('a string', (value) => typeof value === 'string')

export const number = (): Contract<number> => primitive('a number', (value) => typeof value === 'number' && Number.isFinite(value))

export const unknown = (): Contract<unknown> => ({check: () => null})

export function literal<const Value extends string>(expected: Value): Contract<Value> {
  return primitive(JSON.stringify(expected), (value) => value === expected)
}

export function oneOf<const Values extends readonly string[]>(values: Values): Contract<Values[number]> {
  const allowed = new Set<unknown>(values)
  return primitive(`one of ${values.map((value) => JSON.stringify(value)).join(', ')}`, (value) => allowed.has(value))
}

export function nullable<Value>(inner: Contract<Value>): Contract<Value | null> {
  return {check: (value, path) => (value === null ? null : inner.check(value, path))}
}

/** A field that may be absent (or undefined); null is not accepted. */
export function optional<Value>(inner: Contract<Value>): Contract<Value | undefined> & {optional: true} {
  return {optional: true, check: (value, path) => (value === undefined ? null : inner.check(value, path))}
}

/** Absent, undefined or null. */
export function nullish<Value>(inner: Contract<Value>): Contract<Value | null | undefined> & {optional: true} {
  return {optional: true, check: (value, path) => (value === undefined || value === null ? null : inner.check(value, path))}
}

export function array<Value>(item: Contract<Value>): Contract<Value[]> {
  return {
    check(value, path) {
      if (!Array.isArray(value)) return issue(path, 'an array', value)
      for (let index = 0; index < value.length; index++) {
        const found = item.check(value[index], [...path, index])
        if (found) return found
      }
      return null
    },
  }
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value)
}

/** An object with at least these fields; other fields pass unchecked. */
export function object<const S extends Shape>(shape: S): Contract<InferShape<S>> {
  const entries = Object.entries(shape)
  return {
    check(value, path) {
      if (!isRecord(value)) return issue(path, 'an object', value)
      for (const [key, field] of entries) {
        const found = field.check(value[key], [...path, key])
        if (found) return found
      }
      return null
    },
  }
}
