import {ApiError} from '../http/apiError'
import type {DocumentQuery} from '../write/transaction'
import type {QueryPool} from './queryPool'

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
