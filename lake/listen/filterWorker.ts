import {evaluate, parse, type ExprNode} from 'groq-js'
import {performance} from 'node:perf_hooks'
import {workerData} from 'node:worker_threads'
import {checkGroqNesting} from '../../client/embedded/queryNesting'
import {canonicalJson} from '../http/etag'
import {serveJobs} from '../workers/workerRuntime'
import type {FilterJob, FilterOutcome, FilterResult, FilterSpec, FilterWorkerData} from './filterProtocol'

/**
 * Evaluates listeners' filters on their own thread, off the server's event
 * loop: each filter against each changed document alone. The pool stops this
 * thread when a job runs past its time limit, the only way to stop a
 * synchronous evaluation midway; between documents, the worker keeps each
 * filter and the whole job within their budgets itself.
 */
const limits = workerData as FilterWorkerData // the filter pool always passes FilterWorkerData

/** Parsed filters, so that a listener's query is parsed once and not on every commit. Cleared when full. */
const parsed = new Map<string, ExprNode>()
const MAX_PARSED = 512

function treeOf(filter: FilterSpec): ExprNode {
  const key = `${filter.query}\u0000${canonicalJson(filter.params)}`
  let tree = parsed.get(key)
  if (!tree) {
    // Checked before the listener was accepted; checked again because a parse that overflows the stack would end the thread.
    checkGroqNesting(filter.query, limits.maxGroqDepth, 'MAX_GROQ_DEPTH')
    tree = parse(filter.query, {params: filter.params})
    if (parsed.size >= MAX_PARSED) parsed.clear()
    parsed.set(key, tree)
  }
  return tree
}

async function matchesOf(filter: FilterSpec, documents: FilterJob['documents'], budgetMs: number): Promise<FilterResult> {
  const started = performance.now()
  let tree: ExprNode
  try {
    tree = treeOf(filter)
  } catch {
    return {matches: documents.map(() => false)}
  }
  const matches: boolean[] = []
  for (const document of documents) {
    if (performance.now() - started > budgetMs) return {timedOut: true}
    try {
      const result = await (await evaluate(tree, {dataset: [document], params: filter.params})).get()
      matches.push(Array.isArray(result) ? result.length > 0 : result !== null && result !== false)
    } catch {
      // A filter that fails on a document does not match it, as on the Content Lake.
      matches.push(false)
    }
  }
  return {matches}
}

serveJobs<FilterJob, FilterOutcome>(async (_snapshot, job) => {
  const started = performance.now()
  const results: FilterResult[] = []
  for (const filter of job.filters) {
    // At least one filter per job, so that every job makes progress.
    if (results.length > 0 && performance.now() - started > job.jobBudgetMs) break
    results.push(await matchesOf(filter, job.documents, job.filterBudgetMs))
  }
  return {results}
})
