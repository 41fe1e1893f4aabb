import * as z from 'zod'
import {REVIEW_STATUS_VALUES} from '../../schemas/reviewStatus'
import {richTextSchema} from './richText'
import {conditionCardSchema, conditionGroupLinkSchema, namedDocumentSchema} from './shared'
import {symptomSchema} from './symptom'
import {treatmentSchema} from './treatment'

export const causeSchema = z.object({
  _id: z.string(),
  title: z.string(),
  slug: z.string(),
  description: z.string(),
  riskFactors: z.array(namedDocumentSchema),
})

export const prevalenceSchema = z.object({
  statement: z.string(),
  percentage: z.number().optional(),
  qualifier: z.enum(['exact', 'about', 'almost', 'moreThan', 'lessThan']).optional(),
  population: z.string().optional(),
  period: z.enum(['lifetime', 'year', 'point']).optional(),
})

export const medicalCodeSchema = z.object({
  system: z.enum(['ICD-10', 'ICD-10-CM', 'ICD-11', 'SNOMED CT']),
  code: z.string(),
})

/** A date and a reviewer exist only once a clinician has checked the text (status medicallyReviewed or due). */
export const reviewSchema = z.object({
  status: z.enum(REVIEW_STATUS_VALUES),
  lastReviewed: z.string().optional(),
  nextReview: z.string(),
  reviewedBy: z.string().optional(),
  reviewerRole: z.string().optional(),
})

export const sourceSchema = z.object({
  _id: z.string(),
  title: z.string(),
  publisher: z.string().nullable(),
  url: z.string().nullable(),
  date: z.string().nullable(),
})

/** Everything the content model holds for one condition, as one page. */
export const conditionPageSchema = conditionCardSchema.extend({
  alternativeNames: z.array(z.string()),
  group: conditionGroupLinkSchema,
  parent: conditionCardSchema.nullable(),
  description: richTextSchema,
  causes: z.array(causeSchema),
  symptomsDescription: richTextSchema.nullable(),
  symptoms: z.array(symptomSchema),
  bodyParts: z.array(namedDocumentSchema),
  prevalence: prevalenceSchema.nullable(),
  whenToSeekHelp: richTextSchema.nullable(),
  treatments: z.array(
    z.object({
      _key: z.string(),
      goals: richTextSchema.nullable(),
      treatment: treatmentSchema,
    }),
  ),
  related: z.array(
    z.object({
      _key: z.string(),
      distinction: richTextSchema.nullable(),
      condition: conditionCardSchema,
    }),
  ),
  codes: z.array(medicalCodeSchema),
  sources: z.array(sourceSchema),
  review: reviewSchema,
})

export type Cause = z.infer<typeof causeSchema>
export type Prevalence = z.infer<typeof prevalenceSchema>
export type MedicalCode = z.infer<typeof medicalCodeSchema>
export type Review = z.infer<typeof reviewSchema>
export type Source = z.infer<typeof sourceSchema>
export type ConditionPage = z.infer<typeof conditionPageSchema>
