/** Messages between a worker pool on the main thread and its worker threads. */

import type {VersionDelivery} from '../store/datasetStore'

export type ToWorkerMessage<Job> =
  | {type: 'version'; delivery: VersionDelivery}
  /** `version`: the dataset version the job must see; a worker never answers from an older one. */
  | {type: 'job'; jobId: number; version: number; job: Job}

export type FromWorkerMessage<Outcome> =
  | {type: 'loaded'; version: number}
  | {type: 'loadFailed'; version: number; message: string}
  | {type: 'done'; jobId: number; version: number; etag: string; ms: number; outcome: Outcome}
  | {type: 'stale'; jobId: number; version: number}
