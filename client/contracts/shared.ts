import * as z from 'zod'
import {SYMPTOM_CATEGORY_VALUES} from '../../schemas/symptomCategories'

/** A document that only needs its name on a page, such as a body part or a risk factor. */
export const namedDocumentSchema = z.object({
  _id: z.string(),
  title: z.string(),
})

export const conditionGroupLinkSchema = z.object({
  _id: z.string(),
  title: z.string(),
  slug: z.string(),
})

export const conditionCardSchema = z.object({
  _id: z.string(),
  title: z.string(),
  slug: z.string(),
  summary: z.string(),
})

export const symptomCategorySchema = z.enum(SYMPTOM_CATEGORY_VALUES)

export type NamedDocument = z.infer<typeof namedDocumentSchema>
export type ConditionGroupLink = z.infer<typeof conditionGroupLinkSchema>
export type ConditionCard = z.infer<typeof conditionCardSchema>
export type SymptomCategory = z.infer<typeof symptomCategorySchema>
