import {Worker} from 'node:worker_threads'
import {ApiError} from '../http/apiError'
import type {DatasetStore} from '../store/datasetStore'
import {workerScript} from './workerBundle'
import type {FromWorkerMessage, ToWorkerMessage} from './workerProtocol'

export interface WorkerPoolOptions<Job> {
  /** What the workers do, for messages: "query", "page render". */
  label: string
  /** The worker module (TypeScript), which calls serveJobs(). */
  workerModule: URL
  /**
   * Workers started ahead, holding the current version, that take the place
   * of a stopped worker at once. Each holds a copy of the dataset too.
   */
  spares?: number
  /** The dataset the workers hold; without one they hold none, and every job carries what it needs. */
  store?: DatasetStore
  size: number
  /** A job running longer is stopped (its worker replaced) and rejected with timeoutError. */
  timeoutMs: number
  timeoutError(job: Job, timeoutMs: number): Error
  /** A job waiting longer for a worker is refused with 503 naming queueTimeoutName. */
  queueTimeoutMs: number
  queueTimeoutName: string
  /** Jobs waiting beyond this many are refused at once with 503 naming maxQueuedName. */
  maxQueued: number
  maxQueuedName: string
  /** A job running longer than this counts as long-running, and so does every later job with its lane key. */
  longRunningMs: number
  /** At most this many workers may hold long-running jobs, so that quick jobs always find a worker. */
  maxLongRunning: number
  workerData?: unknown
  log?: (message: string) => void
}

export interface RunOptions {
  /** Jobs with the same key are expected to take as long as each other, e.g. the query text. */
  laneKey?: string
  /** Aborting removes a waiting job, or stops a running one; the client has gone. */
  signal?: AbortSignal
  /** The dataset version the job must see; defaults to the store's current version. */
  version?: number
}

export interface JobAnswer<Outcome> {
  outcome: Outcome
  /** The version the job was answered from: the one asked for or a newer one. */
  version: number
  etag: string
  ms: number
}

interface PendingJob<Job, Outcome> {
  jobId: number
  job: Job
  version: number
  laneKey: string | undefined
  long: boolean
  /** Running time left: a job moved aside for fairness keeps what it has not used. */
  budgetMs: number
  resolve(answer: JobAnswer<Outcome>): void
  reject(error: Error): void
  queueTimer?: NodeJS.Timeout
  detach?: () => void
}

interface Slot<Job, Outcome> {
  worker: Worker
  /** The newest version the worker has confirmed holding. */
  version: number
  running?: PendingJob<Job, Outcome>
  startedAt: number
  timer?: NodeJS.Timeout
  longTimer?: NodeJS.Timeout
}

const MAX_LANE_KEYS = 1000

/**
 * Worker threads that each hold the store's current dataset version and run
 * jobs against it. Every job is bounded: in the queue (time and count), and
 * while running (time; the worker is terminated, the only way to stop a
 * synchronous evaluation, and replaced). Long-running jobs may hold only
 * some of the workers: a job that turns long while that share is taken is
 * moved back to the queue, so quick jobs keep answering.
 */
export class WorkerPool<Job, Outcome> {
  private readonly slots: Slot<Job, Outcome>[] = []
  private readonly spares: Slot<Job, Outcome>[] = []
  private readonly started: Promise<void>
  private script = ''
  private readonly queue: PendingJob<Job, Outcome>[] = []
  private readonly longLanes = new Set<string>()
  private readonly unsubscribe: () => void
  private nextJobId = 1
  private closed = false
  private loadFailures = 0
  /** Dataset loads the workers have reported: one per rebuild, however many versions it took in. */
  private datasetLoads = 0

  constructor(private readonly options: WorkerPoolOptions<Job>) {
    this.started = workerScript(options.workerModule).then((script) => {
      this.script = script
      if (this.closed) return
      for (let index = 0; index < options.size; index++) this.slots.push(this.spawn())
      for (let index = 0; index < (options.spares ?? 0); index++) this.spares.push(this.spawn())
    })
    // Reported through ready(); keep it from also surfacing as an unhandled rejection.
    this.started.catch(() => undefined)
    this.unsubscribe =
      options.store?.subscribe((delivery) => {
        for (const slot of [...this.slots, ...this.spares]) this.post(slot, {type: 'version', delivery})
      }) ?? (() => undefined)
  }

  /** Resolves when every worker holds the current version. */
  async ready(): Promise<void> {
    await this.started
    const wanted = this.currentVersion()
    while (!this.closed && this.slots.some((slot) => slot.version < wanted)) await new Promise((resolve) => setTimeout(resolve, 10))
  }

