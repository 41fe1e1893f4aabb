import type {SearchRequest} from '../search/query'

export type ContentPerspective = 'published' | 'drafts'

/** Options every client function takes for one call. */
export interface RequestOptions {
  /** Cancels the call: it rejects with the signal's reason, and a Content Lake request is aborted. */
  signal?: AbortSignal
  /** A request tag, shown in the Content Lake's request logs (letters, digits, `.`, `-`, `_`). */
  tag?: string
  /** Cache tags for the framework's data cache (sent as `next.tags` with the Content Lake request), added to the function's own. */
  tags?: readonly string[]
}

/** Stops a subscription. */
export type Unsubscribe = () => void

export interface QueryListener {
  /** The result of the query, first as it is, then again after every change of the content. */
  next(result: unknown): void
  error(error: unknown): void
}

/** What the client needs from a place that answers GROQ: one query, one round trip. */
export interface ContentBackend {
  readonly kind: 'embedded' | 'sanity'
  query(query: string, params: Record<string, unknown>, options: RequestOptions): Promise<unknown>
  /** A faster search than the GROQ search query, where the backend has one. */
  search?(request: SearchRequest, options: RequestOptions): Promise<unknown>
  /** Runs the query now and again whenever the content changes. */
  subscribe(query: string, params: Record<string, unknown>, listener: QueryListener): Unsubscribe
}
