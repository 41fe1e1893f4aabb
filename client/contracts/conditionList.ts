import {object, type Contract} from './check'
import {conditionCardFields, conditionGroupLinkSchema, type ConditionCard, type ConditionGroupLink} from './shared'

/** A condition as a card, with the group it belongs to. */
export interface ConditionListItem extends ConditionCard {
  group: ConditionGroupLink
}

export const conditionListItemSchema: Contract<ConditionListItem> = object({
  ...conditionCardFields,
  group: conditionGroupLinkSchema,
})
