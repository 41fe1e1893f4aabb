import {ApiError} from '../http/apiError'
import {canonicalJson} from '../http/etag'
import type {QueryJob, QueryWorkerData, QueryWorkerOutcome} from './queryProtocol'
import {ResultCache} from './resultCache'
import type {ChangeSet} from '../store/changeSet'
import type {DatasetStore} from '../store/datasetStore'
import {WorkerPool} from '../workers/workerPool'

export interface QueryOutcome {
  resultJson: string
  /** The Content Source Map, when the job asked for one. */
  sourceMapJson?: string
  ms: number
  /** The dataset version the answer comes from, and its tag for the ETag. */
  version: number
  datasetEtag: string
}

export interface QueryLimits {
  workers: number
  timeoutMs: number
  queueTimeoutMs: number
  maxQueued: number
  longQueryMs: number
  maxLongQueryWorkers: number
  maxGroqDepth: number
  maxResponseBytes: number
  resultCacheBytes: number
}

export interface QueryRunOptions {
  signal?: AbortSignal
  /** The version the answer must reflect at least; defaults to the store's current one. */
  version?: number
}

const WORKER_MODULE = new URL('./queryWorker.ts', import.meta.url)

function timeoutError(job: QueryJob, timeoutMs: number): ApiError {
  return new ApiError(504, `The query ran longer than the limit of ${timeoutMs} ms and was stopped. Narrow the filter, or raise QUERY_TIMEOUT_MS.`, {
    type: 'queryTimeout',
    query: job.query,
  })
}

/**
 * A query with its number literals blanked out: `[0...10]` and `[10...20]`
 * page through the same work, so one that runs long marks the others too.
 */
function queryShape(query: string): string {
  return query.replace(/"(?:[^"\\]|\\.)*"|'(?:[^'\\]|\\.)*'|\b\d+(?:\.\d+)?\b/g, (literal) => (literal.startsWith('"') || literal.startsWith("'") ? literal : '0'))
}

/**
 * Answers GROQ queries from worker threads, each holding the store's current
 * version, with repeated queries answered from a cache keyed by (version,
 * perspective, query, params).
 */
export class QueryPool {
  private readonly pool: WorkerPool<QueryJob, QueryWorkerOutcome>
  private readonly cache: ResultCache<QueryOutcome>
  private readonly unsubscribe: () => void

  constructor(
    private readonly store: DatasetStore,
    private readonly limits: QueryLimits,
    log: (message: string) => void = console.error,
  ) {
    const workerData: QueryWorkerData = {maxGroqDepth: limits.maxGroqDepth, maxResponseBytes: limits.maxResponseBytes}
    this.pool = new WorkerPool({
      label: 'query',
      workerModule: WORKER_MODULE,
      // One warm worker waits to replace a stopped one, so that quick queries never wait for a start.
      spares: 1,
      store,
      size: limits.workers,
      timeoutMs: limits.timeoutMs,
      timeoutError,
      queueTimeoutMs: limits.queueTimeoutMs,
      queueTimeoutName: 'QUERY_QUEUE_TIMEOUT_MS',
      maxQueued: limits.maxQueued,
      maxQueuedName: 'MAX_QUEUED_QUERIES',
      longRunningMs: limits.longQueryMs,
      maxLongRunning: limits.maxLongQueryWorkers,
      workerData,
      log,
    })
    this.cache = new ResultCache(limits.resultCacheBytes)
    this.unsubscribe = store.subscribe((_delivery, version) => this.cache.clear(version.version))
  }

  ready(): Promise<void> {
    return this.pool.ready()
  }

  load(): ReturnType<WorkerPool<QueryJob, QueryWorkerOutcome>['load']> {
    return this.pool.load()
  }

  async run(job: QueryJob, options: QueryRunOptions = {}): Promise<QueryOutcome> {
    const version = options.version ?? this.store.current().version
    const key = `${job.perspective}\u0000${job.anonymous === true}\u0000${job.resultSourceMap ?? ''}\u0000${job.query}\u0000${canonicalJson(job.params)}`
    const cached = this.cache.get(version, key)
    if (cached) return {...cached, ms: 0}
    const {result, cacheable} = await this.execute(job, {...options, version})
    if (cacheable) this.cache.set(result.version, key, result)
    return result
  }

  /**
   * The ids of the documents the query of a delete or patch by query
   * selects, over every document (drafts included) with the transaction's
   * pending writes laid over the current version: in a worker, with the same
   * nesting check, time limit and response limit as any query.
   */
  async documentIds(query: string, params: Record<string, unknown>, pending: ChangeSet): Promise<string[]> {
    const {result} = await this.execute({query, params, perspective: 'raw', pending, answer: 'documentIds'}, {version: this.store.current().version})
    return JSON.parse(result.resultJson) as string[] // the worker answered a documentIds job with a list of ids
  }

  private async execute(job: QueryJob, options: QueryRunOptions & {version: number}): Promise<{result: QueryOutcome; cacheable: boolean}> {
    const answer = await this.pool.run(job, {laneKey: queryShape(job.query), signal: options.signal, version: options.version})
    const {outcome} = answer
    if (outcome.ok) {
      const result: QueryOutcome = {resultJson: outcome.resultJson, ms: answer.ms, version: answer.version, datasetEtag: answer.etag}
      if (outcome.sourceMapJson !== undefined) result.sourceMapJson = outcome.sourceMapJson
      return {result, cacheable: outcome.cacheable}
    }
    if (outcome.kind === 'invalid') throw new ApiError(400, outcome.error.description, {...outcome.error, query: job.query})
    if (outcome.kind === 'tooLarge') {
      throw new ApiError(
        413,
        `The result is ${outcome.bytes} bytes of JSON; the limit per response is ${this.limits.maxResponseBytes} bytes (MAX_RESPONSE_BYTES). Select fewer documents or fields, or page with a slice such as [0...100].`,
      )
    }
    if (outcome.kind === 'notDocuments') throw new ApiError(400, 'The query must return documents (objects with an "_id").', {type: 'invalidMutationError', query: job.query})
    throw new ApiError(400, outcome.message, {type: 'queryError', query: job.query})
  }

  async close(): Promise<void> {
    this.unsubscribe()
    await this.pool.close()
  }
}
