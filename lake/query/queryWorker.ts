import {workerData} from 'node:worker_threads'
import {evaluateQuery, queryIsDeterministic} from '../../client/embedded/evaluate'
import {describeInvalidQuery} from '../../client/embedded/queryErrors'
import type {QueryJob, QueryWorkerData, QueryWorkerOutcome} from './queryProtocol'
import {serveJobs} from '../workers/workerRuntime'

/**
 * Evaluates GROQ queries for the HTTP server on its own thread. The server
 * terminates the thread when a query runs past the time limit, which is the
 * only way to stop a synchronous groq-js evaluation midway.
 */
const limits = workerData as QueryWorkerData // the query pool always passes QueryWorkerData

serveJobs<QueryJob, QueryWorkerOutcome>(async (snapshot, job) => {
  try {
    const result = await evaluateQuery(snapshot, job.query, job.params, {
      perspective: job.perspective,
      maxGroqDepth: limits.maxGroqDepth,
      maxGroqDepthName: 'MAX_GROQ_DEPTH',
    })
    // Serialising here keeps the JSON work off the server's event loop too.
    const resultJson = JSON.stringify(result ?? null)
    // UTF-16 length is a cheap lower bound of the UTF-8 size; count exactly only near the limit.
    const bytes = resultJson.length * 3 > limits.maxResponseBytes ? Buffer.byteLength(resultJson) : resultJson.length
    if (bytes > limits.maxResponseBytes) return {ok: false, kind: 'tooLarge', bytes}
    return {ok: true, resultJson, cacheable: queryIsDeterministic(job.query, job.params)}
  } catch (error) {
    const invalid = describeInvalidQuery(error, job.query)
    if (invalid) return {ok: false, kind: 'invalid', error: invalid}
    return {ok: false, kind: 'failed', message: error instanceof Error ? error.message : String(error)}
  }
}, async (snapshot) => {
  snapshot.view('published')
  await evaluateQuery(snapshot, '*[_type == $type && slug.current == $slug][0]{_id, "n": count(*[_type == $type])}', {type: 'condition', slug: 'x'}, {memoize: false})
})
