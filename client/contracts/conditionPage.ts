import * as z from 'zod/mini'
import {REVIEW_STATUS_VALUES} from '../../schemas/reviewStatus'
import {richTextSchema} from './richText'
import {conditionCardFields, conditionCardSchema, conditionGroupLinkSchema, namedDocumentSchema} from './shared'
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
  system: z.enum(['ICD-10', 'ICD-10-CM', 'ICD-11', 'SNOMED CT']),
  code: z.string(),
})
export interface MedicalCode extends z.infer<typeof medicalCodeSchema> {}

export const reviewSchema = z.object({
  status: z.enum(REVIEW_STATUS_VALUES),
  lastReviewed: z.optional(z.string()),
  nextReview: z.string(),
  reviewedBy: z.optional(z.string()),
  reviewerRole: z.optional(z.string()),
})
/** Where the text stands in its medical review. A date and a reviewer exist only once a clinician has checked the text (status medicallyReviewed or due). */
export interface Review extends z.infer<typeof reviewSchema> {}

export const sourceSchema = z.object({
  _id: z.string(),
  title: z.string(),
  publisher: z.nullable(z.string()),
  url: z.nullable(z.string()),
  date: z.nullable(z.string()),
})
export interface Source extends z.infer<typeof sourceSchema> {}

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
  group: conditionGroupLinkSchema,
  parent: z.nullable(conditionCardSchema),
  description: richTextSchema,
  causes: z.array(causeSchema),
  symptomsDescription: z.nullable(richTextSchema),
  symptoms: z.array(symptomSchema),
  bodyParts: z.array(namedDocumentSchema),
  prevalence: z.nullable(prevalenceSchema),
  whenToSeekHelp: z.nullable(richTextSchema),
  treatments: z.array(conditionTreatmentSchema),
  related: z.array(relatedConditionSchema),
  codes: z.array(medicalCodeSchema),
  sources: z.array(sourceSchema),
  review: reviewSchema,
})
/** Everything the content model holds for one condition, as one page. */
export interface ConditionPage extends z.infer<typeof conditionPageSchema> {}
