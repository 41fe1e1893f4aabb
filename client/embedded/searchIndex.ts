import type {SearchResult} from '../contracts/search'
import {SEARCH_RANKS, type SearchRequest} from '../search/query'
import {foldForSearch, matchTokens, spellings, tokenMatches} from '../search/words'

/** A document as search sees it: the result of SEARCH_DOCUMENTS_QUERY. */
export interface SearchDocument extends SearchResult {
  names: string[]
  text: string | null
}

interface IndexedDocument {
  result: SearchResult
  /** The `match` tokens of the title and names, the summary, and the text. */
  title: string[]
  summary: string[]
  text: string[]
}

export interface SearchIndex {
  search(request: SearchRequest): SearchResult[]
}

function lowerBound(sorted: readonly string[], value: string): number {
  let low = 0
  let high = sorted.length
  while (low < high) {
    const middle = (low + high) >>> 1
    if ((sorted[middle] ?? '') < value) low = middle + 1
    else high = middle
  }
  return low
}

function compareResults(a: {score: number; result: SearchResult}, b: {score: number; result: SearchResult}): number {
  if (a.score !== b.score) return b.score - a.score
  if (a.result.title !== b.result.title) return a.result.title < b.result.title ? -1 : 1
  return a.result._id < b.result._id ? -1 : a.result._id > b.result._id ? 1 : 0
}

/**
 * An inverted index over folded word tokens, built once per dataset version.
 * A word's candidates come from a binary search over the sorted tokens (a
 * prefix is a contiguous range); each candidate is then checked with the
 * same spellings the Content Lake query uses, and ranked like its
 * `score(boost(…))`, so both backends return the same hits in the same order.
 */
export function buildSearchIndex(documents: readonly SearchDocument[]): SearchIndex {
  const indexed: IndexedDocument[] = documents.map((document) => ({
    result: {_id: document._id, _type: document._type, title: document.title, slug: document.slug, summary: document.summary},
    title: [document.title, ...document.names].flatMap(matchTokens),
    summary: matchTokens(document.summary ?? ''),
    text: matchTokens(document.text ?? ''),
  }))
  const postings = new Map<string, Set<number>>()
  indexed.forEach((document, position) => {
    for (const token of [...document.title, ...document.summary, ...document.text]) {
      const folded = foldForSearch(token)
      let documentsWithToken = postings.get(folded)
      if (!documentsWithToken) postings.set(folded, (documentsWithToken = new Set()))
      documentsWithToken.add(position)
    }
  })
  const tokens = [...postings.keys()].sort()

  function candidatesFor(word: string): Set<number> {
    const found = new Set<number>()
    for (let index = lowerBound(tokens, word); index < tokens.length; index++) {
      const token = tokens[index] ?? ''
      if (!token.startsWith(word)) break
      for (const position of postings.get(token) ?? []) found.add(position)
    }
    return found
  }

  return {
    search({words, offset, limit}) {
      if (words.length === 0) return []
      let candidates: number[] | null = null
      for (const word of [...words].sort((a, b) => b.length - a.length)) {
        const forWord = candidatesFor(word)
        candidates = candidates === null ? [...forWord] : candidates.filter((position) => forWord.has(position))
        if (candidates.length === 0) return []
      }
      const wordSpellings = words.map(spellings)
      const everyWordIn = (fieldTokens: readonly string[]) => wordSpellings.every((forms) => fieldTokens.some((token) => tokenMatches(token, forms)))
      const hits: {score: number; result: SearchResult}[] = []
      for (const position of candidates ?? []) {
        const document = indexed[position]
        if (!document) continue
        const all = [...document.title, ...document.summary, ...document.text]
        if (!everyWordIn(all)) continue
        let score = 0
        // As in GROQ: a true condition scores 1, and boost adds its weight.
        if (everyWordIn(document.title)) score += 1 + SEARCH_RANKS.title
        if (everyWordIn(document.summary)) score += 1 + SEARCH_RANKS.summary
        if (everyWordIn(document.text)) score += 1 + SEARCH_RANKS.text
        hits.push({score, result: document.result})
      }
      return hits
        .sort(compareResults)
        .slice(offset, offset + limit)
        .map((hit) => ({...hit.result}))
    },
  }
}
