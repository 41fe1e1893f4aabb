import {Worker} from 'node:worker_threads'
import {ApiError, queryParseError} from './apiError'
import type {QueryJob, QueryResponseMessage, QueryWorkerData, WorkerStatusMessage} from './queryProtocol'

export interface QueryOutcome {
  resultJson: string
  ms: number
}

interface PendingJob {
  jobId: number
  job: QueryJob
  resolve: (outcome: QueryOutcome) => void
  reject: (error: Error) => void
}

interface Slot {
  worker: Worker
  ready: Promise<void>
  loaded: boolean
  running?: PendingJob
  timer?: NodeJS.Timeout
}

export interface QueryPoolOptions {
  datasetPath: string
  size: number
  timeoutMs: number
  /** Jobs waiting for a free worker beyond this many are refused with 503. */
  maxQueued?: number
}

const WORKER_MODULE = new URL('./queryWorker.ts', import.meta.url).href

/**
 * The worker is TypeScript. Node does not hand tsx's loader on to worker
 * threads, so a small bootstrap registers it inside the thread first.
 */
const WORKER_BOOTSTRAP = `import('tsx/esm/api').then(({register}) => { register(); return import(${JSON.stringify(WORKER_MODULE)}) })`

/**
 * A fixed set of worker threads, each holding the dataset, that evaluate
 * queries in parallel. A query that runs past the limit is answered with an
 * error and its worker is terminated and replaced; the other workers keep
 * answering meanwhile.
 */
export class QueryPool {
  private readonly slots: Slot[] = []
  private readonly queue: PendingJob[] = []
  private nextJobId = 1
  private closed = false

  constructor(private readonly options: QueryPoolOptions) {
    for (let index = 0; index < options.size; index++) this.slots.push(this.spawn())
  }

  /** Resolves when every worker has loaded the dataset; rejects with the loader's message otherwise. */
  async ready(): Promise<void> {
    await Promise.all(this.slots.map((slot) => slot.ready))
  }

  run(job: QueryJob): Promise<QueryOutcome> {
    if (this.closed) return Promise.reject(new ApiError(503, 'The server is shutting down.'))
    if (this.queue.length >= (this.options.maxQueued ?? this.options.size * 64)) {
      return Promise.reject(new ApiError(503, 'Too many queries are waiting. Try again shortly.', undefined, {'retry-after': '1'}))
    }
    return new Promise((resolve, reject) => {
      this.queue.push({jobId: this.nextJobId++, job, resolve, reject})
      this.dispatch()
    })
  }

  async close(): Promise<void> {
    this.closed = true
    for (const pending of this.queue.splice(0)) pending.reject(new ApiError(503, 'The server is shutting down.'))
    await Promise.all(
      this.slots.map(async (slot) => {
        clearTimeout(slot.timer)
        slot.running?.reject(new ApiError(503, 'The server is shutting down.'))
        await slot.worker.terminate()
      }),
    )
  }

  private spawn(): Slot {
    const data: QueryWorkerData = {datasetPath: this.options.datasetPath}
    const worker = new Worker(WORKER_BOOTSTRAP, {eval: true, workerData: data})
    let slot: Slot
    const ready = new Promise<void>((resolve, reject) => {
      worker.once('message', (status: WorkerStatusMessage) => {
        if (status.ready) {
          slot.loaded = true
          worker.on('message', (message: QueryResponseMessage) => this.finish(slot, message))
          resolve()
          this.dispatch()
        } else {
          reject(new Error(`Could not load ${this.options.datasetPath}: ${status.message}`))
        }
      })
      worker.once('error', reject)
    })
    // A failed start is reported through ready(); keep it from also surfacing as an unhandled rejection.
    ready.catch(() => undefined)
    worker.on('error', (error) => this.crashed(slot, error))
    slot = {worker, ready, loaded: false}
    return slot
  }

  private dispatch(): void {
    for (const slot of this.slots) {
      if (this.queue.length === 0) return
      if (slot.running || !slot.loaded) continue
      const pending = this.queue.shift()
      if (!pending) return
      slot.running = pending
      slot.timer = setTimeout(() => this.timedOut(slot), this.options.timeoutMs)
      slot.worker.postMessage({jobId: pending.jobId, ...pending.job})
    }
  }

  private finish(slot: Slot, message: QueryResponseMessage): void {
    const pending = slot.running
    if (!pending || pending.jobId !== message.jobId) return
    clearTimeout(slot.timer)
    slot.running = undefined
    if (message.ok) {
      pending.resolve({resultJson: message.resultJson, ms: message.ms})
    } else if (message.failure.kind === 'syntax') {
      pending.reject(queryParseError(pending.job.query, message.failure.message, message.failure.position))
    } else {
      pending.reject(new ApiError(400, message.failure.message, {type: 'queryError', query: pending.job.query}))
    }
    this.dispatch()
  }

  private timedOut(slot: Slot): void {
    const pending = slot.running
    slot.running = undefined
    pending?.reject(
      new ApiError(504, `The query ran longer than the limit of ${this.options.timeoutMs} ms and was stopped. Narrow the filter, or raise QUERY_TIMEOUT_MS.`, {
        type: 'queryTimeout',
        query: pending.job.query,
      }),
    )
    this.replace(slot)
  }

  private crashed(slot: Slot, error: Error): void {
    const pending = slot.running
    slot.running = undefined
    clearTimeout(slot.timer)
    pending?.reject(new ApiError(500, `The query worker failed: ${error.message}`))
    if (!this.closed && this.slots.includes(slot) && slot.loaded) this.replace(slot)
  }

  private replace(slot: Slot): void {
    const index = this.slots.indexOf(slot)
    if (index === -1 || this.closed) return
    slot.worker.removeAllListeners('message')
    void slot.worker.terminate()
    this.slots[index] = this.spawn()
  }
}
