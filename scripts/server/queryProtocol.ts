/** Messages between the HTTP server and its query workers. */

import type {Perspective} from '../../client/embedded/dataset'

export type {Perspective}

export interface QueryJob {
  query: string
  params: Record<string, unknown>
  perspective: Perspective
}

export interface QueryRequestMessage extends QueryJob {
  jobId: number
}

export type QueryFailure =
  | {kind: 'syntax'; message: string; position: number}
  | {kind: 'query'; message: string}

export type QueryResponseMessage =
  | {jobId: number; ok: true; resultJson: string; ms: number}
  | {jobId: number; ok: false; failure: QueryFailure}

export type WorkerStatusMessage = {ready: true} | {ready: false; message: string}

export interface QueryWorkerData {
  datasetPath: string
}
