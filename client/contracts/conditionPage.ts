import {array, nullable, number, object, oneOf, optional, string, type Contract} from './check'
import {richTextSchema, type RichText} from './richText'
import {
  conditionCardFields,
  conditionCardSchema,
  conditionGroupLinkSchema,
  namedDocumentSchema,
  reviewSchema,
  sourceSchema,
  type ConditionCard,
  type ConditionGroupLink,
  type NamedDocument,
  type Review,
  type Source,
} from './shared'
import {symptomSchema, type Symptom} from './symptom'
import {treatmentSchema, type Treatment} from './treatment'

/** A cause of a condition, with its risk factors. */
export interface Cause {
  _id: string
  title: string
  slug: string
  description: string
  riskFactors: NamedDocument[]
}

/** How common a condition is, as the source states it. */
export interface Prevalence {
  statement: string
  percentage?: number
  qualifier?: 'exact' | 'about' | 'almost' | 'moreThan' | 'lessThan'
  population?: string
  period?: 'lifetime' | 'year' | 'point'
}

/** A medical code a clinician has checked. `ICD-10` is the WHO's ICD-10; `version` is the edition it was looked up in. */
export interface MedicalCode {
  _key: string
  system: 'ICD-10' | 'ICD-10-CM' | 'ICPC-2' | 'SNOMED CT'
  version: string | null
  code: string
}

/** A treatment of a condition, with the goals for that condition. */
export interface ConditionTreatment {
  _key: string
  goals: RichText | null
  treatment: Treatment
}

/** A condition that is easily confused with this one, and how they differ. */
export interface RelatedCondition {
  _key: string
  distinction: RichText | null
  condition: ConditionCard
}

/** Everything the content model holds for one condition, as one page. */
export interface ConditionPage extends ConditionCard {
  alternativeNames: string[]
  /** The same name spelled otherwise, such as "dyspareünie"; not a second name. */
  spellingVariants: string[]
  group: ConditionGroupLink
  parent: ConditionCard | null
  description: RichText
  /** The sentence that introduces the list of causes, shown right above it. */
  causesIntroduction: string | null
  causes: Cause[]
  symptomsDescription: RichText | null
  symptoms: Symptom[]
  bodyParts: NamedDocument[]
  /** Only once a clinician has checked the figure. */
  prevalence: Prevalence | null
  whenToSeekHelp: RichText | null
  treatments: ConditionTreatment[]
  related: RelatedCondition[]
  /** Only codes a clinician has checked. */
  codes: MedicalCode[]
  sources: Source[]
  review: Review
}

export const causeSchema: Contract<Cause> = object({
  _id: string(),
  title: string(),
  slug: string(),
  description: string(),
  riskFactors: array(namedDocumentSchema),
})

export const prevalenceSchema: Contract<Prevalence> = object({
  statement: string(),
  percentage: optional(number()),
  qualifier: optional(oneOf(['exact', 'about', 'almost', 'moreThan', 'lessThan'])),
  population: optional(string()),
  period: optional(oneOf(['lifetime', 'year', 'point'])),
})

export const medicalCodeSchema: Contract<MedicalCode> = object({
  _key: string(),
  system: oneOf(['ICD-10', 'ICD-10-CM', 'ICPC-2', 'SNOMED CT']),
  version: nullable(string()),
  code: string(),
})

export const conditionTreatmentSchema: Contract<ConditionTreatment> = object({
  _key: string(),
  goals: nullable(richTextSchema),
  treatment: treatmentSchema,
})

export const relatedConditionSchema: Contract<RelatedCondition> = object({
  _key: string(),
  distinction: nullable(richTextSchema),
  condition: conditionCardSchema,
})

export const conditionPageSchema: Contract<ConditionPage> = object({
  ...conditionCardFields,
  alternativeNames: array(string()),
  spellingVariants: array(string()),
  group: conditionGroupLinkSchema,
  parent: nullable(conditionCardSchema),
  description: richTextSchema,
  causesIntroduction: nullable(string()),
  causes: array(causeSchema),
  symptomsDescription: nullable(richTextSchema),
  symptoms: array(symptomSchema),
  bodyParts: array(namedDocumentSchema),
  prevalence: nullable(prevalenceSchema),
  whenToSeekHelp: nullable(richTextSchema),
  treatments: array(conditionTreatmentSchema),
  related: array(relatedConditionSchema),
  codes: array(medicalCodeSchema),
  sources: array(sourceSchema),
  review: reviewSchema,
})
