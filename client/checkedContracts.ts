import * as z from 'zod/mini'
import {conditionGroupSchema} from './contracts/conditionGroup'
import {conditionListItemSchema} from './contracts/conditionList'
import {conditionPageSchema} from './contracts/conditionPage'
import {conditionsBySymptomSchema} from './contracts/conditionsBySymptom'
import {listSliceSchema} from './contracts/page'
import {searchResultSchema} from './contracts/search'
import {symptomSchema} from './contracts/symptom'
import {treatmentPageSchema} from './contracts/treatment'

/**
 * What the content client checks, as zod schemas: each function's answer, and
 * the parameters of the package's queries. The client itself checks the
 * shapes `npm run typegen` derives from these (client/contractShapes.ts), so
 * that zod stays out of its bundle; their types come from here.
 */
export const CHECKED_CONTRACTS = {
  conditionGroup: conditionGroupSchema,
  conditionGroupList: listSliceSchema(conditionGroupSchema),
  conditionListItem: conditionListItemSchema,
  conditionList: listSliceSchema(conditionListItemSchema),
  symptom: symptomSchema,
  symptomList: listSliceSchema(symptomSchema),
  /** A list whose items are checked one by one (`onInvalid`): the answer must still be a list with a count. */
  anyList: listSliceSchema(z.unknown()),
  conditionPage: z.nullable(conditionPageSchema),
  treatmentPage: z.nullable(treatmentPageSchema),
  conditionsBySymptom: z.nullable(conditionsBySymptomSchema),
  searchResults: z.array(searchResultSchema),
  // Strict objects: a misspelled name is an unknown parameter, not a silently missing one.
  sliceParameters: z.strictObject({start: z.number(), end: z.number()}),
  slugParameters: z.strictObject({slug: z.string()}),
  symptomSlugParameters: z.strictObject({symptomSlug: z.string()}),
  noParameters: z.strictObject({}),
}
