import {workerData} from 'node:worker_threads'
import {loadDataset} from '../../client/embedded/dataset'
import {evaluateQuery, plannedQuery, queryIsDeterministic} from '../../client/embedded/evaluate'
import {describeInvalidQuery} from '../../client/embedded/queryErrors'
import type {QueryJob, QueryWorkerData, QueryWorkerOutcome} from './queryProtocol'
import {resultSourceMap} from './resultSourceMap'
import {applyChangeSetInOrder} from '../store/changeSet'
import {serveJobs} from '../workers/workerRuntime'

/**
 * Evaluates GROQ queries for the HTTP server on its own thread. The server
 * terminates the thread when a query runs past the time limit, which is the
 * only way to stop a synchronous groq-js evaluation midway.
 */
const limits = workerData as QueryWorkerData // the query pool always passes QueryWorkerData

/** The ids of the documents a mutation's query returned; null when it returned something else. */
function documentIdsOf(result: unknown): string[] | null {
  const found = Array.isArray(result) ? result : result === null || result === undefined ? [] : [result]
  const ids: string[] = []
  for (const item of found) {
    if (typeof item !== 'object' || item === null || typeof (item as {_id?: unknown})._id !== 'string') return null
    ids.push((item as {_id: string})._id)
  }
  return ids
}

serveJobs<QueryJob, QueryWorkerOutcome>(
  async (held, job) => {
    try {
      // A mutation's query sees its transaction's own writes; building that view costs a pass over the documents, here and not on the server's thread.
      const snapshot = job.pending && (job.pending.upserts.length > 0 || job.pending.deletes.length > 0) ? loadDataset(applyChangeSetInOrder(held.documents, job.pending)) : held
      const options = {perspective: job.perspective, anonymous: job.anonymous === true, maxGroqDepth: limits.maxGroqDepth, maxGroqDepthName: 'MAX_GROQ_DEPTH'}
      const evaluated = await evaluateQuery(snapshot, job.query, job.params, options)
      let result: unknown = evaluated
      if (job.answer === 'documentIds') {
        result = documentIdsOf(evaluated)
        if (result === null) return {ok: false, kind: 'notDocuments'}
      }
      // Serialising here keeps the JSON work off the server's event loop too.
      const resultJson = JSON.stringify(result ?? null)
      // Traced in the same job, so that the query's time limit bounds it too.
      const sourceMapJson =
        job.resultSourceMap === undefined
          ? undefined
          : JSON.stringify(await resultSourceMap(plannedQuery(snapshot, job.query, job.params, options), resultJson, job.resultSourceMap))
      const length = resultJson.length + (sourceMapJson?.length ?? 0)
      // UTF-16 length is a cheap lower bound of the UTF-8 size; count exactly only near the limit.
      const bytes = length * 3 > limits.maxResponseBytes ? Buffer.byteLength(resultJson) + Buffer.byteLength(sourceMapJson ?? '') : length
      if (bytes > limits.maxResponseBytes) return {ok: false, kind: 'tooLarge', bytes}
      const cacheable = job.pending === undefined && queryIsDeterministic(job.query, job.params)
      return sourceMapJson === undefined ? {ok: true, resultJson, cacheable} : {ok: true, resultJson, cacheable, sourceMapJson}
    } catch (error) {
      const invalid = describeInvalidQuery(error, job.query)
      if (invalid) return {ok: false, kind: 'invalid', error: invalid}
      return {ok: false, kind: 'failed', message: error instanceof Error ? error.message : String(error)}
    }
  },
  async (snapshot) => {
    snapshot.view('published')
    await evaluateQuery(snapshot, '*[_type == $type && slug.current == $slug][0]{_id, "n": count(*[_type == $type])}', {type: 'condition', slug: 'x'}, {memoize: false})
  },
)
