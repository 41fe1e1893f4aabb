/**
 * A refused transaction, and its wire shape: the Content Lake's
 * `{error: {type: "mutationError", description, items: [{error, index}]}}`,
 * which @sanity/client turns into a readable error listing every item.
 */

export interface MutationErrorItem {
  /** Position of the failing mutation (or action) in the request. */
  index: number
  type: string
  description: string
  [detail: string]: unknown
}

/** A transaction that was refused, all of it: nothing it did is kept. */
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
