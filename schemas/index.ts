import {bodyPart} from './documents/bodyPart'
import {cause} from './documents/cause'
import {condition} from './documents/condition'
import {conditionGroup} from './documents/conditionGroup'
import {glossaryTerm} from './documents/glossaryTerm'
import {practice} from './documents/practice'
import {riskFactor} from './documents/riskFactor'
import {source} from './documents/source'
import {symptom} from './documents/symptom'
import {treatment} from './documents/treatment'
import {treatmentComponent} from './documents/treatmentComponent'
import {conditionTreatment} from './objects/conditionTreatment'
import {editorialAddition} from './objects/editorialAddition'
import {valueReview} from './objects/valueReview'
import {medicalCode} from './objects/medicalCode'
import {prevalence} from './objects/prevalence'
import {relatedCondition} from './objects/relatedCondition'
import {review} from './objects/review'
import {richText} from './objects/richText'

export const documentTypes = [conditionGroup, condition, cause, riskFactor, symptom, treatment, treatmentComponent, bodyPart, source, glossaryTerm, practice] as const

export const objectTypes = [richText, review, medicalCode, prevalence, conditionTreatment, relatedCondition, editorialAddition, valueReview] as const

export const schemaTypes = [...documentTypes, ...objectTypes]

export type DocumentTypeName = (typeof documentTypes)[number]['name']

export {SUMMARY_MAX_LENGTH} from './documents/condition'
export {SYMPTOM_CATEGORIES, symptomCategoryTitle, type SymptomCategory} from './symptomCategories'
export {MEDICAL_CODE_SYSTEMS} from './objects/medicalCode'
export {DEFAULT_REVIEW_INTERVAL_MONTHS, FIRST_REVIEW_WITHIN_MONTHS, deriveReview, type DerivedReview} from './reviewStatus'
export {REVIEWER_ROLES, type ReviewerRole} from './reviewerRoles'
export {MAX_WORDS_PER_SENTENCE, longSentences, splitSentences, countWords} from './rules/sentences'
export {slugify, SLUG_PATTERN} from './rules/slug'
