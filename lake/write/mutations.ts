import {Mutation as PatchEngine} from '@sanity/mutator'
import {evaluate, parse} from 'groq-js'
import {randomBytes, randomUUID} from 'node:crypto'
import type {StoredDocument} from '../../client/embedded/dataset'

/**
 * One transaction of Sanity mutations applied to a set of documents, all or
 * nothing, with the Content Lake's rules for ids, revisions and timestamps:
 * every document a transaction changes gets the transaction id as its `_rev`
 * and the transaction time as its `_updatedAt`; `_createdAt` is set once.
 * Patches are applied by @sanity/mutator, the engine the Studio uses.
 */

export type DocumentOperation = 'create' | 'update' | 'delete'

/** A document the transaction touched: its state before and after. */
export interface DocumentChange {
  id: string
  operation: DocumentOperation
  previous: StoredDocument | null
  document: StoredDocument | null
}

export interface CommittedTransaction {
  transactionId: string
  /** ISO time of the transaction; every changed document carries it as `_updatedAt`. */
  timestamp: string
  identity: string
  /** The mutations as applied: generated ids filled in. */
  mutations: Array<Record<string, unknown>>
  /** Documents whose content changed, in the order they were first touched. */
  changes: DocumentChange[]
  /** Every document a mutation addressed, changed or not, as the Lake reports them. */
  results: Array<{id: string; operation: DocumentOperation; document: StoredDocument | null}>
}

/** What a committed transaction does to the stored dataset. */
export interface ChangeSet {
  upserted: StoredDocument[]
  deleted: string[]
}

export interface TransactionOptions {
  transactionId?: string
  /** Defaults to now. */
  timestamp?: Date
  identity?: string
  /** Adds a random `_key` to objects in arrays that lack one (`autoGenerateArrayKeys`). */
  autoGenerateArrayKeys?: boolean
}

export interface MutationErrorItem {
  /** Position of the failing mutation (or action) in the request. */
  index: number
  type: string
  description: string
  [detail: string]: unknown
}

/**
 * A transaction that was refused. The body has the Content Lake's shape, which
 * @sanity/client turns into a readable error listing every item:
 * `{error: {type: "mutationError", description, items: [{error, index}]}}`.
 */
export class TransactionError extends Error {
  override name = 'TransactionError'

  constructor(
    readonly statusCode: number,
    readonly items: MutationErrorItem[],
    readonly kind: 'mutationError' | 'actionError' = 'mutationError',
  ) {
    super(`The ${kind === 'actionError' ? 'action(s)' : 'mutation(s)'} failed: ${items.map((item) => item.description).join('; ')}`)
  }

  withKind(kind: 'mutationError' | 'actionError'): TransactionError {
    return new TransactionError(this.statusCode, this.items, kind)
  }

  toBody(): {error: {type: string; description: string; items: Array<{error: Record<string, unknown>; index: number}>}} {
    return {
      error: {
        type: this.kind,
        description: this.message,
        items: this.items.map(({index, ...error}) => ({error, index})),
      },
    }
  }
}

export function invalidMutation(index: number, description: string): TransactionError {
  return new TransactionError(400, [{index, type: 'invalidMutationError', description}])
}

const MUTATION_KINDS = ['create', 'createOrReplace', 'createIfNotExists', 'delete', 'patch'] as const
type MutationKind = (typeof MUTATION_KINDS)[number]
const PATCH_OPERATIONS = new Set(['set', 'setIfMissing', 'unset', 'insert', 'inc', 'dec', 'diffMatchPatch'])
const PATCH_KEYS = new Set([...PATCH_OPERATIONS, 'id', 'query', 'params', 'ifRevisionID'])
const SYSTEM_FIELDS = new Set(['_rev', '_updatedAt'])
/** The Lake's rule: letters, digits, `.`, `_` and `-`, at most 128 characters, not starting with `-` or `.`. */
const DOCUMENT_ID = /^[A-Za-z0-9_][A-Za-z0-9._-]{0,127}$/
export const MAX_MUTATIONS_PER_TRANSACTION = 10_000

export function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value)
}

