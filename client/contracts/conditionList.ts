import * as z from 'zod/mini'
import {conditionCardFields, conditionGroupLinkSchema} from './shared'

export const conditionListItemSchema = z.object({
  ...conditionCardFields,
  group: conditionGroupLinkSchema,
})
/** A condition as a card, with the group it belongs to. */
export interface ConditionListItem extends z.infer<typeof conditionListItemSchema> {}