  run(job: Job, runOptions: RunOptions = {}): Promise<JobAnswer<Outcome>> {
    const {label, maxQueued, maxQueuedName, queueTimeoutMs, queueTimeoutName} = this.options
    if (this.closed) return Promise.reject(new ApiError(503, 'The server is shutting down.'))
    if (runOptions.signal?.aborted) return Promise.reject(new ApiError(499, 'The client closed the request.'))
    if (this.queue.length >= maxQueued) {
      return Promise.reject(
        new ApiError(503, `Too many ${label} jobs are waiting (the limit is ${maxQueued}, ${maxQueuedName}). Try again shortly.`, undefined, {'retry-after': '1'}),
      )
    }
    return new Promise((resolve, reject) => {
      const pending: PendingJob<Job, Outcome> = {
        jobId: this.nextJobId++,
        job,
        version: runOptions.version ?? this.currentVersion(),
        laneKey: runOptions.laneKey,
        long: runOptions.laneKey !== undefined && this.longLanes.has(runOptions.laneKey),
        budgetMs: this.options.timeoutMs,
        resolve,
        reject,
      }
      pending.queueTimer = setTimeout(() => {
        if (!this.removeFromQueue(pending)) return
        pending.reject(
          new ApiError(503, `The ${label} waited longer than ${queueTimeoutMs} ms for a free worker (${queueTimeoutName}). Try again shortly.`, undefined, {'retry-after': '1'}),
        )
      }, queueTimeoutMs)
      const signal = runOptions.signal
      if (signal) {
        const onAbort = () => this.cancel(pending)
        signal.addEventListener('abort', onAbort, {once: true})
        pending.detach = () => signal.removeEventListener('abort', onAbort)
      }
      this.queue.push(pending)
      this.dispatch()
    })
  }

  /** How many jobs wait and run, for tests and diagnostics. */
  load(): {queued: number; running: number; longRunning: number; datasetLoads: number} {
    return {queued: this.queue.length, running: this.slots.filter((slot) => slot.running).length, longRunning: this.longCount(), datasetLoads: this.datasetLoads}
  }

  async close(): Promise<void> {
    this.closed = true
    this.unsubscribe()
    for (const pending of this.queue.splice(0)) this.settle(pending, new ApiError(503, 'The server is shutting down.'))
    await this.started.catch(() => undefined)
    await Promise.all(
      [...this.slots, ...this.spares].map(async (slot) => {
        this.clearTimers(slot)
        if (slot.running) this.settle(slot.running, new ApiError(503, 'The server is shutting down.'))
        slot.running = undefined
        await slot.worker.terminate()
      }),
    )
  }

  private spawn(): Slot<Job, Outcome> {
    const worker = new Worker(this.script, {eval: true, workerData: this.options.workerData})
    const slot: Slot<Job, Outcome> = {worker, version: 0, startedAt: 0}
    worker.on('message', (message: FromWorkerMessage<Outcome>) => this.received(slot, message))
    worker.on('error', (error) => this.failed(slot, `The ${this.options.label} worker failed: ${error.message}`))
    worker.on('exit', () => this.failed(slot, `The ${this.options.label} worker stopped.`))
    if (this.options.store) this.post(slot, {type: 'version', delivery: this.options.store.fullDelivery()})
    return slot
  }

  private post(slot: Slot<Job, Outcome>, message: ToWorkerMessage<Job>): boolean {
    try {
      slot.worker.postMessage(message)
      return true
    } catch (error) {
      // A value that cannot be copied to the worker; the caller answers for the job.
      this.options.log?.(`Could not hand a message to the ${this.options.label} worker: ${error instanceof Error ? error.message : String(error)}`)
      return false
    }
  }

  private received(slot: Slot<Job, Outcome>, message: FromWorkerMessage<Outcome>): void {
    if (!this.slots.includes(slot) && !this.spares.includes(slot)) return
    if (message.type === 'loaded') {
      if (slot.version < 0) return
      slot.version = Math.max(slot.version, message.version)
      this.loadFailures = 0
      this.datasetLoads++
      this.dispatch()
      return
    }
    if (message.type === 'loadFailed') {
      // Said out loud and retried with growing pauses: never a silent hang, never a tight loop.
      this.loadFailures++
      const pauseMs = Math.min(30_000, 250 * 2 ** Math.min(this.loadFailures - 1, 7))
      this.options.log?.(`A ${this.options.label} worker could not load dataset version ${message.version}: ${message.message}. Replacing it in ${pauseMs} ms.`)
      slot.version = -1
      this.clearTimers(slot)
      const pending = slot.running
      slot.running = undefined
      if (pending) this.queue.unshift(pending)
      setTimeout(() => this.replace(slot), pauseMs).unref()
      return
    }
    const pending = slot.running
    if (!pending || pending.jobId !== message.jobId) return
    this.clearTimers(slot)
    slot.running = undefined
    if (message.type === 'stale') {
      // Cannot happen while versions are posted before jobs; requeue rather than answer from old data.
      this.queue.unshift(pending)
    } else {
      this.settle(pending, null, {outcome: message.outcome, version: message.version, etag: message.etag, ms: message.ms})
    }
    this.dispatch()
  }

  /** Version 0 for workers without a dataset: they are always up to date. */
  private currentVersion(): number {
    return this.options.store?.current().version ?? 0
  }

  private longCount(): number {
    return this.slots.filter((slot) => slot.running?.long).length
  }

