import {evaluate, parse, type ExprNode} from 'groq-js'
import type {DatasetSnapshot, Perspective, PerspectiveView, StoredDocument} from './dataset'

export interface EvaluateOptions {
  /** Which documents the query sees. Defaults to `published`. */
  perspective?: Perspective
  /**
   * Reuse the result of an earlier identical evaluation (same snapshot,
   * perspective, query and params). Safe because a snapshot never changes;
   * every caller gets its own copy. Defaults to true.
   */
  memoize?: boolean
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
    return names
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

function planQuery(query: string, params: Record<string, unknown> | undefined): QueryPlan {
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
  const tree = rewrite(parse(query, params ? {params} : {})) as ExprNode
  return {tree, narrowings, deterministic}
}

const plans = new Map<string, QueryPlan>()

// groq-js reads the bounds of a slice such as `[$start...$end]` while parsing
// (and then folds every parameter into the tree), so such a query is planned
// once per set of parameters; any other query once.
const PARAMETER_SLICE = /\[\s*\$\w+\s*\.\.|\.\.\.?\s*\$/u

function planFor(query: string, params: Record<string, unknown>): QueryPlan {
  const sliced = PARAMETER_SLICE.test(query)
  const key = sliced ? `${query}\u0000${JSON.stringify(params)}` : query
  let plan = plans.get(key)
  if (!plan) {
    plan = planQuery(query, sliced ? params : undefined)
    const oldest = plans.keys().next()
    if (plans.size > 500 && !oldest.done) plans.delete(oldest.value)
    plans.set(key, plan)
  }
  return plan
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
    return inDatasetOrder(view, narrowing.types.map((type) => view.slugIndex(type).get(slug) ?? []))
  }
  return inDatasetOrder(view, narrowing.types.map((type) => view.byType.get(type) ?? []))
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

/**
 * Evaluates GROQ over a snapshot with groq-js, giving the same result as
 * groq-js over the perspective's documents, but without its full scans:
 * references resolve through the `_id` index, and outer filters that name
 * a `_type` (and a `slug.current`) only look at matching documents.
 */
export async function evaluateQuery(
  snapshot: DatasetSnapshot,
  query: string,
  params: Record<string, unknown> = {},
  options: EvaluateOptions = {},
): Promise<unknown> {
  const view = snapshot.view(options.perspective ?? 'published')
  const plan = planFor(query, params)
  const memoize = (options.memoize ?? true) && plan.deterministic
  const key = memoize ? `${query}\u0000${JSON.stringify(params)}` : ''
  if (memoize) {
    const entries = memo.get(view)
    if (entries?.has(key)) return structuredClone(entries.get(key))
  }
  const allParams: Record<string, unknown> = {...params}
  for (const narrowing of plan.narrowings) allParams[narrowing.parameter] = candidates(view, narrowing, params)
  const value = await evaluate(plan.tree, {
    dataset: view.documents,
    params: allParams,
    dereference: ({_ref}) => view.byId.get(_ref) ?? null,
  })
  const result: unknown = await value.get()
  if (memoize) {
    remember(view, key, result)
    return structuredClone(result)
  }
  return result
}

/** Plain groq-js over the perspective's documents: the reference the fast path must equal. */
export async function evaluateQueryWithoutIndexes(
  snapshot: DatasetSnapshot,
  query: string,
  params: Record<string, unknown> = {},
  options: Pick<EvaluateOptions, 'perspective'> = {},
): Promise<unknown> {
  const view = snapshot.view(options.perspective ?? 'published')
  const value = await evaluate(parse(query, PARAMETER_SLICE.test(query) ? {params} : {}), {dataset: view.documents, params})
  return value.get()
}
