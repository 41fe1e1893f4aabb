import {isRootPathId, type StoredDocument} from '../../client/embedded/dataset'
import {performance} from 'node:perf_hooks'
import {ApiError} from '../http/apiError'
import {WorkerPool} from '../workers/workerPool'
import type {FilterJob, FilterOutcome, FilterSpec, FilterWorkerData} from './filterProtocol'
import type {CommittedTransaction} from '../write/transaction'
import type {ChannelErrorData, DocumentMatcher} from './listenEvents'

export interface FilterPoolLimits {
  /** QUERY_TIMEOUT_MS: no filter runs longer on one commit's documents. */
  timeoutMs: number
  maxGroqDepth: number
  /** Evaluation jobs waiting beyond this many are refused, and their listeners told. */
  maxQueued: number
}

export interface FilterPoolOptions {
  /**
   * The share of one processor core the pool's thread may use over time
   * (1: all of it). After each job the next one waits in proportion to the
   * time the job took, so that filters cannot take the cores queries and
   * writes need; a backlog beyond the queue's limits fails its listeners.
   */
  coreShare: number
  log?: (message: string) => void
}

/** Whether each of the documents matches a filter, or why the filter's listeners must be told and let go. */
type FilterVerdict = {matches: boolean[]} | {failed: ChannelErrorData}

/** For one commit: which document states a filter matches, or why its listeners must be told and let go. */
export type TransactionVerdict = {matches: DocumentMatcher} | {failed: ChannelErrorData}

const WORKER_MODULE = new URL('./filterWorker.ts', import.meta.url)
/** Filters evaluated in one job: enough to share the copying of the documents, few enough that a slow one delays few others. */
const FILTERS_PER_JOB = 32

function timeoutFailure(timeoutMs: number): ChannelErrorData {
  const description = `The listener's query ran longer than ${timeoutMs} ms on one transaction's documents and was stopped. Narrow the filter, or raise QUERY_TIMEOUT_MS.`
  return {message: description, error: {type: 'queryTimeout', description}}
}

function failureOf(error: unknown): ChannelErrorData {
  const description = error instanceof Error ? error.message : String(error)
  return {message: description, error: {type: error instanceof ApiError && error.statusCode === 504 ? 'queryTimeout' : 'serverBusy', description}}
}

function isTimeout(error: unknown): boolean {
  return error instanceof ApiError && error.statusCode === 504
}

/**
 * Evaluates listeners' filters in worker threads, bounded like queries: the
 * nesting limit, QUERY_TIMEOUT_MS per filter and commit, a queue of limited
 * length, and a stopped thread for an evaluation that will not end.
 */
export class ListenFilterPool {
  private readonly pool: WorkerPool<FilterJob, FilterOutcome>
  /** Jobs waiting for their turn, or running. */
  private waiting = 0
  /** Resolves when the next job may start. */
  private turn: Promise<void> = Promise.resolve()
  private readonly coreShare: number

  constructor(
    private readonly label: string,
    private readonly limits: FilterPoolLimits,
    options: FilterPoolOptions = {coreShare: 1},
  ) {
    const log = options.log ?? console.error
    this.coreShare = Math.min(1, Math.max(0.01, options.coreShare))
    const workerData: FilterWorkerData = {maxGroqDepth: limits.maxGroqDepth}
    this.pool = new WorkerPool({
      label: `${label} evaluation`,
      workerModule: WORKER_MODULE,
      size: 1,
      timeoutMs: limits.timeoutMs,
      timeoutError: () => new ApiError(504, timeoutFailure(limits.timeoutMs).message),
      queueTimeoutMs: limits.timeoutMs * 4,
      queueTimeoutName: 'QUERY_TIMEOUT_MS × 4',
      maxQueued: limits.maxQueued,
      maxQueuedName: 'MAX_QUEUED_QUERIES',
      // Every job here is bounded by its budgets; the lanes of the query pool have nothing to separate.
      longRunningMs: limits.timeoutMs,
      maxLongRunning: 1,
      workerData,
      log,
    })
  }

  ready(): Promise<void> {
    return this.pool.ready()
  }

