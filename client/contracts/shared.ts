import {SYMPTOM_CATEGORY_VALUES} from '../../schemas/symptomCategories'
import {object, oneOf, string, type Contract} from './check'

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
