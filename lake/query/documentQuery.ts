import {ApiError} from '../http/apiError'
import type {ChangeSet} from '../store/changeSet'
import type {QueryPool} from './queryPool'

/** What a mutation's query found: the ids of the documents it returned, or why it could not run. */
type DocumentQueryAnswer = {ok: true; ids: string[]} | {ok: false; statusCode: number; type: string; description: string; start?: number; end?: number}

/**
 * Runs a mutation's GROQ query over every document, drafts included, as the
 * transaction sees them: the base with `pending` (the transaction's own
 * writes so far) laid over it. The local Lake runs it in the query pool, with
 * the same nesting check and time limit as any query, off the main thread.
 */
export type DocumentQuery = (query: string, params: Record<string, unknown>, pending: ChangeSet) => Promise<DocumentQueryAnswer>

/**
 * The query of a delete or patch by query, run by the query pool: a runaway
 * cross-join in a mutation is stopped by the same time limit as one in a
 * query, and never blocks the server's thread. A refusal keeps the query
 * API's status, type and position, for the transaction's error item.
 */
export function documentQueryOn(queries: QueryPool): DocumentQuery {
  return async (query, params, pending) => {
    try {
      return {ok: true, ids: await queries.documentIds(query, params, pending)}
    } catch (error) {
      if (!(error instanceof ApiError)) throw error
      const {start, end} = error.queryError ?? {}
      return {
        ok: false,
        statusCode: error.statusCode,
        type: error.queryError?.type ?? 'queryError',
        description: error.message,
        ...(start === undefined ? {} : {start}),
        ...(end === undefined ? {} : {end}),
      }
    }
  }
}
