import {evaluate, parse, type ExprNode} from 'groq-js'
import type {DatasetSnapshot, Perspective, PerspectiveView, StoredDocument} from './dataset'
import {GroqParseFailure} from './queryErrors'
import {checkGroqNesting, DEFAULT_MAX_GROQ_DEPTH, GroqNestingError} from './queryNesting'

export interface EvaluateOptions {
  /** Which documents the query sees. Defaults to `published`. */
  perspective?: Perspective
  /** Read as a caller without a token does: only documents on the root path (ids without a `.`). */
  anonymous?: boolean
  /**
   * Reuse the result of an earlier identical evaluation (same snapshot,
   * perspective, query and params). Safe because a snapshot never changes;
   * every caller gets its own copy. Defaults to true.
   */
  memoize?: boolean
  /** How deep brackets may nest in the query. Defaults to DEFAULT_MAX_GROQ_DEPTH. */
  maxGroqDepth?: number
  /** The name the nesting error gives the limit, e.g. the server's environment variable. */
  maxGroqDepthName?: string
}

/**
 * Which documents an outer `*[...]` filter can possibly select, read from the
 * conjuncts at the top of its condition. The filter itself still runs on the
 * narrowed list, so narrowing only skips documents that would fail it anyway.
 */
interface Narrowing {
  /** Synthetic parameter that carries the narrowed list into groq-js. */
  parameter: string
  types: readonly string[]
  slug: {kind: 'param'; name: string} | {kind: 'value'; value: string} | null
}

interface QueryPlan {
  tree: ExprNode
  narrowings: readonly Narrowing[]
  /** False when the result depends on more than the dataset and params (now(), identity()). */
  deterministic: boolean
}

// A parameter name the GROQ parser can never produce, so it cannot clash with a caller's $param.
const PARTITION_PARAMETER_PREFIX = '\u0000partition:'
const NON_DETERMINISTIC_FUNCTIONS = new Set(['now', 'identity'])
const MEMO_LIMIT_PER_VIEW = 2000

type Node = {type: string; [key: string]: unknown}

function isNode(value: unknown): value is Node {
  return typeof value === 'object' && value !== null && typeof (value as {type?: unknown}).type === 'string'
}

/** `_type` or `@._type`: an attribute read from the element being filtered. */
function isOwnAttribute(node: unknown, name: string): boolean {
  if (!isNode(node) || node.type !== 'AccessAttribute' || node.name !== name) return false
  return node.base === undefined || (isNode(node.base) && node.base.type === 'This')
}

function isSlugCurrent(node: unknown): boolean {
  return isNode(node) && node.type === 'AccessAttribute' && node.name === 'current' && isOwnAttribute(node.base, 'slug')
}

function conjuncts(node: unknown): Node[] {
  if (!isNode(node)) return []
  if (node.type === 'And') return [...conjuncts(node.left), ...conjuncts(node.right)]
  if (node.type === 'Group') return conjuncts(node.base)
  return [node]
}

function stringValue(node: unknown): string | null {
  return isNode(node) && node.type === 'Value' && typeof node.value === 'string' ? node.value : null
}

function typesOf(conjunct: Node): string[] | null {
  if (conjunct.type !== 'OpCall') return null
  const {op, left, right} = conjunct
  if (op === '==') {
    const name = isOwnAttribute(left, '_type') ? stringValue(right) : isOwnAttribute(right, '_type') ? stringValue(left) : null
    return name === null ? null : [name]
  }
  if (op === 'in' && isOwnAttribute(left, '_type') && isNode(right) && right.type === 'Array') {
    const elements = right.elements as unknown[]
    const names: string[] = []
    for (const element of elements) {
      if (!isNode(element) || element.isSplat) return null
      const name = stringValue(element.value)
      if (name === null) return null
      names.push(name)
    }
    // `_type in ["x", "x"]` selects each document once.
    return [...new Set(names)]
  }
  return null
}

function slugOf(conjunct: Node): Narrowing['slug'] {
  if (conjunct.type !== 'OpCall' || conjunct.op !== '==') return null
  const other = isSlugCurrent(conjunct.left) ? conjunct.right : isSlugCurrent(conjunct.right) ? conjunct.left : null
  if (!isNode(other)) return null
  if (other.type === 'Parameter' && typeof other.name === 'string') return {kind: 'param', name: other.name}
  const value = stringValue(other)
  return value === null ? null : {kind: 'value', value}
}

/** Parses with groq-js; whatever it throws while parsing means the query is invalid. */
function parseQuery(query: string, params: Record<string, unknown> | undefined): ExprNode {
  try {
    return params === undefined ? parse(query) : parse(query, {params})
  } catch (error) {
    if (!(error instanceof Error) || error.name === 'GroqSyntaxError' || error.name === 'GroqQueryError' || error instanceof RangeError) throw error
    throw new GroqParseFailure(error.message, {cause: error})
  }
}

