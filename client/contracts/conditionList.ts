import * as z from 'zod'
import {conditionCardSchema, conditionGroupLinkSchema} from './shared'

export const conditionListItemSchema = conditionCardSchema.extend({
  group: conditionGroupLinkSchema,
})

export const conditionListSchema = z.array(conditionListItemSchema)

export type ConditionListItem = z.infer<typeof conditionListItemSchema>
