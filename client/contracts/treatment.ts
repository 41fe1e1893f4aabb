import * as z from 'zod'
import {richTextSchema} from './richText'
import {conditionCardSchema} from './shared'

export const treatmentComponentSchema = z.object({
  _id: z.string(),
  title: z.string(),
  description: z.string().nullable(),
})

export const treatmentSchema = z.object({
  _id: z.string(),
  title: z.string(),
  slug: z.string(),
  description: richTextSchema,
  components: z.array(treatmentComponentSchema),
  course: richTextSchema.nullable(),
  provider: z.string(),
})

export const treatmentPageSchema = treatmentSchema.extend({
  conditions: z.array(
    conditionCardSchema.extend({
      goals: richTextSchema.nullable(),
    }),
  ),
})

export type TreatmentComponent = z.infer<typeof treatmentComponentSchema>
export type Treatment = z.infer<typeof treatmentSchema>
export type TreatmentPage = z.infer<typeof treatmentPageSchema>
