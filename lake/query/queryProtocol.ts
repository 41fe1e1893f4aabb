/** Query jobs between the HTTP server and its query workers. */

import type {Perspective} from '../../client/embedded/dataset'
import type {InvalidQueryError} from '../../client/embedded/queryErrors'

export type {Perspective}

export interface QueryJob {
  query: string
  params: Record<string, unknown>
  perspective: Perspective
}

export type QueryWorkerOutcome =
  | {ok: true; resultJson: string; cacheable: boolean}
  | {ok: false; kind: 'invalid'; error: InvalidQueryError}
  | {ok: false; kind: 'tooLarge'; bytes: number}
  | {ok: false; kind: 'failed'; message: string}

export interface QueryWorkerData {
  maxGroqDepth: number
  maxResponseBytes: number
}