function planQuery(query: string, params?: Record<string, unknown>): QueryPlan {
  const narrowings: Narrowing[] = []
  let deterministic = true
  const rewrite = (value: unknown): unknown => {
    if (Array.isArray(value)) return value.map(rewrite)
    if (typeof value !== 'object' || value === null) return value
    const node = value as Node
    if (node.type === 'FuncCall' && NON_DETERMINISTIC_FUNCTIONS.has(String(node.name))) deterministic = false
    if (node.type === 'Context') deterministic = false
    const copy: Node = {...node}
    for (const [key, child] of Object.entries(node)) copy[key] = rewrite(child)
    if (node.type === 'Filter' && isNode(node.base) && node.base.type === 'Everything') {
      const parts = conjuncts(node.expr)
      const types = parts.map(typesOf).find((found) => found !== null)
      if (types) {
        const slug = parts.map(slugOf).find((found) => found !== null) ?? null
        const parameter = `${PARTITION_PARAMETER_PREFIX}${narrowings.length}`
        narrowings.push({parameter, types, slug})
        copy.base = {type: 'Parameter', name: parameter}
      }
    }
    return copy
  }
  // The parser's output is plain JSON-like nodes; the rewritten copy keeps that shape.
  const tree = rewrite(parseQuery(query, params)) as ExprNode
  return {tree, narrowings, deterministic}
}

const PLAN_CACHE_LIMIT = 500
const plans = new Map<string, QueryPlan>()
/** Queries that only parse with their params at hand, such as slices `[$start...$end]`. */
const parsedWithParams = new Set<string>()

function cachePlan(key: string, plan: QueryPlan): void {
  const oldest = plans.keys().next()
  if (plans.size >= PLAN_CACHE_LIMIT && !oldest.done) plans.delete(oldest.value)
  plans.set(key, plan)
}

/**
 * groq-js resolves slices at parse time, so `[$start...$end]` needs the
 * params then. Most queries do not, and their plan is shared by every
 * params; the others are planned per params.
 */
function planFor(query: string, params: Record<string, unknown>): QueryPlan {
  if (!parsedWithParams.has(query)) {
    const cached = plans.get(query)
    if (cached) return cached
    try {
      const plan = planQuery(query)
      cachePlan(query, plan)
      return plan
    } catch (error) {
      if (Object.keys(params).length === 0 || !(error instanceof Error) || error.name !== 'GroqQueryError') throw error
      parsedWithParams.add(query)
      if (parsedWithParams.size > PLAN_CACHE_LIMIT) parsedWithParams.delete(parsedWithParams.values().next().value as string)
    }
  }
  const key = `${query}\u0000${JSON.stringify(params)}`
  let plan = plans.get(key)
  if (!plan) {
    plan = planQuery(query, params)
    cachePlan(key, plan)
  }
  return plan
}

/**
 * A copy of a result that the caller may change freely. Arrays and plain
 * objects are copied; groq-js values such as date-times and paths are
 * immutable objects whose class gives them their JSON form, so they are
 * kept as they are (structuredClone would turn them into plain objects).
 */
/**
 * The result as the Content Lake's JSON answer holds it: groq-js gives
 * `dateTime()` and `path()` values as objects, which JSON turns into
 * strings; numbers JSON cannot hold become null, -0 becomes 0, and so do undefined array
 * items; undefined fields are left out. Always a fresh copy, so a caller
 * may change it without touching the memo.
 */
function toJsonValue(value: unknown): unknown {
  if (value === null || value === undefined) return null
  // JSON has no -0: the Lake's answer reads 0.
  if (typeof value === 'number') return Number.isFinite(value) ? (value === 0 ? 0 : value) : null
  if (typeof value !== 'object') return value
  if (Array.isArray(value)) return value.map(toJsonValue)
  if (Object.getPrototypeOf(value) !== Object.prototype) {
    const toJSON = (value as {toJSON?: () => unknown}).toJSON
    return typeof toJSON === 'function' ? toJsonValue(toJSON.call(value)) : toJsonValue({...value})
  }
  const copy: Record<string, unknown> = {}
  for (const [key, entry] of Object.entries(value)) if (entry !== undefined) copy[key] = toJsonValue(entry)
  return copy
}

const positions = new WeakMap<PerspectiveView, Map<StoredDocument, number>>()

function positionsIn(view: PerspectiveView): Map<StoredDocument, number> {
  let found = positions.get(view)
  if (!found) {
    found = new Map(view.documents.map((document, index) => [document, index]))
    positions.set(view, found)
  }
  return found
}

/** Documents from several lists, back in dataset order, as `*` would yield them. */
function inDatasetOrder(view: PerspectiveView, lists: (readonly StoredDocument[])[]): readonly StoredDocument[] {
  const nonEmpty = lists.filter((list) => list.length > 0)
  if (nonEmpty.length <= 1) return nonEmpty[0] ?? []
  const order = positionsIn(view)
  return nonEmpty.flat().sort((a, b) => (order.get(a) ?? 0) - (order.get(b) ?? 0))
}

function candidates(view: PerspectiveView, narrowing: Narrowing, params: Record<string, unknown>): readonly StoredDocument[] {
  const slug = narrowing.slug?.kind === 'param' ? params[narrowing.slug.name] : narrowing.slug?.value
  // Only a string can equal a string slug; any other value falls back to the type partition.
  if (typeof slug === 'string') {
    return inDatasetOrder(
      view,
      narrowing.types.map((type) => view.slugIndex(type).get(slug) ?? []),
    )
  }
  return inDatasetOrder(
    view,
    narrowing.types.map((type) => view.byType.get(type) ?? []),
  )
}