/** A transaction id in the Lake's style: 22 URL-safe characters. */
export function newTransactionId(): string {
  return randomBytes(16).toString('base64url').slice(0, 22)
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

/** Same content, ignoring what every write changes anyway. */
function sameContent(a: StoredDocument | null, b: StoredDocument | null): boolean {
  if (a === null || b === null) return a === b
  const strip = (document: StoredDocument) => Object.fromEntries(Object.entries(document).filter(([key]) => !SYSTEM_FIELDS.has(key)))
  return deepEqual(strip(a), strip(b))
}

function addArrayKeys(value: unknown): unknown {
  if (Array.isArray(value)) {
    return value.map((item) => {
      const mapped = addArrayKeys(item)
      return isPlainObject(mapped) && typeof mapped._key !== 'string' ? {...mapped, _key: randomBytes(6).toString('hex')} : mapped
    })
  }
  if (isPlainObject(value)) return Object.fromEntries(Object.entries(value).map(([key, item]) => [key, addArrayKeys(item)]))
  return value
}

function kindOf(mutation: unknown, index: number): MutationKind {
  if (!isPlainObject(mutation)) throw invalidMutation(index, `mutation ${index} is not a JSON object`)
  const keys = Object.keys(mutation)
  const kind = MUTATION_KINDS.find((candidate) => candidate === keys[0])
  if (keys.length !== 1 || kind === undefined) {
    throw invalidMutation(index, `mutation ${index} must have exactly one of ${MUTATION_KINDS.join(', ')}; got ${keys.length === 0 ? 'none' : keys.join(', ')}`)
  }
  return kind
}

function checkId(id: unknown, index: number, what: string): string {
  if (typeof id !== 'string' || !DOCUMENT_ID.test(id)) {
    throw new TransactionError(400, [
      {index, type: 'invalidDocumentIdError', description: `${what}: document id ${JSON.stringify(id)} is not valid (letters, digits, ".", "_" and "-", at most 128 characters)`},
    ])
  }
  return id
}

/**
 * The documents of a transaction in progress, over an unchanged base. Reads
 * see the transaction's own writes; nothing reaches the base until the
 * caller commits the change set `finish()` returns.
 */
export class TransactionDraft {
  readonly transactionId: string
  readonly timestamp: string
  readonly identity: string
  private readonly overlay = new Map<string, StoredDocument | null>()
  private readonly touched: string[] = []
  private readonly applied: Array<Record<string, unknown>> = []
  private readonly autoGenerateArrayKeys: boolean

  constructor(
    private readonly base: ReadonlyMap<string, StoredDocument>,
    options: TransactionOptions = {},
  ) {
    this.transactionId = options.transactionId ?? newTransactionId()
    this.timestamp = (options.timestamp ?? new Date()).toISOString()
    this.identity = options.identity ?? ''
    this.autoGenerateArrayKeys = options.autoGenerateArrayKeys ?? false
  }

  get(id: string): StoredDocument | null {
    if (this.overlay.has(id)) return this.overlay.get(id) ?? null
    return this.base.get(id) ?? null
  }

  /** Every document as the transaction sees it now. */
  documents(): StoredDocument[] {
    const out: StoredDocument[] = []
    for (const [id, document] of this.base) if (!this.overlay.has(id)) out.push(document)
    for (const document of this.overlay.values()) if (document !== null) out.push(document)
    return out
  }

  private touch(id: string): void {
    if (!this.touched.includes(id)) this.touched.push(id)
  }

  /** Writes the next state of a document, stamping the Lake's system fields when the content changed. */
  write(id: string, next: StoredDocument | null): void {
    this.touch(id)
    const current = this.get(id)
    if (next === null) {
      this.overlay.set(id, null)
      return
    }
    if (current !== null && sameContent(current, next)) return
    const createdAt = typeof next._createdAt === 'string' ? next._createdAt : current !== null && typeof current._createdAt === 'string' ? current._createdAt : this.timestamp
    this.overlay.set(id, {...next, _id: id, _createdAt: createdAt, _updatedAt: this.timestamp, _rev: this.transactionId})
  }

  /** Notes a mutation done through `write`, so listeners see what happened to each document. */
  recordMutation(mutation: Record<string, unknown>): void {
    this.applied.push(mutation)
  }

  /** Marks a document as addressed without changing it, so it is listed in the results. */
  addressed(id: string): void {
    this.touch(id)
  }

  private prepareDocument(value: unknown, index: number, kind: MutationKind): StoredDocument {
    if (!isPlainObject(value)) throw invalidMutation(index, `${kind}: the document is not a JSON object`)
    if (typeof value._type !== 'string' || value._type === '') throw invalidMutation(index, `${kind}: the document has no string "_type"`)
    let id = value._id
    if (kind === 'create' && (id === undefined || (typeof id === 'string' && id.endsWith('.')))) {
      id = `${typeof id === 'string' ? id : ''}${randomUUID()}`
    }
    if (id === undefined) throw invalidMutation(index, `${kind}: the document needs an "_id"`)
    checkId(id, index, kind)
    const withoutSystem = Object.fromEntries(Object.entries(value).filter(([key]) => !SYSTEM_FIELDS.has(key)))
    const document = {...withoutSystem, _id: id as string, _type: value._type}
    return (this.autoGenerateArrayKeys ? addArrayKeys(document) : document) as StoredDocument
  }

  private async idsFromQuery(spec: Record<string, unknown>, index: number, kind: string): Promise<string[]> {
    if (typeof spec.query !== 'string') throw invalidMutation(index, `${kind}: needs "id" or "query"`)
    const params = spec.params ?? {}
    if (!isPlainObject(params)) throw invalidMutation(index, `${kind}: "params" must be an object`)
    let result: unknown
    try {
      const tree = parse(spec.query, {params})
      result = await (await evaluate(tree, {dataset: this.documents(), params})).get()
    } catch (error) {
      throw new TransactionError(400, [{index, type: 'queryParseError', description: `${kind}: ${error instanceof Error ? error.message : String(error)}`, query: spec.query}])
    }
    const found = Array.isArray(result) ? result : result === null ? [] : [result]
    return found.map((item) => {
      if (!isPlainObject(item) || typeof item._id !== 'string') throw invalidMutation(index, `${kind}: the query must return documents (objects with an "_id")`)
      return item._id
    })
  }

  private applyPatch(id: string, patch: Record<string, unknown>, index: number): void {
    const current = this.get(id)
    if (current === null) {
      throw new TransactionError(404, [{index, type: 'documentNotFoundError', description: `Document by ID "${id}" not found`, id}])
    }
    if (patch.ifRevisionID !== undefined && patch.ifRevisionID !== current._rev) {
      throw new TransactionError(409, [
        {
          index,
          type: 'documentRevisionIDDoesNotMatchError',
          description: `Document by ID "${id}" has unexpected revision ID ("${String(current._rev)}"), expected "${String(patch.ifRevisionID)}"`,
          id,
          currentRevisionID: current._rev,
          expectedRevisionID: patch.ifRevisionID,
        },
      ])
    }
    const operations = Object.fromEntries(Object.entries(patch).filter(([key]) => PATCH_OPERATIONS.has(key)))
    const values = this.autoGenerateArrayKeys ? (addArrayKeys(operations) as Record<string, unknown>) : operations
    let next: StoredDocument
    try {
      // The patch engine's types describe the same JSON shapes we validated above.
      const engine = new PatchEngine({mutations: [{patch: {...values, id} as never}]})
      next = engine.apply(current as never) as unknown as StoredDocument
    } catch (error) {
      throw new TransactionError(400, [{index, type: 'invalidPatchError', description: `patch of "${id}": ${error instanceof Error ? error.message : String(error)}`, id}])
    }
    if (!isPlainObject(next) || next._id !== id) throw new TransactionError(400, [{index, type: 'invalidPatchError', description: `patch of "${id}": "_id" cannot be changed`, id}])
    if (typeof next._type !== 'string' || next._type === '') throw new TransactionError(400, [{index, type: 'invalidPatchError', description: `patch of "${id}": "_type" must stay a non-empty string`, id}])
    this.write(id, next)
  }

  /** Applies one mutation; throws a TransactionError, leaving the draft unusable, when it cannot. */
  async apply(mutation: unknown, index: number): Promise<void> {
    const kind = kindOf(mutation, index)
    const body = (mutation as Record<string, unknown>)[kind]
    switch (kind) {
      case 'create': {
        const document = this.prepareDocument(body, index, kind)
        if (this.get(document._id) !== null) {
          throw new TransactionError(409, [{index, type: 'documentAlreadyExistsError', description: `Document by ID "${document._id}" already exists`, id: document._id}])
        }
        this.write(document._id, document)
        this.applied.push({create: document})
        return
      }
      case 'createIfNotExists': {
        const document = this.prepareDocument(body, index, kind)
        if (this.get(document._id) === null) this.write(document._id, document)
        else this.addressed(document._id)
        this.applied.push({createIfNotExists: document})
        return
      }
      case 'createOrReplace': {
        const document = this.prepareDocument(body, index, kind)
        const current = this.get(document._id)
        // A change of type is a delete and a create: the document starts a new life.
        const replacement = current !== null && current._type !== document._type && document._createdAt === undefined ? {...document, _createdAt: this.timestamp} : document
        this.write(document._id, replacement)
        this.applied.push({createOrReplace: document})
        return
      }
      case 'delete': {
        if (!isPlainObject(body)) throw invalidMutation(index, 'delete: expected {id} or {query, params}')
        const ids = body.id !== undefined ? [checkId(body.id, index, 'delete')] : await this.idsFromQuery(body, index, 'delete')
        for (const id of ids) {
          if (this.get(id) !== null) this.write(id, null)
          this.applied.push({delete: {id}})
        }
        return
      }
      case 'patch': {
        if (!isPlainObject(body)) throw invalidMutation(index, 'patch: expected an object')
        const unknown = Object.keys(body).filter((key) => !PATCH_KEYS.has(key))
        if (unknown.length > 0) throw invalidMutation(index, `patch: unknown operation ${unknown.map((key) => `"${key}"`).join(', ')}`)
        if (body.ifRevisionID !== undefined && typeof body.ifRevisionID !== 'string') throw invalidMutation(index, 'patch: "ifRevisionID" must be a string')
        const ids = body.id !== undefined ? [checkId(body.id, index, 'patch')] : await this.idsFromQuery(body, index, 'patch')
        const {query: _query, params: _params, ...rest} = body
        for (const id of ids) {
          this.applyPatch(id, body, index)
          this.applied.push({patch: {...rest, id}})
        }
        return
      }
    }
  }

  /** The finished transaction. Documents written and then restored to their old content count as unchanged. */
  finish(): CommittedTransaction {
    const changes: DocumentChange[] = []
    const results: CommittedTransaction['results'] = []
    for (const id of this.touched) {
      const previous = this.base.get(id) ?? null
      const document = this.get(id)
      const operation: DocumentOperation = previous === null ? 'create' : document === null ? 'delete' : 'update'
      if (previous === null && document === null) continue
      results.push({id, operation, document})
      if (document !== previous) changes.push({id, operation, previous, document})
    }
    return {transactionId: this.transactionId, timestamp: this.timestamp, identity: this.identity, mutations: this.applied, changes, results}
  }
}

/** Parses `{mutations: [...]}` (or a bare array / single mutation, as older clients send) into a list. */
export function mutationsOf(body: unknown): unknown[] {
  const list = isPlainObject(body) && 'mutations' in body ? body.mutations : body
  const mutations = Array.isArray(list) ? list : [list]
  if (mutations.length === 0) throw invalidMutation(0, 'the transaction has no mutations')
  if (mutations.length > MAX_MUTATIONS_PER_TRANSACTION) {
    throw invalidMutation(MAX_MUTATIONS_PER_TRANSACTION, `a transaction holds at most ${MAX_MUTATIONS_PER_TRANSACTION} mutations; got ${mutations.length}`)
  }
  return mutations
}

/** Applies every mutation to the documents, atomically: the base is never changed, and any failure throws a TransactionError. */
export async function applyMutations(base: ReadonlyMap<string, StoredDocument>, mutations: readonly unknown[], options: TransactionOptions = {}): Promise<CommittedTransaction> {
  const draft = new TransactionDraft(base, options)
  for (const [index, mutation] of mutations.entries()) await draft.apply(structuredClone(mutation), index)
  return draft.finish()
}

export function changeSetOf(transaction: CommittedTransaction): ChangeSet {
  const upserted: StoredDocument[] = []
  const deleted: string[] = []
  for (const change of transaction.changes) {
    if (change.document === null) deleted.push(change.id)
    else upserted.push(change.document)
  }
  return {upserted, deleted}
}

/** Applies a change set to a map of documents in place. Replaying the same change set twice gives the same map. */
export function applyChangeSet(documents: Map<string, StoredDocument>, changes: ChangeSet): void {
  for (const id of changes.deleted) documents.delete(id)
  for (const document of changes.upserted) documents.set(document._id, document)
}

export interface MutateResponseOptions {
  returnIds?: boolean
  returnDocuments?: boolean
}

/** The body of a successful `/data/mutate` answer: `{transactionId, results: [{id, operation, document?}]}`. */
export function mutateResponseBody(transaction: CommittedTransaction, options: MutateResponseOptions): Record<string, unknown> {
  const listResults = options.returnIds === true || options.returnDocuments === true
  return {
    transactionId: transaction.transactionId,
    results: listResults
      ? transaction.results.map(({id, operation, document}) => ({id, operation, ...(options.returnDocuments === true && document !== null ? {document} : {})}))
      : [],
  }
}
