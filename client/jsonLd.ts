import type {MedicalCause, MedicalCondition, MedicalWebPage, WithContext} from 'schema-dts'
import type {ConditionPage} from './contracts/conditionPage'
import {toPlainText} from './portableText'

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

/** The schema.org MedicalCondition a condition page is about. */
export function toMedicalCondition(page: ConditionPage): MedicalConditionWithCause {
  return {
    '@type': 'MedicalCondition',
    name: page.title,
    ...(page.alternativeNames.length > 0 ? {alternateName: page.alternativeNames} : {}),
    description: page.summary,
    cause: page.causes.map((cause) => ({'@type': 'MedicalCause', name: cause.title, description: cause.description})),
    riskFactor: uniqueById(page.causes.flatMap((cause) => cause.riskFactors)).map((factor) => ({
      '@type': 'MedicalRiskFactor',
      name: factor.title,
    })),
    signOrSymptom: page.symptoms.map((symptom) => ({
      '@type': 'MedicalSymptom',
      name: symptom.title,
      ...(symptom.description ? {description: symptom.description} : {}),
    })),
    possibleTreatment: page.treatments.map(({treatment}) => ({
      '@type': 'PhysicalTherapy',
      name: treatment.title,
      description: toPlainText(treatment.description),
    })),
    associatedAnatomy: page.bodyParts.map((part) => ({'@type': 'AnatomicalStructure', name: part.title})),
    code: page.codes.map((code) => ({'@type': 'MedicalCode', codeValue: code.code, codingSystem: code.system})),
    ...(page.prevalence ? {epidemiology: page.prevalence.statement} : {}),
  }
}

/** A schema.org MedicalWebPage for a condition page, for a `<script type="application/ld+json">`. */
export function toJsonLd(page: ConditionPage, options: JsonLdOptions): WithContext<MedicalWebPage> {
  return {
    '@context': 'https://schema.org',
    '@type': 'MedicalWebPage',
    url: options.url,
    name: page.title,
    description: page.summary,
    inLanguage: 'nl',
    medicalAudience: {'@type': 'Patient'},
    lastReviewed: page.review.lastReviewed,
    reviewedBy: {'@type': 'Person', name: page.review.reviewedBy},
    ...(page.sources.length > 0
      ? {citation: page.sources.map((source) => ({'@type': 'CreativeWork', name: source.title, ...(source.url ? {url: source.url} : {})}))}
      : {}),
    mainEntity: toMedicalCondition(page),
  }
}
