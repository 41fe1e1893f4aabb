import {array, nullable, object, string, type Contract} from './check'
import {richTextSchema, type RichText} from './richText'
import {conditionCardFields, reviewSchema, sourceSchema, type ConditionCard, type Review, type Source} from './shared'

/** One part of a treatment, such as an exercise or advice, in the treatment's order. */
export interface TreatmentComponent {
  _id: string
  title: string
  description: string | null
}

/** A treatment with its components in order. */
export interface Treatment {
  _id: string
  title: string
  slug: string
  description: RichText
  components: TreatmentComponent[]
  course: RichText | null
  provider: string
}

/** A condition the treatment treats, with the goals for that condition. */
export interface TreatedCondition extends ConditionCard {
  goals: RichText | null
}

/** A treatment page: the treatment, the conditions it treats, where its text comes from and its medical review. */
export interface TreatmentPage extends Treatment {
  conditions: TreatedCondition[]
  sources: Source[]
  review: Review
}

export const treatmentComponentSchema: Contract<TreatmentComponent> = object({
  _id: string(),
  title: string(),
  description: nullable(string()),
})

export const treatmentFields = {
  _id: string(),
  title: string(),
  slug: string(),
  description: richTextSchema,
  components: array(treatmentComponentSchema),
  course: nullable(richTextSchema),
  provider: string(),
}

export const treatmentSchema: Contract<Treatment> = object(treatmentFields)

export const treatedConditionSchema: Contract<TreatedCondition> = object({
  ...conditionCardFields,
  goals: nullable(richTextSchema),
})

export const treatmentPageSchema: Contract<TreatmentPage> = object({
  ...treatmentFields,
  conditions: array(treatedConditionSchema),
  sources: array(sourceSchema),
  review: reviewSchema,
})
