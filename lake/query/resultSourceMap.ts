import {evaluate, type ExprNode, type ObjectNode} from 'groq-js'
import type {PlannedQuery} from '../../client/embedded/evaluate'
import type {StoredDocument} from '../../client/embedded/dataset'
import {pathOf, sourceLocatorFor, type SourceLocation, type SourceSegment} from './sourceLocations'

/**
 * How array elements are named in the source paths, as the query parameter
 * asks: `resultSourceMap=true` by position (`[2]`), `withKeyArraySelector`
 * by `_key` where the element has one (`[?(@._key=='a1')]`).
 */
export type SourceMapArrays = 'index' | 'key'

/** @sanity/client's `ContentSourceMap`: the documents and paths are lookup tables for the mappings. */
export interface ContentSourceMap {
  documents: {_id: string; _type: string}[]
  paths: string[]
  mappings: Record<string, {type: 'value'; source: {type: 'documentValue'; document: number; path: number}}>
}

// Keys groq-js can never read from a document or a query: they carry, in a traced evaluation, which object expression made an object and over which `@`.
const OBJECT_NODE_KEY = '\u0000object'
const SCOPE_KEY = '\u0000scope'
/** Marks a sub-expression that cannot be evaluated on its own (it climbs to an outer scope with `^`). */
const UNKNOWN = Symbol('unknown')

type Node = {type: string; [key: string]: unknown}
type ResultPath = (string | number)[]

function isNode(value: unknown): value is Node {
  return typeof value === 'object' && value !== null && typeof (value as {type?: unknown}).type === 'string'
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && Object.getPrototypeOf(value) === Object.prototype
}

/**
 * A copy of the tree in which every object expression also answers, under
 * hidden keys, which expression it is and the `@` it was evaluated over.
 * The objects of the traced result then say where to look for their fields.
 */
function traceableTree(tree: ExprNode): {tree: ExprNode; objects: ObjectNode[]} {
  const objects: ObjectNode[] = []
  const copy = (value: unknown): unknown => {
    if (Array.isArray(value)) return value.map(copy)
    // A literal's value is data, not a tree: it stays as it is.
    if (!isNode(value) || value.type === 'Value') return value
    const copied: Node = {type: value.type}
    for (const [key, child] of Object.entries(value)) copied[key] = copy(child)
    if (value.type === 'Object') {
      objects.push(value as unknown as ObjectNode) // checked by its type tag
      copied.attributes = [
        ...(copied.attributes as unknown[]),
        {type: 'ObjectAttributeValue', name: OBJECT_NODE_KEY, value: {type: 'Value', value: objects.length - 1}},
        {type: 'ObjectAttributeValue', name: SCOPE_KEY, value: {type: 'This'}},
      ]
    }
    return copied
  }
  return {tree: copy(tree) as ExprNode, objects} // a copy of a groq-js tree is a groq-js tree
}

function climbsOut(node: unknown): boolean {
  if (Array.isArray(node)) return node.some(climbsOut)
  if (!isNode(node)) return false
  if (node.type === 'Parent') return true
  return Object.values(node).some(climbsOut)
}

function hiddenKeysLeftOut(key: string, value: unknown): unknown {
  return key === OBJECT_NODE_KEY || key === SCOPE_KEY ? undefined : value
}

const ESCAPES: Record<string, string> = {'\f': '\\f', '\n': '\\n', '\r': '\\r', '\t': '\\t', "'": "\\'", '\\': '\\\\'}

function fieldSegment(name: string): string {
  return `['${name.replace(/[\f\n\r\t'\\]/g, (character) => ESCAPES[character] ?? character)}']`
}

function resultPathText(path: ResultPath): string {
  return `$${path.map((segment) => (typeof segment === 'number' ? `[${segment}]` : fieldSegment(segment))).join('')}`
}

