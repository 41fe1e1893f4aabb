import type {MedicalCause, MedicalCondition, MedicalWebPage, WithContext} from 'schema-dts'
import type {ConditionPage} from './contracts/conditionPage'
import type {Review, Source} from './contracts/shared'
import type {TreatmentPage} from './contracts/treatment'
import {capitalizeFirst, wholeSentences} from './displayText'
import {toPlainText} from './portableText'
import {reviewerRoleTitle} from '../schemas/reviewerRoles'

export interface JsonLdOptions {
  /** The canonical URL of the page that shows the condition. */
  url: string
}

function uniqueById<Item extends {_id: string}>(items: readonly Item[]): Item[] {
  const seen = new Set<string>()
  return items.filter((item) => (seen.has(item._id) ? false : (seen.add(item._id), true)))
}

/**
 * schema.org lists `cause` (a MedicalCause) for conditions, but schema-dts
 * only types it on signs and symptoms; this adds it to the condition type.
 */
export type MedicalConditionWithCause = Extract<MedicalCondition, {'@type': 'MedicalCondition'}> & {cause?: MedicalCause[]}

/** A `description` property of whole sentences, or none when the text has none. */
function describedAs(text: string | null | undefined): {description?: string} {
  const whole = text ? wholeSentences(text) : null
  return whole ? {description: whole} : {}
}

/**
 * The schema.org MedicalCondition a condition page is about. Names and
 * descriptions are shown as on the page: with a capital first letter, and
 * descriptions in whole sentences (a text that ends in "… bestaat uit:" loses
 * that introduction, since the list it introduces is not part of it).
 */
export function toMedicalCondition(page: ConditionPage): MedicalConditionWithCause {
  return {
    '@type': 'MedicalCondition',
    name: page.title,
    ...(page.alternativeNames.length > 0 ? {alternateName: page.alternativeNames} : {}),
    ...describedAs(page.summary),
    cause: page.causes.map((cause) => ({'@type': 'MedicalCause', name: capitalizeFirst(cause.title), ...describedAs(cause.description)})),
    riskFactor: uniqueById(page.causes.flatMap((cause) => cause.riskFactors)).map((factor) => ({
      '@type': 'MedicalRiskFactor',
      name: capitalizeFirst(factor.title),
    })),
    signOrSymptom: page.symptoms.map((symptom) => ({
      '@type': 'MedicalSymptom',
      name: capitalizeFirst(symptom.title),
      ...describedAs(symptom.description),
    })),
    possibleTreatment: page.treatments.map(({treatment}) => ({
      '@type': 'PhysicalTherapy',
      name: treatment.title,
      ...describedAs(toPlainText(treatment.description)),
    })),
    associatedAnatomy: page.bodyParts.map((part) => ({'@type': 'AnatomicalStructure', name: part.title})),
    // The query gives only codes a clinician has approved; none, no property.
    ...(page.codes.length > 0 ? {code: page.codes.map((code) => ({'@type': 'MedicalCode' as const, codeValue: code.code, codingSystem: code.system}))} : {}),
    ...(page.prevalence ? {epidemiology: page.prevalence.statement} : {}),
  }
}

/**
 * `lastReviewed` and `reviewedBy` tell search engines that a clinician
 * checked the text on the page, so they are sent only when one did: never for
 * an import, and not once the text has changed since the check.
 */
function medicalReview(review: Review): Pick<MedicalWebPage & {'@type': 'MedicalWebPage'}, 'lastReviewed' | 'reviewedBy'> {
  if (!review.lastReviewed || !review.reviewedBy || review.changedSinceReview) return {}
  const jobTitle = reviewerRoleTitle(review.reviewerRole)
  return {
    lastReviewed: review.lastReviewed,
    reviewedBy: {'@type': 'Person', name: review.reviewedBy, ...(jobTitle ? {jobTitle} : {})},
  }
}

/** A schema.org MedicalWebPage for a condition page, for a `<script type="application/ld+json">`. */
export function toJsonLd(page: ConditionPage, options: JsonLdOptions): WithContext<MedicalWebPage> {
  return {
    '@context': 'https://schema.org',
    '@type': 'MedicalWebPage',
    url: options.url,
    name: page.title,
    ...describedAs(page.summary),
    inLanguage: 'nl',
    medicalAudience: {'@type': 'Patient'},
    ...medicalReview(page.review),
    ...citations(page.sources),
    mainEntity: toMedicalCondition(page),
  }
}

function citations(sources: readonly Source[]): Pick<MedicalWebPage & {'@type': 'MedicalWebPage'}, 'citation'> {
  return sources.length > 0 ? {citation: sources.map((source) => ({'@type': 'CreativeWork', name: source.title, ...(source.url ? {url: source.url} : {})}))} : {}
}

/**
 * A schema.org MedicalWebPage for a treatment page, about a PhysicalTherapy:
 * its sources, and its medical review only after one took place.
 */
export function treatmentToJsonLd(page: TreatmentPage, options: JsonLdOptions): WithContext<MedicalWebPage> {
  const description = describedAs(toPlainText(page.description))
  return {
    '@context': 'https://schema.org',
    '@type': 'MedicalWebPage',
    url: options.url,
    name: page.title,
    ...description,
    inLanguage: 'nl',
    medicalAudience: {'@type': 'Patient'},
    ...medicalReview(page.review),
    ...citations(page.sources),
    mainEntity: {'@type': 'PhysicalTherapy', name: page.title, ...description},
  }
}