  /** How many evaluation jobs wait for their turn and run, for tests and diagnostics. */
  load(): ReturnType<WorkerPool<FilterJob, FilterOutcome>['load']> {
    const inPool = this.pool.load()
    return {...inPool, queued: Math.max(0, this.waiting - inPool.running)}
  }

  /**
   * A verdict per filter, in the order given, on the document states the
   * transaction left behind or made. `withToken`: the listeners may see
   * documents off the root path; for the others those are not even evaluated.
   * Rejects only when `signal` aborts: nobody waits for the answer any more.
   */
  async matchTransaction(filters: readonly FilterSpec[], transaction: CommittedTransaction, options: {withToken: boolean; signal?: AbortSignal}): Promise<TransactionVerdict[]> {
    const documents: StoredDocument[] = []
    for (const change of transaction.changes) {
      for (const document of [change.previous, change.document]) {
        if (document !== null && (options.withToken || isRootPathId(document._id))) documents.push(document)
      }
    }
    const verdicts = await this.match(filters, documents, options.signal)
    const positions = new Map(documents.map((document, index) => [document, index]))
    return verdicts.map((verdict) => {
      if ('failed' in verdict) return verdict
      const {matches} = verdict
      return {matches: (document: StoredDocument) => matches[positions.get(document) ?? -1] === true}
    })
  }

  private async match(filters: readonly FilterSpec[], documents: StoredDocument[], signal?: AbortSignal): Promise<FilterVerdict[]> {
    const verdicts: FilterVerdict[] = []
    if (documents.length === 0) return filters.map(() => ({matches: []}))
    while (verdicts.length < filters.length) {
      const chunk = filters.slice(verdicts.length, verdicts.length + FILTERS_PER_JOB)
      try {
        verdicts.push(...(await this.run(chunk, documents, signal)))
      } catch (error) {
        if (signal?.aborted) throw error
        if (!isTimeout(error) || chunk.length === 1) {
          verdicts.push(...chunk.map(() => ({failed: failureOf(error)})))
          continue
        }
        // One of them cannot be stopped between documents: alone, each one's time is its own.
        for (const filter of chunk) {
          try {
            verdicts.push(...(await this.run([filter], documents, signal)))
          } catch (single) {
            if (signal?.aborted) throw single
            verdicts.push({failed: failureOf(single)})
          }
        }
      }
    }
    return verdicts
  }

  private async run(filters: FilterSpec[], documents: StoredDocument[], signal: AbortSignal | undefined): Promise<FilterVerdict[]> {
    const {timeoutMs, maxQueued} = this.limits
    if (this.waiting >= maxQueued) {
      throw new ApiError(503, `Too many ${this.label} evaluations are waiting (the limit is ${maxQueued}, MAX_QUEUED_QUERIES); the listener was let go. Reconnect shortly.`)
    }
    this.waiting++
    const previous = this.turn
    let release: () => void = () => undefined
    this.turn = new Promise((resolve) => (release = resolve))
    const queuedAt = performance.now()
    let pauseMs = 0
    try {
      await previous
      signal?.throwIfAborted()
      if (performance.now() - queuedAt > timeoutMs * 4) {
        throw new ApiError(503, `The ${this.label} waited longer than ${timeoutMs * 4} ms for its turn (QUERY_TIMEOUT_MS × 4); the listener was let go. Reconnect shortly.`)
      }
      const job: FilterJob = {filters, documents, filterBudgetMs: timeoutMs / 2, jobBudgetMs: timeoutMs / 4}
      const started = performance.now()
      try {
        const {outcome} = await this.pool.run(job, signal ? {signal} : {})
        return outcome.results.map((result) => ('timedOut' in result ? {failed: timeoutFailure(timeoutMs)} : result))
      } finally {
        pauseMs = (performance.now() - started) * (1 / this.coreShare - 1)
      }
    } finally {
      this.waiting--
      if (pauseMs > 0) setTimeout(release, pauseMs).unref()
      else release()
    }
  }

  close(): Promise<void> {
    return this.pool.close()
  }
}
