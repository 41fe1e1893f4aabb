import {isPlainObject} from '../store/jsonValue'
import type {CommittedTransaction} from './transaction'
import {invalidMutation} from './transactionError'

/** The request and response bodies of `/data/mutate`, as the Content Lake reads and answers them. */

/** The Content Lake's limit on mutations in one transaction. */
const MAX_MUTATIONS_PER_TRANSACTION = 10_000

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
