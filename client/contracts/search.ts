import {nullable, object, oneOf, string, type Contract} from './check'

export type SearchableType = 'condition' | 'symptom' | 'treatment'

/** What a search result shows: enough to link to the page and say what it is. */
export interface SearchResult {
  _id: string
  _type: SearchableType
  title: string
  slug: string
  summary: string | null
}

export const searchableTypeSchema: Contract<SearchableType> = oneOf(['condition', 'symptom', 'treatment'])

export const searchResultSchema: Contract<SearchResult> = object({
  _id: string(),
  _type: searchableTypeSchema,
  title: string(),
  slug: string(),
  summary: nullable(string()),
})