function sourcePathText(path: readonly SourceSegment[], arrays: SourceMapArrays): string {
  const segments = path.map((segment) => {
    if ('field' in segment) return fieldSegment(segment.field)
    if (arrays === 'key' && segment.key !== undefined && segment.key !== '') return `[?(@._key=='${segment.key.replace(/['\\]/g, (character) => `\\${character}`)}')]`
    return `[${segment.index}]`
  })
  return `$${segments.join('')}`
}

/**
 * Traces where the values of a query's result come from, and answers the
 * Content Source Map the Content Lake gives with `resultSourceMap`.
 *
 * groq-js keeps no provenance, but it passes the objects and arrays it reads
 * from documents through by identity. The query is evaluated a second time,
 * from a copy of its tree in which each object expression also returns the
 * `@` it was made over; then:
 *
 * - an object or array of the result that is one of a document's own (found
 *   by identity) maps to where it sits in that document;
 * - a string, number or boolean maps to a document only when its expression
 *   reads it from such an object: `field`, `a.b`, `ref->field`, `list[2]`,
 *   also through `coalesce()`, `select()` and brackets, and element by
 *   element through `list[]->field`, slices, filters and `a + b` of arrays.
 *   The value at the source path must be the value in the result, or there
 *   is no mapping;
 * - anything computed (`a + b`, `count()`, `pt::text()`, a literal, a value
 *   read through `^`) gets no mapping.
 *
 * The traced result, without its hidden keys, must be exactly the result
 * the client gets; if it is not (a query whose outcome depends on how
 * many keys an object has), the map is empty rather than wrong.
 */
