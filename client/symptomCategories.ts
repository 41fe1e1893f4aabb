import type {SymptomCategory} from './contracts/shared'

/**
 * The headings of the "Klachten" page, in page order. They mirror the
 * schema's SYMPTOM_CATEGORIES, which the client cannot import (it would pull
 * the Studio into frontends); a test keeps the two equal.
 */
export const SYMPTOM_CATEGORY_TITLES: Readonly<Record<SymptomCategory, string>> = {
  pressure: 'Druk of zwaar gevoel',
  bladder: 'Blaas en plassen',
  bowel: 'Darmen en ontlasting',
  painAndSex: 'Pijn en vrijen',
  muscleTension: 'Spierspanning',
}
