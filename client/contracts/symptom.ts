import * as z from 'zod'
import {namedDocumentSchema, symptomCategorySchema} from './shared'

export const symptomSchema = z.object({
  _id: z.string(),
  title: z.string(),
  slug: z.string(),
  description: z.string().nullable(),
  category: symptomCategorySchema,
  bodyParts: z.array(namedDocumentSchema),
})

export const symptomListSchema = z.array(symptomSchema)

export type Symptom = z.infer<typeof symptomSchema>

/** Symptoms under one heading of the "Klachten" page. */
export interface SymptomGroup {
  category: z.infer<typeof symptomCategorySchema>
  /** The Dutch heading patients read. */
  title: string
  symptoms: Symptom[]
}