  private dispatch(): void {
    if (this.closed) return
    for (let index = 0; index < this.queue.length;) {
      const pending = this.queue[index]
      if (!pending) break
      const idle = this.slots.filter((slot) => !slot.running)
      if (idle.length === 0) return
      // The lane may have turned long while this job waited.
      if (!pending.long && pending.laneKey !== undefined && this.longLanes.has(pending.laneKey)) pending.long = true
      if (pending.long && this.longCount() >= this.options.maxLongRunning) {
        index++
        continue
      }
      const slot = idle.find((candidate) => candidate.version >= pending.version)
      if (!slot) {
        index++
        continue
      }
      this.queue.splice(index, 1)
      this.start(slot, pending)
    }
  }

  private start(slot: Slot<Job, Outcome>, pending: PendingJob<Job, Outcome>): void {
    clearTimeout(pending.queueTimer)
    if (!this.post(slot, {type: 'job', jobId: pending.jobId, version: pending.version, job: pending.job})) {
      this.settle(pending, new ApiError(400, `The ${this.options.label} could not be handed to a worker: a value in it cannot be copied.`))
      return
    }
    slot.running = pending
    slot.startedAt = performance.now()
    slot.timer = setTimeout(() => this.timedOut(slot), pending.budgetMs)
    if (!pending.long) slot.longTimer = setTimeout(() => this.turnedLong(slot), this.options.longRunningMs)
  }

  private turnedLong(slot: Slot<Job, Outcome>): void {
    const pending = slot.running
    if (!pending) return
    pending.long = true
    if (pending.laneKey !== undefined) {
      if (this.longLanes.size >= MAX_LANE_KEYS) this.longLanes.delete(this.longLanes.values().next().value as string)
      this.longLanes.add(pending.laneKey)
    }
    if (this.longCount() <= this.options.maxLongRunning) return
    // Over the share for long jobs: move this one back to the queue with the time it has left.
    pending.budgetMs = Math.max(1, pending.budgetMs - (performance.now() - slot.startedAt))
    slot.running = undefined
    this.replace(slot)
    pending.queueTimer = setTimeout(() => {
      if (!this.removeFromQueue(pending)) return
      pending.reject(this.options.timeoutError(pending.job, this.options.timeoutMs))
    }, this.options.queueTimeoutMs)
    this.queue.unshift(pending)
    this.dispatch()
  }

  private timedOut(slot: Slot<Job, Outcome>): void {
    const pending = slot.running
    slot.running = undefined
    if (pending) this.settle(pending, this.options.timeoutError(pending.job, this.options.timeoutMs))
    this.replace(slot)
  }

  private cancel(pending: PendingJob<Job, Outcome>): void {
    if (this.removeFromQueue(pending)) {
      this.settle(pending, new ApiError(499, 'The client closed the request.'))
      return
    }
    const slot = this.slots.find((candidate) => candidate.running === pending)
    if (!slot) return
    slot.running = undefined
    this.settle(pending, new ApiError(499, 'The client closed the request.'))
    this.replace(slot)
  }

  private failed(slot: Slot<Job, Outcome>, message: string): void {
    if (this.closed) return
    const spareIndex = this.spares.indexOf(slot)
    if (spareIndex !== -1) {
      this.options.log?.(`${message} Replacing it.`)
      this.spares[spareIndex] = this.spawn()
      return
    }
    if (!this.slots.includes(slot)) return
    const pending = slot.running
    slot.running = undefined
    // Usually the job itself (memory for a huge result): refused like an overload, and the worker replaced.
    if (pending) this.settle(pending, new ApiError(503, `${message} It was running this ${this.options.label}; the worker has been replaced.`))
    this.options.log?.(`${message} Replacing it.`)
    this.replace(slot)
  }

  private replace(slot: Slot<Job, Outcome>): void {
    this.clearTimers(slot)
    const spareIndex = this.spares.indexOf(slot)
    const index = this.slots.indexOf(slot)
    if (index === -1 && spareIndex === -1) return
    slot.worker.removeAllListeners()
    slot.worker.on('error', () => undefined)
    void slot.worker.terminate()
    if (this.closed) return
    if (spareIndex !== -1) {
      this.spares[spareIndex] = this.spawn()
      return
    }
    // A spare that holds the current version steps in at once; a new spare starts behind it.
    const current = this.currentVersion()
    const readySpare = this.spares.findIndex((spare) => spare.version >= current)
    if (readySpare !== -1) {
      const [spare] = this.spares.splice(readySpare, 1)
      if (spare) {
        this.slots[index] = spare
        this.spares.push(this.spawn())
        this.dispatch()
        return
      }
    }
    this.slots[index] = this.spawn()
    this.dispatch()
  }

  private removeFromQueue(pending: PendingJob<Job, Outcome>): boolean {
    const index = this.queue.indexOf(pending)
    if (index === -1) return false
    this.queue.splice(index, 1)
    return true
  }

  private settle(pending: PendingJob<Job, Outcome>, error: Error | null, answer?: JobAnswer<Outcome>): void {
    clearTimeout(pending.queueTimer)
    pending.detach?.()
    if (error) pending.reject(error)
    else if (answer) pending.resolve(answer)
  }

  private clearTimers(slot: Slot<Job, Outcome>): void {
    clearTimeout(slot.timer)
    clearTimeout(slot.longTimer)
  }
}
