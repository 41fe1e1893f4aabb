import * as z from 'zod/mini'
import {richTextSchema} from './richText'
import {conditionCardSchema, conditionGroupLinkFields} from './shared'

export const conditionGroupSchema = z.object({
  ...conditionGroupLinkFields,
  intro: z.nullable(richTextSchema),
  order: z.number(),
  conditions: z.array(conditionCardSchema),
})
/** A group of conditions in editorial order, with its conditions as cards. */
export interface ConditionGroup extends z.infer<typeof conditionGroupSchema> {}
