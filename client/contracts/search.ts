import * as z from 'zod/mini'

export const searchableTypeSchema = z.enum(['condition', 'symptom', 'treatment'])
export type SearchableType = z.infer<typeof searchableTypeSchema>

export const searchResultSchema = z.object({
  _id: z.string(),
  _type: searchableTypeSchema,
  title: z.string(),
  slug: z.string(),
  summary: z.nullable(z.string()),
})
/** What a search result shows: enough to link to the page and say what it is. */
export interface SearchResult extends z.infer<typeof searchResultSchema> {}
