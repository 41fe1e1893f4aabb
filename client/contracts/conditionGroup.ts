import * as z from 'zod'
import {richTextSchema} from './richText'
import {conditionCardSchema, conditionGroupLinkSchema} from './shared'

export const conditionGroupSchema = conditionGroupLinkSchema.extend({
  intro: richTextSchema.nullable(),
  order: z.number(),
  conditions: z.array(conditionCardSchema),
})

export const conditionGroupListSchema = z.array(conditionGroupSchema)

export type ConditionGroup = z.infer<typeof conditionGroupSchema>
