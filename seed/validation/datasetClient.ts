import {evaluate, parse} from 'groq-js'
import type {SanityClient} from 'sanity'

export interface DatasetDocument {
  _id: string
  _type: string
  [field: string]: unknown
}

/**
 * The part of a Sanity client that validation rules use (`withConfig` and
 * `fetch`), answered by groq-js from documents held in memory. Sanity's own
 * rules, such as slug uniqueness, then run against the dataset being built
 * instead of against the Content Lake.
 */
export function createDatasetClient(documents: readonly DatasetDocument[]): SanityClient {
  const client = {
    withConfig: () => client,
    fetch: async (query: string, params: Record<string, unknown> = {}) => {
      const result = await evaluate(parse(query, {params}), {dataset: documents, params})
      return result.get()
    },
  }
  // Validation only calls `withConfig` and `fetch`; the full SanityClient
  // interface has hundreds of members that a validator never touches.
  return client as unknown as SanityClient
}
