import {createClient} from '@sanity/client'
import {describe, expectTypeOf, it} from 'vitest'
import type * as z from 'zod/mini'
import type {
  CONDITION_GROUPS_QUERY_RESULT,
  CONDITION_PAGE_QUERY_RESULT,
  CONDITIONS_BY_SYMPTOM_QUERY_RESULT,
  CONDITIONS_QUERY_RESULT,
  SEARCH_DOCUMENTS_QUERY_RESULT,
  SYMPTOMS_QUERY_RESULT,
  SYMPTOM_OVERVIEW_QUERY_RESULT,
  TREATMENT_PAGE_QUERY_RESULT,
} from '../../sanity.types'
import {createContentClient} from '../../client/index'
import type {
  conditionCardSchema,
  conditionPageSchema,
  richTextSchema,
  treatmentPageSchema,
  ConditionCard,
  ConditionGroup,
  ConditionListItem,
  ConditionPage,
  ConditionsBySymptom,
  ListSlice,
  RichText,
  Symptom,
  TreatmentComponent,
  TreatmentPage,
  SymptomOverview,
} from '../../client/contracts/index'
import type {SearchDocument} from '../../client/embedded/searchIndex'
import {CONDITION_PAGE_QUERY, CONDITIONS_QUERY} from '../../client/queries'

// What TypeGen derives from the Studio schema and each query must be
// accepted by the query's contract. A field renamed in the schema, or a
// projection changed in a query, breaks this file before it breaks a page.
describe('TypeGen results fit the contracts', () => {
  it('listConditionGroups', () => {
    expectTypeOf<CONDITION_GROUPS_QUERY_RESULT>().toExtend<ListSlice<ConditionGroup>>()
  })
  it('symptom overview (the "Klachten" page)', () => {
    expectTypeOf<SYMPTOM_OVERVIEW_QUERY_RESULT>().toExtend<SymptomOverview>()
  })
  it('listConditions', () => {
    expectTypeOf<CONDITIONS_QUERY_RESULT>().toExtend<ListSlice<ConditionListItem>>()
  })
  it('getCondition', () => {
    expectTypeOf<NonNullable<CONDITION_PAGE_QUERY_RESULT>>().toExtend<ConditionPage>()
  })
  it('getTreatment', () => {
    expectTypeOf<NonNullable<TREATMENT_PAGE_QUERY_RESULT>>().toExtend<TreatmentPage>()
  })
  it('listSymptoms', () => {
    expectTypeOf<SYMPTOMS_QUERY_RESULT>().toExtend<ListSlice<Symptom>>()
  })
  it('findConditionsBySymptom', () => {
    expectTypeOf<NonNullable<CONDITIONS_BY_SYMPTOM_QUERY_RESULT>>().toExtend<ConditionsBySymptom>()
  })
  it('search documents', () => {
    expectTypeOf<SEARCH_DOCUMENTS_QUERY_RESULT>().toExtend<SearchDocument[]>()
  })
})

describe('raw GROQ is typed', () => {
  const sanityClient = createClient({projectId: 'local', dataset: 'production', apiVersion: '2025-02-19', useCdn: false})
  const content = createContentClient()

  it('@sanity/client knows the result of the exported queries', () => {
    expectTypeOf(sanityClient.fetch(CONDITION_PAGE_QUERY, {slug: 'verzakking'})).resolves.toEqualTypeOf<CONDITION_PAGE_QUERY_RESULT>()
    expectTypeOf(sanityClient.fetch(CONDITIONS_QUERY, {start: 0, end: 10})).resolves.toEqualTypeOf<CONDITIONS_QUERY_RESULT>()
  })

  it('the content client too, and a named type for other queries', () => {
    expectTypeOf(content.fetch(CONDITION_PAGE_QUERY, {slug: 'verzakking'})).resolves.toEqualTypeOf<CONDITION_PAGE_QUERY_RESULT>()
    expectTypeOf(content.fetch<string[]>('*[_type == "condition"].title')).resolves.toEqualTypeOf<string[]>()
    expectTypeOf(content.fetch('*[_type == "condition"].title')).resolves.toBeUnknown()
  })
})

describe('named types', () => {
  it('nested parts of a page have their own names', () => {
    expectTypeOf<ConditionPage['treatments'][number]['treatment']['components'][number]>().toEqualTypeOf<TreatmentComponent>()
    expectTypeOf<ConditionPage['symptoms'][number]>().toEqualTypeOf<Symptom>()
    expectTypeOf<ConditionPage['description']>().toEqualTypeOf<RichText>()
  })
})

describe('the named types are the exported schemas’ types', () => {
  it('z.infer of a schema is its named type', () => {
    expectTypeOf<z.infer<typeof conditionPageSchema>>().toEqualTypeOf<ConditionPage>()
    expectTypeOf<z.infer<typeof treatmentPageSchema>>().toEqualTypeOf<TreatmentPage>()
    expectTypeOf<z.infer<typeof conditionCardSchema>>().toEqualTypeOf<ConditionCard>()
    expectTypeOf<z.infer<typeof richTextSchema>>().toEqualTypeOf<RichText>()
  })
})