const memo = new WeakMap<PerspectiveView, Map<string, unknown>>()

function remember(view: PerspectiveView, key: string, result: unknown): void {
  let entries = memo.get(view)
  if (!entries) {
    entries = new Map()
    memo.set(view, entries)
  }
  const oldest = entries.keys().next()
  if (entries.size >= MEMO_LIMIT_PER_VIEW && !oldest.done) entries.delete(oldest.value)
  entries.set(key, result)
}

function nestingError(options: EvaluateOptions): GroqNestingError {
  const limit = options.maxGroqDepth ?? DEFAULT_MAX_GROQ_DEPTH
  return new GroqNestingError(`The query is nested too deeply to evaluate (the limit is ${limit} levels, ${options.maxGroqDepthName ?? 'maxGroqDepth'}).`, 0)
}

/** Long operator chains (`1+1+…`) nest without brackets; their stack overflow becomes the nesting error. */
function withStackGuard<Result>(options: EvaluateOptions, run: () => Result): Result {
  try {
    return run()
  } catch (error) {
    if (error instanceof RangeError && /call stack/i.test(error.message)) throw nestingError(options)
    throw error
  }
}

async function withStackGuardAsync<Result>(options: EvaluateOptions, run: () => Promise<Result>): Promise<Result> {
  try {
    return await run()
  } catch (error) {
    if (error instanceof RangeError && /call stack/i.test(error.message)) throw nestingError(options)
    throw error
  }
}

/**
 * Evaluates GROQ over a snapshot with groq-js, giving the same result as
 * groq-js over the perspective's documents, but without its full scans:
 * references resolve through the `_id` index, and outer filters that name
 * a `_type` (and a `slug.current`) only look at matching documents.
 */
export async function evaluateQuery(snapshot: DatasetSnapshot, query: string, params: Record<string, unknown> = {}, options: EvaluateOptions = {}): Promise<unknown> {
  const view = snapshot.view(options.perspective ?? 'published', {anonymous: options.anonymous === true})
  checkGroqNesting(query, options.maxGroqDepth ?? DEFAULT_MAX_GROQ_DEPTH, options.maxGroqDepthName)
  const plan = withStackGuard(options, () => planFor(query, params))
  const memoize = (options.memoize ?? true) && plan.deterministic
  const key = memoize ? `${query}\u0000${JSON.stringify(params)}` : ''
  if (memoize) {
    const entries = memo.get(view)
    if (entries?.has(key)) return toJsonValue(entries.get(key))
  }
  const allParams: Record<string, unknown> = {...params}
  for (const narrowing of plan.narrowings) allParams[narrowing.parameter] = candidates(view, narrowing, params)
  const result: unknown = await withStackGuardAsync(options, async () => {
    const value = await evaluate(plan.tree, {
      dataset: view.documents,
      params: allParams,
      dereference: ({_ref}) => view.byId.get(_ref) ?? null,
    })
    return toJsonValue(await value.get())
  })
  if (memoize) {
    remember(view, key, result)
    return toJsonValue(result)
  }
  return result
}

/** A query as evaluateQuery runs it: its planned tree, the params with the narrowed document lists, and the perspective's documents. */
export interface PlannedQuery {
  tree: ExprNode
  params: Record<string, unknown>
  view: PerspectiveView
}

/**
 * The plan evaluateQuery would run, for a caller that evaluates a rewritten
 * copy of the tree over the same documents (the local Lake traces where
 * result values come from this way). The query must have passed
 * evaluateQuery first: its nesting is checked there.
 */
export function plannedQuery(snapshot: DatasetSnapshot, query: string, params: Record<string, unknown> = {}, options: EvaluateOptions = {}): PlannedQuery {
  const view = snapshot.view(options.perspective ?? 'published', {anonymous: options.anonymous === true})
  const plan = withStackGuard(options, () => planFor(query, params))
  const allParams: Record<string, unknown> = {...params}
  for (const narrowing of plan.narrowings) allParams[narrowing.parameter] = candidates(view, narrowing, params)
  return {tree: plan.tree, params: allParams, view}
}

/**
 * Whether a query's result depends on nothing but the dataset and the params,
 * so that it may be cached per dataset version (not so with now() or identity()).
 */
export function queryIsDeterministic(query: string, params: Record<string, unknown> = {}): boolean {
  return planFor(query, params).deterministic
}

/** Plain groq-js over the perspective's documents: the reference the fast path must equal. */
export async function evaluateQueryWithoutIndexes(
  snapshot: DatasetSnapshot,
  query: string,
  params: Record<string, unknown> = {},
  options: Pick<EvaluateOptions, 'perspective'> = {},
): Promise<unknown> {
  const view = snapshot.view(options.perspective ?? 'published')
  const value = await evaluate(parse(query, {params}), {dataset: view.documents, params})
  return value.get()
}
