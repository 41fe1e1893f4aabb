import {SEARCH_DOCUMENTS_QUERY} from '../queries'
import {spellings} from './words'

/** Where a word was found decides the rank: a title above a summary above the full text. */
export const SEARCH_RANKS = {title: 10, summary: 5, text: 1} as const

export interface SearchRequest {
  /** Folded search words (searchWords); every one must occur. */
  words: readonly string[]
  offset: number
  limit: number
}

/** Parameter names: `$w0_0` is the first spelling of the first word. */
function parameterName(word: number, spelling: number): string {
  return `w${word}_${spelling}`
}

/**
 * One GROQ query that finds and ranks on the Content Lake and returns only
 * the hits: every word must prefix-match a word of the title, alternative
 * names, summary or text (each of its spellings is tried); `score` with
 * `boost` ranks documents whose title holds every word above those whose
 * summary does, above those where only the text does. Ties go by title.
 * The text of the query depends only on the number of words and spellings;
 * the words themselves are parameters.
 */
export function searchQuery(request: SearchRequest): {query: string; params: Record<string, unknown>} {
  const params: Record<string, unknown> = {start: request.offset, end: request.offset + request.limit}
  const wordMatches = request.words.map((word, wordIndex) => {
    const names = spellings(word).map((spelling, spellingIndex) => {
      const name = parameterName(wordIndex, spellingIndex)
      params[name] = `${spelling}*`
      return `$${name}`
    })
    return (fields: readonly string[]) => `(${fields.flatMap((field) => names.map((name) => `${field} match ${name}`)).join(' || ')})`
  })
  const everyWordIn = (...fields: string[]) => `(${wordMatches.map((inFields) => inFields(fields)).join(' && ')})`
  const query = `${SEARCH_DOCUMENTS_QUERY.trim()}
  [${everyWordIn('title', 'names', 'summary', 'text')}]
  | score(
    boost(${everyWordIn('title', 'names')}, ${SEARCH_RANKS.title}),
    boost(${everyWordIn('summary')}, ${SEARCH_RANKS.summary}),
    boost(${everyWordIn('text')}, ${SEARCH_RANKS.text})
  )
  | order(_score desc, title asc, _id asc) [$start...$end] {_id, _type, title, slug, summary}`
  return {query, params}
}
