/** Jobs between the listener hub and its filter workers. */

import type {StoredDocument} from '../../client/embedded/dataset'

/** A listener's query and `$params`: listeners that share both share one evaluation. */
export interface FilterSpec {
  query: string
  params: Record<string, unknown>
}

export interface FilterJob {
  filters: FilterSpec[]
  /** The document states one commit left behind or made, each evaluated alone, as a listener's filter sees them. */
  documents: StoredDocument[]
  /** A filter that has used this much time over the documents is given up on. */
  filterBudgetMs: number
  /** After this much time the worker answers with what it has; the filters not evaluated yet come in a next job. */
  jobBudgetMs: number
}

/** Per filter in the job's order: whether each document matches, or that the filter ran past its budget. */
export type FilterResult = {matches: boolean[]} | {timedOut: true}

export interface FilterOutcome {
  /** The results of the first `results.length` filters of the job. */
  results: FilterResult[]
}

export interface FilterWorkerData {
  maxGroqDepth: number
}
