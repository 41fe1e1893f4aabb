import type {BodyPart, Practice, Review, Source, Symptom} from '../../sanity.types'
import {addMonths, FIRST_REVIEW_WITHIN_MONTHS} from '../../schemas/reviewStatus'
import {editorial, passage, ref, type Draft, type DraftOf, type Editorial, type Passage} from '../draft'

const LEAFLET_SOURCE_ID = 'source-folder-bekkenfysiotherapie'

export const leafletSource: DraftOf<Source> = {
  _id: LEAFLET_SOURCE_ID,
  _type: 'source',
  title: editorial('Folder bekkenfysiotherapie: verzakkingen, behandeling en pijn rond de geslachtsdelen'),
  notes: editorial(
    'Patiëntenfolder van een praktijk voor bekkenfysiotherapie, uit de pdf overgenomen in seed/source/pelvic-floor-leaflet.txt. Alleen regelafbrekingen en opsommingstekens zijn aangepast, en de verbeteringen in seed/corrections.ts.',
  ),
}

/**
 * The practice's contact details, for the practice to fill in. The leaflet
 * names no practice, phone number or address, so the seed writes the
 * document empty: no page shows a contact block until the practice has.
 */
export const practice: DraftOf<Practice> = {_id: 'practice-contact', _type: 'practice'}

/**
 * The seed date is fixed so that every run writes the same file. The texts
 * were taken over from the leaflet, not checked by a clinician: an import is
 * not a medical review, so there is no review date, no reviewer and no
 * reviewed revision: nothing in the seed says a clinician checked anything.
 * The first medical check is due within months, not after the usual
 * interval, so the texts stay in the Studio's "Controle nodig" list until a
 * clinician has checked them.
 */
const SEED_DATE = '2026-11-28'

export const seedReview: Draft<Review> = {
  _type: 'review',
  nextReview: editorial(addMonths(SEED_DATE, FIRST_REVIEW_WITHIN_MONTHS)),
}

export const leafletSources = [ref(LEAFLET_SOURCE_ID)]

/**
 * A code or figure the leaflet gives no source for waits for a clinician:
 * no page shows it and no structured data carries it until then.
 */
export const pendingReview = {_type: 'valueReview' as const, status: 'pending' as const}

/** A medical code, recorded with its system and the version it was looked up in, awaiting its medical check. */
export function medicalCode(system: 'ICD-10' | 'ICD-10-CM', version: string, code: string) {
  return {
    _key: `${system.toLowerCase()}-${code.replace(/\./gu, '-')}`,
    _type: 'medicalCode' as const,
    system,
    version: editorial(version),
    code: editorial(code),
    valueReview: pendingReview,
  }
}

/**
 * `_id`, type, title and slug of a document with a web address. The `_id`
 * (`<type>-<slug>`, on the root path, so that it is public) and the slug come from one editorial slug, so they cannot
 * drift apart.
 */
export function addressable<Type extends string>(type: Type, slug: string, title: Passage | Editorial<string>) {
  return {
    _id: `${type}-${slug}` as const,
    _type: type,
    title,
    slug: {_type: 'slug' as const, current: editorial(slug)},
  }
}

function bodyPart(slug: string, title: Passage | Editorial<string>): DraftOf<BodyPart> {
  return {_id: `bodyPart-${slug}`, _type: 'bodyPart', title}
}

/**
 * The body parts the text names, an index for search. The names are the
 * text's own words where it says where (“rond de vagina”, “geslachtsdelen”),
 * so that no tag is more precise than the leaflet; a capitalised word is an
 * editorial label.
 */
export const bodyParts: DraftOf<BodyPart>[] = [
  bodyPart('bekkenbodem', editorial('Bekkenbodem')),
  bodyPart('blaas', editorial('Blaas')),
  bodyPart('baarmoeder', editorial('Baarmoeder')),
  bodyPart('darmen', editorial('Darmen')),
  bodyPart('onderbuik', passage('onderbuik', undefined, {after: 'zwaar gevoel in de'})),
  bodyPart('geslachtsdelen', passage('geslachtsdelen')),
  bodyPart('gebied-rond-de-vagina', passage('gebied rond de vagina')),
]

type SymptomCategory = DraftOf<Symptom>['category']

interface SymptomOptions {
  /** The whole list item, when the complaint is a list item of its own. */
  description?: Passage
  bodyParts?: `bodyPart-${string}`[]
}

/**
 * A complaint named in the text. Its `_id` and slug come from one editorial
 * slug. A plain string title is a passage of the text; a complaint the text
 * names only inside a longer sentence gets an editorial title.
 */
export function symptom(slug: string, title: string | Editorial<string>, category: SymptomCategory, options: SymptomOptions = {}): DraftOf<Symptom> {
  const bodyPartIds = options.bodyParts ?? []
  return {
    ...addressable('symptom', slug, typeof title === 'string' ? passage(title) : title),
    ...(options.description ? {description: options.description} : {}),
    category,
    ...(bodyPartIds.length > 0 ? {bodyParts: bodyPartIds.map((id) => ref(id))} : {}),
  }
}
