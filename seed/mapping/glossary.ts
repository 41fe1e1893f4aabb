import type {GlossaryTerm} from '../../sanity.types'
import {editorial, passage, type DraftOf, type Passage} from '../draft'
import {pendingReview} from './shared'

/**
 * Plain explanations of the difficult words of the leaflet. The word is the
 * leaflet's; the explanation is the editors' (a plain meaning of the word,
 * no medical claim), so it is marked and waits for a clinician's check
 * before any page shows it.
 */
function glossaryTerm(slug: string, term: Passage, explanation: string, forms: Passage[] = []): DraftOf<GlossaryTerm> {
  return {
    _id: `glossaryTerm-${slug}`,
    _type: 'glossaryTerm',
    term,
    ...(forms.length > 0 ? {forms} : {}),
    explanation: editorial(explanation),
    valueReview: pendingReview,
  }
}

export const glossaryTerms: DraftOf<GlossaryTerm>[] = [
  glossaryTerm('adipositas', passage('adipositas'), 'Ernstig overgewicht.'),
  glossaryTerm('rupturen', passage('rupturen'), 'Scheuren in weefsel.'),
  glossaryTerm('progressief', passage('progressief'), 'Steeds erger wordend.'),
  glossaryTerm('recidiverend', passage('recidiverende'), 'Steeds terugkomend.'),
  glossaryTerm('obstipatie', passage('obstipatie'), 'Verstopping: moeilijk of weinig poepen.'),
  glossaryTerm('penetratie', passage('penetratie', undefined, {after: 'Brandende schrijnende pijn'}), 'Het naar binnen gaan in de vagina, bijvoorbeeld bij het vrijen.'),
]
