import {SYMPTOM_CATEGORIES, type SymptomCategory} from '../schemas/symptomCategories'

/** The headings of the "Klachten" page, in page order, keyed by category. */
export const SYMPTOM_CATEGORY_TITLES: Readonly<Record<SymptomCategory, string>> = Object.fromEntries(SYMPTOM_CATEGORIES.map(({value, title}) => [value, title])) as Record<
  SymptomCategory,
  string
> // fromEntries types its keys as string
