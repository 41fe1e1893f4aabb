import {describe, expectTypeOf, it} from 'vitest'
import type {MedicalCause, MedicalWebPage, WithContext} from 'schema-dts'
import {toJsonLd, toMedicalCondition, type ConditionPage, type JsonLdOptions} from '../../client/index'

// Checked by `npm run typecheck` (tsc), not by vitest: see vitest.config.ts.
describe('toJsonLd', () => {
  it('is typed as a schema.org MedicalWebPage with its @context', () => {
    expectTypeOf(toJsonLd).returns.toEqualTypeOf<WithContext<MedicalWebPage>>()
  })

  it('takes a condition page and the URL it is shown at', () => {
    expectTypeOf(toJsonLd).parameters.toEqualTypeOf<[ConditionPage, JsonLdOptions]>()
    expectTypeOf<JsonLdOptions>().toEqualTypeOf<{url: string}>()
  })

  it('describes a MedicalCondition with its causes, which schema-dts leaves out', () => {
    type Condition = ReturnType<typeof toMedicalCondition>
    expectTypeOf<Condition['@type']>().toEqualTypeOf<'MedicalCondition'>()
    expectTypeOf<Condition['cause']>().toEqualTypeOf<MedicalCause[] | undefined>()
  })
})
