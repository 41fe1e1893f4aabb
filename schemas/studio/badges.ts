import type {DocumentBadgeComponent, DocumentBadgeDescription, DocumentBadgesResolver} from 'sanity'
import {B1_MAX_WORDS_PER_SENTENCE, B1_MIN_READING_EASE, B1_VERDICT_LABELS} from '../readability/fleschDouma'
import {documentReadability} from '../readability/documentText'
import {fieldPathTitle} from './fieldTitles'
import {deriveReview, isoDay, type ReviewRecord} from '../reviewStatus'
import {reviewerRoleTitle} from '../reviewerRoles'

type EditedDocument = Record<string, unknown>

function editedDocument(props: {draft?: unknown; version?: unknown; published?: unknown}): EditedDocument | null {
  const document = props.version ?? props.draft ?? props.published
  return typeof document === 'object' && document !== null ? (document as EditedDocument) : null // Sanity types documents loosely; only fields are read
}

/**
 * The reading ease and B1 verdict of the text being edited, next to the
 * long-sentence warning in the validation panel. The details name the
 * hardest field, so the editor knows where to start.
 */
export function readabilityBadge(document: EditedDocument | null): DocumentBadgeDescription | null {
  if (!document) return null
  const measured = documentReadability(document)
  if (measured.words === 0) return null
  const hardest = [...measured.fields].filter((field) => field.verdict !== 'tooShort').sort((a, b) => a.readingEase - b.readingEase)[0]
  const score = measured.readingEase.toFixed(0)
  return {
    label: `Leesgemak ${score} · ${B1_VERDICT_LABELS[measured.verdict]}`,
    title: [
      `Flesch-Douma ${measured.readingEase.toFixed(1)} (hoger is makkelijker; B1 vanaf ${B1_MIN_READING_EASE}),`,
      `gemiddeld ${measured.wordsPerSentence.toFixed(1)} woorden per zin (B1: hoogstens ${B1_MAX_WORDS_PER_SENTENCE}), ${measured.words} woorden.`,
      hardest ? `Moeilijkste veld: ${fieldPathTitle(measured._type, hardest.path)} (${hardest.readingEase.toFixed(1)}).` : '',
    ]
      .filter(Boolean)
      .join(' '),
    color: measured.verdict === 'b1' ? 'success' : measured.verdict === 'aboveB1' ? 'warning' : undefined,
  }
}

type ReviewedDocument = {_rev?: string; review?: ReviewRecord | null}

function reviewedDocument(document: unknown): ReviewedDocument | null {
  if (typeof document !== 'object' || document === null) return null
  const review = (document as {review?: unknown}).review
  return typeof review === 'object' && review !== null ? (document as ReviewedDocument) : null // only _rev and the review record are read
}

function reviewSummary(review: ReviewRecord | null | undefined): string {
  if (!review?.lastReviewed) return ''
  return `Medisch gecontroleerd op ${review.lastReviewed} door ${review.reviewedBy}, ${reviewerRoleTitle(review.reviewerRole) ?? review.reviewerRole} (versie ${review.reviewedRevision}).`
}

/**
 * Where the text stands in its medical review, derived from the review record
 * of the PUBLISHED document and the date: patients read the published
 * version, so only it can be "Medisch gecontroleerd". While a draft exists,
 * the badge says so and is never green: the draft is what the editor sees,
 * and nobody has checked it.
 */
export function reviewStatusBadge(versions: {draft?: unknown; published?: unknown}, today: string = isoDay()): DocumentBadgeDescription | null {
  const draft = reviewedDocument(versions.draft)
  const published = reviewedDocument(versions.published)
  if (!draft && !published) return null
  const derived = published ? deriveReview(published, today) : null
  if (draft) {
    if (!published)
      return {
        label: 'Concept: nog niet gecontroleerd',
        title: 'Dit concept is nog niet gepubliceerd en door niemand medisch gecontroleerd. Patiënten zien het niet.',
        color: 'warning',
      }
    return derived?.reviewed
      ? {
          label: 'Concept: gewijzigd sinds de controle',
          title: `Dit concept wijkt af van de gepubliceerde tekst en is niet gecontroleerd. Gepubliceerd: ${reviewSummary(published.review)}${derived.changedSinceReview ? ' Ook de gepubliceerde tekst is sindsdien gewijzigd.' : ''}`,
          color: 'warning',
        }
      : {label: 'Concept: nog niet gecontroleerd', title: 'Dit concept en de gepubliceerde tekst zijn door niemand medisch gecontroleerd.', color: 'warning'}
  }
  if (!derived || !published) return null
  if (!derived.reviewed) {
    return derived.due
      ? {label: 'Nog niet medisch gecontroleerd · controle verlopen', title: `De eerste controle was gepland vóór ${derived.nextReview ?? '(geen datum)'}.`, color: 'danger'}
      : {label: 'Nog niet medisch gecontroleerd', title: `De eerste controle is gepland vóór ${derived.nextReview}.`, color: 'warning'}
  }
  if (derived.changedSinceReview) {
    return {
      label: 'Gewijzigd sinds de controle',
      title: `De gepubliceerde tekst is bewerkt na de controle en niet opnieuw gecontroleerd. ${reviewSummary(published.review)}`,
      color: 'danger',
    }
  }
  if (derived.due) return {label: `Controle verlopen sinds ${derived.nextReview}`, title: reviewSummary(published.review), color: 'danger'}
  return {label: 'Medisch gecontroleerd', title: `${reviewSummary(published.review)} Volgende controle: ${derived.nextReview}.`, color: 'success'}
}

/** How many values of the document the editors added; the field "Toevoegingen van de redactie" names them. */
export function additionsBadge(document: EditedDocument | null): DocumentBadgeDescription | null {
  const additions = Array.isArray(document?.additions) ? document.additions : []
  if (additions.length === 0) return null
  const paths = additions
    .map((addition: unknown) => (typeof addition === 'object' && addition !== null ? (addition as {path?: unknown}).path : undefined))
    .filter((path) => typeof path === 'string')
  return {
    label: additions.length === 1 ? '1 toevoeging van de redactie' : `${additions.length} toevoegingen van de redactie`,
    title: `Niet uit de bron, op de pagina gemarkeerd met een *: ${paths.join(', ')}.`,
  }
}

export const ReadabilityBadge: DocumentBadgeComponent = (props) => readabilityBadge(editedDocument(props))
export const ReviewStatusBadge: DocumentBadgeComponent = (props) => reviewStatusBadge({draft: props.version ?? props.draft, published: props.published})
export const AdditionsBadge: DocumentBadgeComponent = (props) => additionsBadge(editedDocument(props))

/** Sanity's own badges, then the review status, the editors' additions and the reading ease. */
export const documentBadges: DocumentBadgesResolver = (previous) => [...previous, ReviewStatusBadge, AdditionsBadge, ReadabilityBadge]
