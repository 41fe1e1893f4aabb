import * as z from 'zod/mini'
import {richTextSchema} from './richText'
import {conditionCardFields, reviewSchema, sourceSchema} from './shared'

export const treatmentComponentSchema = z.object({
  _id: z.string(),
  title: z.string(),
  description: z.nullable(z.string()),
})
/** One part of a treatment, such as an exercise or advice, in the treatment's order. */
export interface TreatmentComponent extends z.infer<typeof treatmentComponentSchema> {}

export const treatmentFields = {
  _id: z.string(),
  title: z.string(),
  slug: z.string(),
  description: richTextSchema,
  components: z.array(treatmentComponentSchema),
  course: z.nullable(richTextSchema),
  provider: z.string(),
}

export const treatmentSchema = z.object(treatmentFields)
/** A treatment with its components in order. */
export interface Treatment extends z.infer<typeof treatmentSchema> {}

export const treatedConditionSchema = z.object({
  ...conditionCardFields,
  goals: z.nullable(richTextSchema),
})
/** A condition the treatment treats, with the goals for that condition. */
export interface TreatedCondition extends z.infer<typeof treatedConditionSchema> {}

export const treatmentPageSchema = z.object({
  ...treatmentFields,
  conditions: z.array(treatedConditionSchema),
  sources: z.array(sourceSchema),
  review: reviewSchema,
})
/** A treatment page: the treatment, the conditions it treats, where its text comes from and its medical review. */
export interface TreatmentPage extends z.infer<typeof treatmentPageSchema> {}
