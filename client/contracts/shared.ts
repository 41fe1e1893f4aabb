import {REVIEW_STATUS_VALUES, type ReviewStatus} from '../../schemas/reviewStatus'
import {SYMPTOM_CATEGORY_VALUES} from '../../schemas/symptomCategories'
import {nullable, object, oneOf, optional, string, type Contract} from './check'

/** A document that only needs its name on a page, such as a body part or a risk factor. */
export interface NamedDocument {
  _id: string
  title: string
}

/** A condition group as a link. */
export interface ConditionGroupLink {
  _id: string
  title: string
  slug: string
}

/** A condition as a card in a list: enough to link to its page. */
export interface ConditionCard {
  _id: string
  title: string
  slug: string
  summary: string
}

/** A heading of the "Klachten" page, such as `pain` or `pressure`. */
export type SymptomCategory = (typeof SYMPTOM_CATEGORY_VALUES)[number]

export const namedDocumentSchema: Contract<NamedDocument> = object({_id: string(), title: string()})

export const conditionGroupLinkFields = {_id: string(), title: string(), slug: string()}
export const conditionGroupLinkSchema: Contract<ConditionGroupLink> = object(conditionGroupLinkFields)

export const conditionCardFields = {_id: string(), title: string(), slug: string(), summary: string()}
export const conditionCardSchema: Contract<ConditionCard> = object(conditionCardFields)

export const symptomCategorySchema: Contract<SymptomCategory> = oneOf(SYMPTOM_CATEGORY_VALUES)

/** Where the text stands in its medical review. A date and a reviewer exist only once a clinician has checked the text (status medicallyReviewed or due). */
export interface Review {
  status: ReviewStatus
  lastReviewed?: string
  nextReview: string
  reviewedBy?: string
  reviewerRole?: string
}

export interface Source {
  _id: string
  title: string
  publisher: string | null
  url: string | null
  date: string | null
}

export const reviewSchema: Contract<Review> = object({
  status: oneOf(REVIEW_STATUS_VALUES),
  lastReviewed: optional(string()),
  nextReview: string(),
  reviewedBy: optional(string()),
  reviewerRole: optional(string()),
})

export const sourceSchema: Contract<Source> = object({
  _id: string(),
  title: string(),
  publisher: nullable(string()),
  url: nullable(string()),
  date: nullable(string()),
})
