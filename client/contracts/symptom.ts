import {array, nullable, object, string, type Contract} from './check'
import {namedDocumentSchema, symptomCategorySchema, type NamedDocument, type SymptomCategory} from './shared'

/** A complaint a patient may recognise, with the body parts it concerns. */
export interface Symptom {
  _id: string
  title: string
  slug: string
  description: string | null
  category: SymptomCategory
  bodyParts: NamedDocument[]
}

/** Symptoms under one heading of the "Klachten" page. */
export interface SymptomGroup {
  category: SymptomCategory
  /** The Dutch heading patients read. */
  title: string
  symptoms: Symptom[]
}

export const symptomFields = {
  _id: string(),
  title: string(),
  slug: string(),
  description: nullable(string()),
  category: symptomCategorySchema,
  bodyParts: array(namedDocumentSchema),
}

export const symptomSchema: Contract<Symptom> = object(symptomFields)

export const symptomListSchema: Contract<Symptom[]> = array(symptomSchema)
