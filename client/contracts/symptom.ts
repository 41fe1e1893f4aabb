import * as z from 'zod/mini'
import {namedDocumentSchema, symptomCategorySchema, type SymptomCategory} from './shared'

export const symptomFields = {
  _id: z.string(),
  title: z.string(),
  slug: z.string(),
  description: z.nullable(z.string()),
  category: symptomCategorySchema,
  bodyParts: z.array(namedDocumentSchema),
}

export const symptomSchema = z.object(symptomFields)
/** A complaint a patient may recognise, with the body parts it concerns. */
export interface Symptom extends z.infer<typeof symptomSchema> {}

export const symptomListSchema = z.array(symptomSchema)

/** Symptoms under one heading of the "Klachten" page; made by the client from the symptom list, so it has no contract of its own. */
export interface SymptomGroup {
  category: SymptomCategory
  /** The Dutch heading patients read. */
  title: string
  symptoms: Symptom[]
}
