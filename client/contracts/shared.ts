import * as z from 'zod/mini'
import {REVIEWER_ROLE_VALUES} from '../../schemas/reviewerRoles'
import {SYMPTOM_CATEGORY_VALUES} from '../../schemas/symptomCategories'

/** A heading of the "Klachten" page, such as `pain` or `pressure`. */
export const symptomCategorySchema = z.enum(SYMPTOM_CATEGORY_VALUES)
export type SymptomCategory = z.infer<typeof symptomCategorySchema>

export const namedDocumentSchema = z.object({_id: z.string(), title: z.string()})
/** A document that only needs its name on a page, such as a body part or a risk factor. */
export interface NamedDocument extends z.infer<typeof namedDocumentSchema> {}

export const conditionGroupLinkFields = {_id: z.string(), title: z.string(), slug: z.string()}
export const conditionGroupLinkSchema = z.object(conditionGroupLinkFields)
/** A condition group as a link. */
export interface ConditionGroupLink extends z.infer<typeof conditionGroupLinkSchema> {}

export const conditionCardFields = {_id: z.string(), title: z.string(), slug: z.string(), summary: z.string()}
export const conditionCardSchema = z.object(conditionCardFields)
/** A condition as a card in a list: enough to link to its page. */
export interface ConditionCard extends z.infer<typeof conditionCardSchema> {}

export const reviewSchema = z.object({
  lastReviewed: z.nullable(z.string()),
  nextReview: z.string(),
  reviewedBy: z.nullable(z.string()),
  reviewerRole: z.nullable(z.enum(REVIEWER_ROLE_VALUES)),
  changedSinceReview: z.boolean(),
})
/**
 * Where the text stands in its medical review. A date, a reviewer and a role
 * exist only once a clinician has checked the text; `changedSinceReview` says
 * the text was edited after that check. Whether the next check is due follows
 * from `nextReview` and today's date (`isReviewDue`).
 */
export interface Review extends z.infer<typeof reviewSchema> {}

export const sourceSchema = z.object({
  _id: z.string(),
  title: z.string(),
  publisher: z.nullable(z.string()),
  url: z.nullable(z.string()),
  date: z.nullable(z.string()),
})
export interface Source extends z.infer<typeof sourceSchema> {}
