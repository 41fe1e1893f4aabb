import {describe, expect, it} from 'vitest'
import {generateDataset, slugsOf} from '../../../bench/dataset-generator'
import {loadDataset, type Perspective} from '../../../client/embedded/dataset'
import {evaluateQuery, evaluateQueryWithoutIndexes} from '../../../client/embedded/evaluate'
import {queries} from '../../../client/queries'

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
      ['listConditionGroups', queries.listConditionGroups, {}],
      ['listConditions', queries.listConditions, {}],
      ['listSymptoms', queries.listSymptoms, {}],
      ['search', queries.search, {}],
      ...conditions.map((slug): [string, string, Record<string, unknown>] => ['getCondition', queries.getCondition, {slug}]),
      ['getCondition (unknown)', queries.getCondition, {slug: 'bestaat-niet'}],
      ['getCondition (not a string)', queries.getCondition, {slug: 7}],
      ...treatments.map((slug): [string, string, Record<string, unknown>] => ['getTreatment', queries.getTreatment, {slug}]),
      ...symptoms.map((symptomSlug): [string, string, Record<string, unknown>] => [
        'findConditionsBySymptom',
        queries.findConditionsBySymptom,
        {symptomSlug},
      ]),
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
  })
}
