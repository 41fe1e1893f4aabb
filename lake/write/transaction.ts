import {extractWithPath, Mutation as PatchEngine} from '@sanity/mutator'
import {randomBytes, randomUUID} from 'node:crypto'
import type {StoredDocument} from '../../client/embedded/dataset'
import type {DocumentQuery} from '../query/documentQuery'
import type {ChangeSet} from '../store/changeSet'
import {DOCUMENT_ID} from '../store/documentRules'
import {isPlainObject, jsonDepth} from '../store/jsonValue'
import {invalidMutation, TransactionError} from './transactionError'

/**
 * One transaction of Sanity mutations applied to a set of documents, all or
 * nothing, with the Content Lake's rules for ids, revisions and timestamps:
 * every document a transaction changes gets the transaction id as its `_rev`
 * and the transaction time as its `_updatedAt`; `_createdAt` is set once.
 * Patches are applied by @sanity/mutator, the engine the Studio uses.
 */

type DocumentOperation = 'create' | 'update' | 'delete'

/** A document the transaction touched: its state before and after. */
interface DocumentChange {
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

export interface TransactionOptions {
  transactionId?: string
  /** Defaults to now. */
  timestamp?: Date
  identity?: string
  /** Adds a random `_key` to objects in arrays that lack one (`autoGenerateArrayKeys`). */
  autoGenerateArrayKeys?: boolean
  /** Runs the query of a delete or patch by query. Without it, only mutations by id are accepted. */
  documentQuery?: DocumentQuery
  /** How deeply a patched document may nest (MAX_JSON_DEPTH); a request body is checked before it is parsed, a patch's result here. */
  maxDocumentDepth?: number
}

const MUTATION_KINDS = ['create', 'createOrReplace', 'createIfNotExists', 'delete', 'patch'] as const
type MutationKind = (typeof MUTATION_KINDS)[number]
const PATCH_OPERATIONS = new Set(['set', 'setIfMissing', 'unset', 'insert', 'inc', 'dec', 'diffMatchPatch'])
const PATCH_KEYS = new Set([...PATCH_OPERATIONS, 'id', 'query', 'params', 'ifRevisionID'])
/** What every write stamps anew: never compared as content, never taken from a caller. */
const STAMPED_ON_WRITE = new Set(['_rev', '_updatedAt'])

/** `inc` and `dec` take numbers, and change only numbers: anything else is refused, as on the Content Lake, rather than ignored. */
function checkArithmetic(current: StoredDocument, operations: Record<string, unknown>, id: string, index: number): void {
  for (const operation of ['inc', 'dec'] as const) {
    const amounts = operations[operation]
    if (amounts === undefined) continue
    if (!isPlainObject(amounts)) throw invalidMutation(index, `patch of "${id}": "${operation}" must be an object of paths and numbers`)
    for (const [path, amount] of Object.entries(amounts)) {
      if (typeof amount !== 'number' || !Number.isFinite(amount))
        throw invalidMutation(index, `patch of "${id}": ${operation} "${path}" by ${JSON.stringify(amount)}: the amount must be a number`)
      for (const match of extractWithPath(path, current)) {
        if (typeof match.value !== 'number') {
          throw new TransactionError(400, [
            {
              index,
              type: 'invalidPatchError',
              description: `patch of "${id}": cannot ${operation} "${path}": it holds ${typeof match.value === 'object' ? (match.value === null ? 'null' : 'an object') : `a ${typeof match.value}`}, not a number`,
              id,
            },
          ])
        }
      }
    }
  }
}

/** A transaction id in the Lake's style: 22 URL-safe characters. */
function newTransactionId(): string {
  return randomBytes(16).toString('base64url').slice(0, 22)
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
  /** The request position (mutation or action) that first touched each document, for error items. */
  private readonly firstIndex = new Map<string, number>()
  private currentIndex = 0
  private readonly applied: Array<Record<string, unknown>> = []
  private readonly autoGenerateArrayKeys: boolean
  private readonly documentQuery: DocumentQuery | undefined
  private readonly maxDocumentDepth: number

  constructor(
    private readonly base: ReadonlyMap<string, StoredDocument>,
    options: TransactionOptions = {},
  ) {
    this.transactionId = options.transactionId ?? newTransactionId()
    this.timestamp = (options.timestamp ?? new Date()).toISOString()
    this.identity = options.identity ?? ''
    this.autoGenerateArrayKeys = options.autoGenerateArrayKeys ?? false
    this.documentQuery = options.documentQuery
    this.maxDocumentDepth = options.maxDocumentDepth ?? 64
  }

  get(id: string): StoredDocument | null {
    if (this.overlay.has(id)) return this.overlay.get(id) ?? null
    return this.base.get(id) ?? null
  }

  private touch(id: string): void {
    // The map answers "touched before?" at once; a search of the list made a transaction of n documents cost n².
    if (this.firstIndex.has(id)) return
    this.touched.push(id)
    this.firstIndex.set(id, this.currentIndex)
  }

  /** Marks the mutation or action at `index` as the one now being applied. */
  at(index: number): void {
    this.currentIndex = index
  }

  firstMutationIndexOf(id: string): number {
    return this.firstIndex.get(id) ?? 0
  }

  /**
   * Writes the next state of a document, stamping the Lake's system fields,
   * even when the content is the same: as on the Content Lake, every
   * transaction enters the log and gives what it wrote a new `_rev`, because
   * a listener (the Studio's document store) waits to see each transaction
   * it submitted come back, and a patch that changes nothing (a
   * `setIfMissing` on a field already set) is one too.
   */
  write(id: string, next: StoredDocument | null): void {
    this.touch(id)
    const current = this.get(id)
    if (next === null) {
      this.overlay.set(id, null)
      return
    }
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
    const withoutSystem = Object.fromEntries(Object.entries(value).filter(([key]) => !STAMPED_ON_WRITE.has(key)))
    const document = {...withoutSystem, _id: id as string, _type: value._type}
    return (this.autoGenerateArrayKeys ? addArrayKeys(document) : document) as StoredDocument
  }

  /** The transaction's writes so far, as a change over its base. */
  pendingChanges(): ChangeSet {
    const upserts: StoredDocument[] = []
    const deletes: string[] = []
    for (const [id, document] of this.overlay) {
      if (document === null) deletes.push(id)
      else upserts.push(document)
    }
    return {upserts, deletes}
  }

  private async idsFromQuery(spec: Record<string, unknown>, index: number, kind: string): Promise<string[]> {
    if (typeof spec.query !== 'string') throw invalidMutation(index, `${kind}: needs "id" or "query"`)
    const params = spec.params ?? {}
    if (!isPlainObject(params)) throw invalidMutation(index, `${kind}: "params" must be an object`)
    if (!this.documentQuery) throw invalidMutation(index, `${kind}: mutations by query are not available here; give "id"`)
    const answer = await this.documentQuery(spec.query, params, this.pendingChanges())
    if (!answer.ok) {
      const {ok: _ok, statusCode, ...item} = answer
      throw new TransactionError(statusCode, [{index, ...item, description: `${kind}: ${answer.description}`, query: spec.query}])
    }
    return answer.ids
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
    checkArithmetic(current, values, id, index)
    let next: StoredDocument
    try {
      // The patch engine's types describe the same JSON shapes we validated above.
      const engine = new PatchEngine({mutations: [{patch: {...values, id} as never}]})
      next = engine.apply(current as never) as unknown as StoredDocument
    } catch (error) {
      throw new TransactionError(400, [{index, type: 'invalidPatchError', description: `patch of "${id}": ${error instanceof Error ? error.message : String(error)}`, id}])
    }
    if (!isPlainObject(next) || next._id !== id) throw new TransactionError(400, [{index, type: 'invalidPatchError', description: `patch of "${id}": "_id" cannot be changed`, id}])
    if (typeof next._type !== 'string' || next._type === '')
      throw new TransactionError(400, [{index, type: 'invalidPatchError', description: `patch of "${id}": "_type" must stay a non-empty string`, id}])
    if (jsonDepth(next, this.maxDocumentDepth) > this.maxDocumentDepth) {
      throw new TransactionError(400, [
        {index, type: 'invalidPatchError', description: `patch of "${id}": the document would nest deeper than ${this.maxDocumentDepth} levels (MAX_JSON_DEPTH)`, id},
      ])
    }
    this.write(id, next)
  }

  /** Applies one mutation; throws a TransactionError, leaving the draft unusable, when it cannot. */
  async apply(mutation: unknown, index: number): Promise<void> {
    this.at(index)
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

  /** The finished transaction. Every document written is changed (a new `_rev`), even to its old content; one only addressed (createIfNotExists on an existing one) is not. */
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

/** Applies every mutation to the documents, atomically: the base is never changed, and any failure throws a TransactionError. */
export async function applyMutations(base: ReadonlyMap<string, StoredDocument>, mutations: readonly unknown[], options: TransactionOptions = {}): Promise<CommittedTransaction> {
  const draft = new TransactionDraft(base, options)
  for (const [index, mutation] of mutations.entries()) await draft.apply(structuredClone(mutation), index)
  return draft.finish()
}

/** What a committed transaction does to the stored dataset. */
export function changeSetOf(transaction: CommittedTransaction): ChangeSet {
  const upserts: StoredDocument[] = []
  const deletes: string[] = []
  for (const change of transaction.changes) {
    if (change.document === null) deletes.push(change.id)
    else upserts.push(change.document)
  }
  return {upserts, deletes}
}
