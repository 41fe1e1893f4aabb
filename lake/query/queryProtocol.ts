/** Query jobs between the HTTP server and its query workers. */

import type {Perspective} from '../../client/embedded/dataset'
import type {InvalidQueryError} from '../../client/embedded/queryErrors'
import type {ChangeSet} from '../store/changeSet'
import type {SourceMapArrays} from './resultSourceMap'

export type {Perspective}

export interface QueryJob {
  query: string
  params: Record<string, unknown>
  perspective: Perspective
  /** A caller without a token: it sees only documents on the root path. */
  anonymous?: boolean
  /** For the query of a mutation: the writes its transaction made so far, laid over the version first. */
  pending?: ChangeSet
  /** `documentIds`: answer the ids of the documents found, as a mutation by query needs them, instead of the result. */
  answer?: 'result' | 'documentIds'
  /** `resultSourceMap`: answer a Content Source Map beside the result, naming array elements by index or by `_key`. */
  resultSourceMap?: SourceMapArrays
}

export type QueryWorkerOutcome =
  | {ok: true; resultJson: string; cacheable: boolean; sourceMapJson?: string}
  | {ok: false; kind: 'invalid'; error: InvalidQueryError}
  | {ok: false; kind: 'tooLarge'; bytes: number}
  /** A mutation's query returned something other than documents. */
  | {ok: false; kind: 'notDocuments'}
  | {ok: false; kind: 'failed'; message: string}

export interface QueryWorkerData {
  maxGroqDepth: number
  maxResponseBytes: number
}
