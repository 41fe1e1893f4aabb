import {describe, expectTypeOf, it} from 'vitest'
import type {z} from 'zod'
import type {
  CONDITION_GROUPS_QUERY_RESULT,
  CONDITION_PAGE_QUERY_RESULT,
  CONDITIONS_BY_SYMPTOM_QUERY_RESULT,
  CONDITIONS_QUERY_RESULT,
  SEARCH_INDEX_QUERY_RESULT,
  SYMPTOMS_QUERY_RESULT,
  SYMPTOM_OVERVIEW_QUERY_RESULT,
  TREATMENT_PAGE_QUERY_RESULT,
} from '../../sanity.types'
import type {
  conditionGroupListSchema,
  conditionListSchema,
  conditionPageSchema,
  conditionsBySymptomSchema,
  searchIndexSchema,
  symptomListSchema,
  symptomOverviewSchema,
  treatmentPageSchema,
} from '../../client/contracts/index'

// What TypeGen derives from the Studio schema and each query must be
// accepted by the query's zod contract. A field renamed in the schema, or a
// projection changed in a query, breaks this file before it breaks a page.
describe('TypeGen results fit the zod contracts', () => {
  it('listConditionGroups', () => {
    expectTypeOf<CONDITION_GROUPS_QUERY_RESULT>().toExtend<z.input<typeof conditionGroupListSchema>>()
  })
  it('symptom overview (the "Klachten" page)', () => {
    expectTypeOf<SYMPTOM_OVERVIEW_QUERY_RESULT>().toExtend<z.input<typeof symptomOverviewSchema>>()
  })
  it('listConditions', () => {
    expectTypeOf<CONDITIONS_QUERY_RESULT>().toExtend<z.input<typeof conditionListSchema>>()
  })
  it('getCondition', () => {
    expectTypeOf<NonNullable<CONDITION_PAGE_QUERY_RESULT>>().toExtend<z.input<typeof conditionPageSchema>>()
  })
  it('getTreatment', () => {
    expectTypeOf<NonNullable<TREATMENT_PAGE_QUERY_RESULT>>().toExtend<z.input<typeof treatmentPageSchema>>()
  })
  it('listSymptoms', () => {
    expectTypeOf<SYMPTOMS_QUERY_RESULT>().toExtend<z.input<typeof symptomListSchema>>()
  })
  it('findConditionsBySymptom', () => {
    expectTypeOf<NonNullable<CONDITIONS_BY_SYMPTOM_QUERY_RESULT>>().toExtend<z.input<typeof conditionsBySymptomSchema>>()
  })
  it('search', () => {
    expectTypeOf<SEARCH_INDEX_QUERY_RESULT>().toExtend<z.input<typeof searchIndexSchema>>()
  })
})
