/**
 * Where a text stands in its medical review. An import is not a review: a
 * text taken over from a leaflet stays "imported" until a clinician has
 * checked it. This module imports nothing, so the client and the preview can
 * share it without pulling the Studio into frontends.
 */
export const REVIEW_STATUSES = [
  {value: 'imported', title: 'Nog niet medisch gecontroleerd'},
  {value: 'medicallyReviewed', title: 'Medisch gecontroleerd'},
  {value: 'due', title: 'Medisch gecontroleerd, nieuwe controle nodig'},
] as const

export type ReviewStatus = (typeof REVIEW_STATUSES)[number]['value']

export const REVIEW_STATUS_VALUES = REVIEW_STATUSES.map((status) => status.value) as [ReviewStatus, ...ReviewStatus[]]

/** The statuses under which a clinician has checked the text at least once, so a date and a reviewer exist. */
const MEDICALLY_REVIEWED_STATUSES: readonly ReviewStatus[] = ['medicallyReviewed', 'due']

export function hasMedicalReview(status: string | undefined): boolean {
  return MEDICALLY_REVIEWED_STATUSES.some((reviewed) => reviewed === status)
}

export function reviewStatusTitle(value: string | undefined): string | undefined {
  return REVIEW_STATUSES.find((status) => status.value === value)?.title
}