export async function resultSourceMap(planned: PlannedQuery, resultJson: string, arrays: SourceMapArrays): Promise<ContentSourceMap> {
  const {view} = planned
  const locator = sourceLocatorFor(view)
  // Every document the evaluations read (a scan of `*`, a narrowed list, a `->`) is noted, so that only those are indexed.
  const noting = <List extends readonly unknown[]>(list: List): List =>
    new Proxy(list, {
      get(target, property, receiver) {
        const value: unknown = Reflect.get(target, property, receiver)
        if (typeof property === 'string') locator.read(value)
        return value
      },
    })
  const dataset = noting(view.documents)
  const params = Object.fromEntries(Object.entries(planned.params).map(([name, value]) => [name, Array.isArray(value) ? noting(value) : value]))
  const dereference = ({_ref}: {_ref: string}) => {
    const document = view.byId.get(_ref)
    locator.read(document)
    return document ?? null
  }
  const sourceMap: ContentSourceMap = {documents: [], paths: [], mappings: {}}
  const traced = traceableTree(planned.tree)
  const tracedResult: unknown = await (await evaluate(traced.tree, {dataset, params, dereference})).get()
  if (JSON.stringify(tracedResult ?? null, hiddenKeysLeftOut) !== resultJson) return sourceMap

  const locate = (value: unknown) => locator.locate(value)
  const documentIndexes = new Map<StoredDocument, number>()
  const pathIndexes = new Map<string, number>()
  const climbing = new WeakMap<object, boolean>()
  const evaluated = new Map<ExprNode, Map<unknown, unknown>>()

  /** The value of a sub-expression of the original tree with `@` bound to scope, as the query saw it; UNKNOWN when it reads an outer scope. */
  const valueOf = async (node: ExprNode, scope: unknown): Promise<unknown> => {
    let known = climbing.get(node)
    if (known === undefined) {
      known = climbsOut(node)
      climbing.set(node, known)
    }
    if (known) return UNKNOWN
    let byScope = evaluated.get(node)
    if (!byScope) {
      byScope = new Map()
      evaluated.set(node, byScope)
    }
    if (byScope.has(scope)) return byScope.get(scope)
    const value: unknown = await (await evaluate(node, {root: scope, dataset, params, dereference})).get()
    byScope.set(scope, value)
    return value
  }

  const addMapping = (resultPath: ResultPath, document: StoredDocument, path: readonly SourceSegment[]): void => {
    let documentIndex = documentIndexes.get(document)
    if (documentIndex === undefined) {
      // In the drafts perspective a draft stands in for its published document; its own id is what an editor opens.
      const originalId = typeof document._originalId === 'string' ? document._originalId : document._id
      documentIndex = sourceMap.documents.push({_id: originalId, _type: document._type}) - 1
      documentIndexes.set(document, documentIndex)
    }
    const pathText = sourcePathText(path, arrays)
    let pathIndex = pathIndexes.get(pathText)
    if (pathIndex === undefined) {
      pathIndex = sourceMap.paths.push(pathText) - 1
      pathIndexes.set(pathText, pathIndex)
    }
    sourceMap.mappings[resultPathText(resultPath)] = {type: 'value', source: {type: 'documentValue', document: documentIndex, path: pathIndex}}
  }

  /** The expression that gave the value, through coalesce(), select() and brackets; undefined when none of it can be known. */
  const chosenExpression = async (node: ExprNode | undefined, scope: unknown): Promise<ExprNode | undefined> => {
    let current = node
    while (current) {
      if (current.type === 'Group') {
        current = current.base
      } else if (current.type === 'FuncCall' && current.namespace === 'global' && current.name === 'coalesce') {
        let chosen: ExprNode | undefined
        for (const argument of current.args) {
          const value = await valueOf(argument, scope)
          if (value === UNKNOWN) return undefined
          if (value !== null && value !== undefined) {
            chosen = argument
            break
          }
        }
        current = chosen
      } else if (current.type === 'Select') {
        let chosen = current.fallback
        for (const alternative of current.alternatives) {
          const condition = await valueOf(alternative.condition, scope)
          if (condition === UNKNOWN) return undefined
          if (condition === true) {
            chosen = alternative.value
            break
          }
        }
        current = chosen
      } else {
        return current
      }
    }
    return undefined
  }

  /** Where a string, number or boolean the expression gave was read from, checked against the document. */
  const locateLeaf = async (node: ExprNode | undefined, scope: unknown, value: unknown): Promise<{location: SourceLocation; segment: SourceSegment} | undefined> => {
    const expression = await chosenExpression(node, scope)
    if (expression?.type === 'AccessAttribute') {
      const container = await valueOf(expression.base ?? {type: 'This'}, scope)
      const location = locate(container)
      if (!location || !isPlainObject(container) || !Object.hasOwn(container, expression.name) || container[expression.name] !== value) return undefined
      return {location, segment: {field: expression.name}}
    }
    if (expression?.type === 'AccessElement') {
      const container = await valueOf(expression.base, scope)
      const location = locate(container)
      if (!location || !Array.isArray(container)) return undefined
      const index = expression.index < 0 ? expression.index + container.length : expression.index
      if (container[index] !== value) return undefined
      return {location, segment: {index}}
    }
    return undefined
  }

  /**
   * For an array the query made: the expression and the `@` of each element,
   * through `list[]...`, `[]`, slices, filters, `[a, b]` and `+` of two arrays; an
   * element of a document's own array becomes `that array[i]`.
   */
  const elementsOf = async (node: ExprNode | undefined, scope: unknown): Promise<{node: ExprNode; scope: unknown}[] | undefined> => {
    const expression = await chosenExpression(node, scope)
    if (!expression) return undefined
    if (expression.type === 'Map') {
      const base = await valueOf(expression.base, scope)
      return Array.isArray(base) ? base.map((element: unknown) => ({node: expression.expr, scope: element})) : undefined
    }
    if (expression.type === 'ArrayCoerce') return elementsOf(expression.base, scope)
    if (expression.type === 'Slice') {
      const elements = await elementsOf(expression.base, scope)
      if (!elements) return undefined
      // As groq-js slices: negative bounds count from the end, an inclusive end takes one more.
      const length = elements.length
      const left = Math.max(0, expression.left < 0 ? expression.left + length : expression.left)
      const right = Math.max(0, (expression.right < 0 ? expression.right + length : expression.right) + (expression.isInclusive ? 1 : 0))
      return elements.slice(left, right)
    }
    if (expression.type === 'Filter') {
      const elements = await elementsOf(expression.base, scope)
      const base = await valueOf(expression.base, scope)
      if (!elements || !Array.isArray(base) || base.length !== elements.length) return undefined
      const kept: {node: ExprNode; scope: unknown}[] = []
      for (const [index, element] of base.entries()) {
        const condition = await valueOf(expression.expr, element)
        if (condition === UNKNOWN) return undefined
        const source = elements[index]
        if (condition === true && source) kept.push(source)
      }
      return kept
    }
    if (expression.type === 'Array') {
      if (expression.elements.some((element) => element.isSplat)) return undefined
      return expression.elements.map((element) => ({node: element.value, scope}))
    }
    if (expression.type === 'OpCall' && expression.op === '+') {
      const left = await elementsOf(expression.left, scope)
      const right = await elementsOf(expression.right, scope)
      return left && right ? [...left, ...right] : undefined
    }
    const value = await valueOf(expression, scope)
    if (!Array.isArray(value) || !locate(value)) return undefined
    return value.map((_element: unknown, index) => ({node: {type: 'AccessElement', base: expression, index}, scope}))
  }

  /** The expression that gave an object's field: its attribute, or the object spread into it that holds the field. */
  const fieldExpression = async (object: ObjectNode, field: string, scope: unknown): Promise<ExprNode | undefined> => {
    for (const attribute of [...object.attributes].reverse()) {
      if (attribute.type === 'ObjectAttributeValue') {
        if (attribute.name === field) return attribute.value
        continue
      }
      if (attribute.type === 'ObjectConditionalSplat') {
        const condition = await valueOf(attribute.condition, scope)
        if (condition === UNKNOWN) return undefined
        if (condition !== true) continue
      }
      const spread = await valueOf(attribute.value, scope)
      if (spread === UNKNOWN) return undefined
      if (isPlainObject(spread) && Object.hasOwn(spread, field)) return {type: 'AccessAttribute', base: attribute.value, name: field}
    }
    return undefined
  }

  const walk = async (value: unknown, resultPath: ResultPath, node: ExprNode | undefined, scope: unknown): Promise<void> => {
    if (value === null || value === undefined) return
    if (typeof value !== 'object') {
      const found = await locateLeaf(node, scope, value)
      if (found) addMapping(resultPath, found.location.document, [...pathOf(found.location), found.segment])
      return
    }
    const location = locate(value)
    if (location) {
      const path = pathOf(location)
      if (path.length > 0) {
        addMapping(resultPath, location.document, path)
        return
      }
      // A whole document: each of its fields maps on its own, as for a projection of them.
      for (const [field, entry] of Object.entries(location.document)) {
        if (entry !== null && entry !== undefined) addMapping([...resultPath, field], location.document, [{field}])
      }
      return
    }
    if (Array.isArray(value)) {
      // Objects in the array carry their own scope; only strings, numbers and booleans need the expression of each element.
      const found = value.some((element) => element !== null && typeof element !== 'object') ? await elementsOf(node, scope) : undefined
      const elements = found?.length === value.length ? found : undefined
      for (const [index, element] of value.entries()) await walk(element, [...resultPath, index], elements?.[index]?.node, elements?.[index]?.scope)
      return
    }
    if (!isPlainObject(value)) return
    const objectIndex = value[OBJECT_NODE_KEY]
    const object = typeof objectIndex === 'number' ? traced.objects[objectIndex] : undefined
    const objectScope = value[SCOPE_KEY]
    for (const [field, entry] of Object.entries(value)) {
      if (field === OBJECT_NODE_KEY || field === SCOPE_KEY) continue
      const fieldNode = object ? await fieldExpression(object, field, objectScope) : undefined
      await walk(entry, [...resultPath, field], fieldNode, objectScope)
    }
  }

  await walk(tracedResult, [], planned.tree, null)
  return sourceMap
}
