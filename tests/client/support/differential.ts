import {describe, expect, it} from 'vitest'
import {generateDataset, slugsOf} from '../../../bench/dataset-generator'
import {loadDataset, type Perspective} from '../../../client/embedded/dataset'
import {evaluateQuery, evaluateQueryWithoutIndexes} from '../../../client/embedded/evaluate'
import {buildSearchIndex, type SearchDocument} from '../../../client/embedded/searchIndex'
import {queries, SEARCH_DOCUMENTS_QUERY} from '../../../client/queries'
import {searchQuery} from '../../../client/search/query'
import {searchWords} from '../../../client/search/words'

/** Every slug would take minutes with plain groq-js at 10k; an even spread of them is enough. */
function spread<Item>(items: readonly Item[], count: number): Item[] {
  const step = Math.max(1, Math.floor(items.length / count))
  return items.filter((_, index) => index % step === 0).slice(0, count)
}

/** The embedded evaluator and plain groq-js give the same result for every public query over a synthetic dataset. */
export function describeDifferential(size: number): void {
  describe(`the embedded evaluator equals plain groq-js at ${size} documents`, () => {
    const documents = generateDataset(size)
    const snapshot = loadDataset(documents)
    const conditions = spread(slugsOf(documents, 'condition'), 8)
    const treatments = spread(slugsOf(documents, 'treatment'), 4)
    const symptoms = spread(slugsOf(documents, 'symptom'), 4)

    const cases: [string, string, Record<string, unknown>][] = [
      ['listConditionGroups', queries.listConditionGroups, {start: 0, end: 100}],
      ['listConditions', queries.listConditions, {start: 0, end: 100}],
      ['listConditions (second page)', queries.listConditions, {start: 20, end: 40}],
      ['listSymptoms', queries.listSymptoms, {start: 10, end: 1000}],
      ['search documents', SEARCH_DOCUMENTS_QUERY, {}],
      ...conditions.map((slug): [string, string, Record<string, unknown>] => ['getCondition', queries.getCondition, {slug}]),
      ['getCondition (unknown)', queries.getCondition, {slug: 'bestaat-niet'}],
      ['getCondition (not a string)', queries.getCondition, {slug: 7}],
      ...treatments.map((slug): [string, string, Record<string, unknown>] => ['getTreatment', queries.getTreatment, {slug}]),
      ...symptoms.map((symptomSlug): [string, string, Record<string, unknown>] => ['findConditionsBySymptom', queries.findConditionsBySymptom, {symptomSlug}]),
    ]

    it.each(['published', 'drafts'] as Perspective[])('every public query, %s perspective', async (perspective) => {
      for (const [name, query, params] of cases) {
        const fast = await evaluateQuery(snapshot, query, params, {perspective, memoize: false})
        const plain = await evaluateQueryWithoutIndexes(snapshot, query, params, {perspective})
        expect(fast, `${name} ${JSON.stringify(params)}`).toEqual(plain)
      }
      // A found page is a real comparison, not two nulls.
      expect(await evaluateQuery(snapshot, queries.getCondition, {slug: conditions[0]}, {perspective})).not.toBeNull()
    })

    it("a memoised result equals a fresh one and is the caller's own copy", async () => {
      const params = {slug: conditions[1]}
      const first = (await evaluateQuery(snapshot, queries.getCondition, params)) as {title: string}
      first.title = 'changed by a caller'
      const second = await evaluateQuery(snapshot, queries.getCondition, params)
      expect(second).toEqual(await evaluateQueryWithoutIndexes(snapshot, queries.getCondition, params))
    })

    // Typed as patients would: accents or none, any case, word starts, several words, nothing.
    const searches: [string, number, number][] = [
      ['dyspareunie', 0, 20],
      ['DYSPAREÜNIE', 0, 20],
      ['über', 0, 20],
      ['bekken druk', 0, 20],
      ['vrij pijn blaas', 0, 20],
      ['pijn', 5, 10],
      ['zzz', 0, 20],
    ]

    it.each(['published', 'drafts'] as Perspective[])('search: the embedded index equals the GROQ search query, %s perspective', async (perspective) => {
      const searchDocuments = await evaluateQuery(snapshot, SEARCH_DOCUMENTS_QUERY, {}, {perspective, memoize: false})
      const index = buildSearchIndex(searchDocuments as SearchDocument[])
      let found = 0
      for (const [text, offset, limit] of searches) {
        const request = {words: searchWords(text), offset, limit}
        const {query, params} = searchQuery(request)
        const plain = await evaluateQueryWithoutIndexes(snapshot, query, params, {perspective})
        const indexed = index.search(request)
        expect(indexed, `${text} [${offset}, ${limit}]`).toEqual(plain)
        found += indexed.length
      }
      // Real comparisons, not empty lists on both sides.
      expect(found).toBeGreaterThan(40)
    })
  })
}
