import * as z from 'zod'

export const searchableTypeSchema = z.enum(['condition', 'symptom', 'treatment'])

/** What a search result shows: enough to link to the page and say what it is. */
export const searchResultSchema = z.object({
  _id: z.string(),
  _type: searchableTypeSchema,
  title: z.string(),
  slug: z.string(),
  summary: z.string().nullable(),
})

/** A search result with the text it is matched on. */
export const searchIndexEntrySchema = searchResultSchema.extend({
  names: z.array(z.string()),
  text: z.string().nullable(),
})

export const searchIndexSchema = z.array(searchIndexEntrySchema)

export type SearchResult = z.infer<typeof searchResultSchema>
export type SearchIndexEntry = z.infer<typeof searchIndexEntrySchema>
