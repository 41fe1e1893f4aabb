/**
 * The categories that group symptoms on the "Klachten" page, in page order.
 * Values are stable codes stored in documents; titles are what patients read.
 * This module imports nothing, so the client can share it without pulling
 * the Studio into frontends.
 */
export const SYMPTOM_CATEGORIES = [
  {value: 'pressure', title: 'Druk of zwaar gevoel'},
  {value: 'bladder', title: 'Blaas en plassen'},
  {value: 'bowel', title: 'Darmen en ontlasting'},
  {value: 'painAndSex', title: 'Pijn en vrijen'},
  {value: 'muscleTension', title: 'Spierspanning'},
] as const

export type SymptomCategory = (typeof SYMPTOM_CATEGORIES)[number]['value']

export const SYMPTOM_CATEGORY_VALUES = SYMPTOM_CATEGORIES.map((category) => category.value) as [SymptomCategory, ...SymptomCategory[]]

export function symptomCategoryTitle(value: string | undefined): string | undefined {
  return SYMPTOM_CATEGORIES.find((category) => category.value === value)?.title
}
