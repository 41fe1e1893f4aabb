import * as z from 'zod/mini'
import {richTextSchema} from './richText'
import {conditionCardFields, conditionCardSchema, conditionGroupLinkSchema, namedDocumentSchema, reviewSchema, sourceSchema} from './shared'
import {symptomSchema} from './symptom'
import {treatmentSchema} from './treatment'

export const causeSchema = z.object({
  _id: z.string(),
  title: z.string(),
  slug: z.string(),
  description: z.string(),
  riskFactors: z.array(namedDocumentSchema),
})
/** A cause of a condition, with its risk factors. */
export interface Cause extends z.infer<typeof causeSchema> {}

export const prevalenceSchema = z.object({
  statement: z.string(),
  percentage: z.optional(z.number()),
  qualifier: z.optional(z.enum(['exact', 'about', 'almost', 'moreThan', 'lessThan'])),
  population: z.optional(z.string()),
  period: z.optional(z.enum(['lifetime', 'year', 'point'])),
})
/** How common a condition is, as the source states it. */
export interface Prevalence extends z.infer<typeof prevalenceSchema> {}

export const medicalCodeSchema = z.object({
  _key: z.string(),
  system: z.enum(['ICD-10', 'ICD-10-CM', 'ICPC-2', 'SNOMED CT']),
  version: z.nullable(z.string()),
  code: z.string(),
})
/** A medical code a clinician has checked. `ICD-10` is the WHO's ICD-10; `version` is the edition it was looked up in. */
export interface MedicalCode extends z.infer<typeof medicalCodeSchema> {}

export const conditionTreatmentSchema = z.object({
  _key: z.string(),
  goals: z.nullable(richTextSchema),
  treatment: treatmentSchema,
})
/** A treatment of a condition, with the goals for that condition. */
export interface ConditionTreatment extends z.infer<typeof conditionTreatmentSchema> {}

export const relatedConditionSchema = z.object({
  _key: z.string(),
  distinction: z.nullable(richTextSchema),
  condition: conditionCardSchema,
})
/** A condition that is easily confused with this one, and how they differ. */
export interface RelatedCondition extends z.infer<typeof relatedConditionSchema> {}

export const conditionPageSchema = z.object({
  ...conditionCardFields,
  alternativeNames: z.array(z.string()),
  /** The same name spelled otherwise, such as "dyspareünie"; not a second name. */
  spellingVariants: z.array(z.string()),
  group: conditionGroupLinkSchema,
  parent: z.nullable(conditionCardSchema),
  description: richTextSchema,
  /** The sentence that introduces the list of causes, shown right above it. */
  causesIntroduction: z.nullable(z.string()),
  causes: z.array(causeSchema),
  symptomsDescription: z.nullable(richTextSchema),
  symptoms: z.array(symptomSchema),
  bodyParts: z.array(namedDocumentSchema),
  /** Only once a clinician has checked the figure. */
  prevalence: z.nullable(prevalenceSchema),
  whenToSeekHelp: z.nullable(richTextSchema),
  treatments: z.array(conditionTreatmentSchema),
  related: z.array(relatedConditionSchema),
  /** Only codes a clinician has checked. */
  codes: z.array(medicalCodeSchema),
  sources: z.array(sourceSchema),
  review: reviewSchema,
})
/** Everything the content model holds for one condition, as one page. */
export interface ConditionPage extends z.infer<typeof conditionPageSchema> {}
