import {describe, expectTypeOf, it} from 'vitest'
import {createContentClient} from '../../client/index'
import {CONDITION_PAGE_QUERY, CONDITIONS_QUERY, SYMPTOM_OVERVIEW_QUERY, type CONDITION_PAGE_QUERY_RESULT} from '../../client/queries'
import type {SYMPTOM_OVERVIEW_QUERY_RESULT} from '../../sanity.types'

// Checked by `npm run typecheck` (tsc): each @ts-expect-error must meet an error.
const content = createContentClient()

describe('the package queries take exactly their parameters', () => {
  it('a missing, misspelled or mistyped parameter is a type error', () => {
    // @ts-expect-error -- no parameters at all
    void content.fetch(CONDITION_PAGE_QUERY)
    // @ts-expect-error -- slug is missing
    void content.fetch(CONDITION_PAGE_QUERY, {})
    // @ts-expect-error -- slg is misspelled
    void content.fetch(CONDITION_PAGE_QUERY, {slg: 'verzakking'})
    // @ts-expect-error -- end is missing
    void content.fetch(CONDITIONS_QUERY, {start: 0})
    // @ts-expect-error -- start is a number
    void content.fetch(CONDITIONS_QUERY, {start: '0', end: 10})
    // @ts-expect-error -- the overview query takes no parameters
    void content.fetch(SYMPTOM_OVERVIEW_QUERY, {slug: 'verzakking'})
    // @ts-expect-error -- subscribe checks them too
    content.subscribe(CONDITION_PAGE_QUERY, {slg: 'verzakking'}, () => {})
  })

  it('the right parameters are accepted, and the result stays typed', () => {
    expectTypeOf(content.fetch(CONDITION_PAGE_QUERY, {slug: 'verzakking'})).resolves.toEqualTypeOf<CONDITION_PAGE_QUERY_RESULT>()
    expectTypeOf(content.fetch(SYMPTOM_OVERVIEW_QUERY)).resolves.toEqualTypeOf<SYMPTOM_OVERVIEW_QUERY_RESULT>()
    content.subscribe(CONDITION_PAGE_QUERY, {slug: 'verzakking'}, (page) => expectTypeOf(page).toEqualTypeOf<CONDITION_PAGE_QUERY_RESULT>())
  })

  it("a query of the team's own takes any parameters", () => {
    expectTypeOf(content.fetch('*[slug.current == $slug][0].title', {slug: 'verzakking'})).resolves.toBeUnknown()
    expectTypeOf(content.fetch<string | null>('*[slug.current == $slug][0].title', {slug: 'verzakking'})).resolves.toEqualTypeOf<string | null>()
  })
})
