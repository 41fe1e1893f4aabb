import {parentPort, workerData} from 'node:worker_threads'
import {performance} from 'node:perf_hooks'
import {loadDataset} from '../../client/embedded/dataset'
import {evaluateQuery} from '../../client/embedded/evaluate'
import type {QueryFailure, QueryRequestMessage, QueryResponseMessage, QueryWorkerData, WorkerStatusMessage} from './queryProtocol'

/**
 * Evaluates GROQ queries for the HTTP server on its own thread. The server
 * terminates the thread when a query runs past the time limit, which is the
 * only way to stop a synchronous groq-js evaluation midway.
 */

function describeFailure(error: unknown): QueryFailure {
  // groq-js reports syntax errors as GroqSyntaxError with a character position;
  // look through `cause` in case a layer above wrapped it.
  let current: unknown = error
  for (let depth = 0; depth < 5 && current instanceof Error; depth++) {
    const position = (current as Error & {position?: unknown}).position
    if (current.name === 'GroqSyntaxError' && typeof position === 'number') {
      return {kind: 'syntax', message: current.message, position}
    }
    current = current.cause
  }
  return {kind: 'query', message: error instanceof Error ? error.message : String(error)}
}

function start(port: NonNullable<typeof parentPort>, data: QueryWorkerData): void {
  let snapshot: ReturnType<typeof loadDataset>
  try {
    snapshot = loadDataset(data.datasetPath)
  } catch (error) {
    const status: WorkerStatusMessage = {ready: false, message: error instanceof Error ? error.message : String(error)}
    port.postMessage(status)
    return
  }
  const ready: WorkerStatusMessage = {ready: true}
  port.postMessage(ready)

  port.on('message', async (job: QueryRequestMessage) => {
    const started = performance.now()
    let response: QueryResponseMessage
    try {
      const result = await evaluateQuery(snapshot, job.query, job.params, {perspective: job.perspective})
      // Serialising here keeps the JSON work off the server's event loop too.
      const resultJson = JSON.stringify(result ?? null)
      response = {jobId: job.jobId, ok: true, resultJson, ms: Math.round((performance.now() - started) * 1000) / 1000}
    } catch (error) {
      response = {jobId: job.jobId, ok: false, failure: describeFailure(error)}
    }
    port.postMessage(response)
  })
}

if (!parentPort) throw new Error('queryWorker.ts runs as a worker thread of the query server.')
start(parentPort, workerData as QueryWorkerData) // workerData is typed unknown by Node; the pool always passes QueryWorkerData.
