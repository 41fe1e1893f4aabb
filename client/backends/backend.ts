export type ContentPerspective = 'published' | 'drafts'

/** What the client needs from a place that answers GROQ: one query, one round trip. */
export interface ContentBackend {
  readonly kind: 'embedded' | 'sanity'
  query(query: string, params: Record<string, unknown>): Promise<unknown>
}
