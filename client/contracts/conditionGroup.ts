import {array, nullable, number, object, type Contract} from './check'
import {richTextSchema, type RichText} from './richText'
import {conditionCardSchema, conditionGroupLinkFields, type ConditionCard, type ConditionGroupLink} from './shared'

/** A group of conditions in editorial order, with its conditions as cards. */
export interface ConditionGroup extends ConditionGroupLink {
  intro: RichText | null
  order: number
  conditions: ConditionCard[]
}

export const conditionGroupSchema: Contract<ConditionGroup> = object({
  ...conditionGroupLinkFields,
  intro: nullable(richTextSchema),
  order: number(),
  conditions: array(conditionCardSchema),
})
