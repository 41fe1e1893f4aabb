import type {DocumentBadgeComponent, DocumentBadgeDescription, DocumentBadgesResolver} from 'sanity'
import {B1_MAX_WORDS_PER_SENTENCE, B1_MIN_READING_EASE, B1_VERDICT_LABELS} from '../readability/fleschDouma'
import {documentReadability} from '../readability/documentText'
import {reviewStatusTitle} from '../reviewStatus'
import {fieldPathTitle} from './fieldTitles'

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

/** Whether a clinician has checked the text; an import is not a check. */
export function reviewStatusBadge(document: EditedDocument | null): DocumentBadgeDescription | null {
  const review = document?.review
  if (typeof review !== 'object' || review === null) return null
  const status = (review as {status?: unknown}).status
  const title = reviewStatusTitle(typeof status === 'string' ? status : undefined)
  if (!title) return {label: 'Controle: status ontbreekt', color: 'danger'}
  return {label: title, color: status === 'medicallyReviewed' ? 'success' : status === 'due' ? 'danger' : 'warning'}
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
export const ReviewStatusBadge: DocumentBadgeComponent = (props) => reviewStatusBadge(editedDocument(props))
export const AdditionsBadge: DocumentBadgeComponent = (props) => additionsBadge(editedDocument(props))

/** Sanity's own badges, then the review status, the editors' additions and the reading ease. */
export const documentBadges: DocumentBadgesResolver = (previous) => [...previous, ReviewStatusBadge, AdditionsBadge, ReadabilityBadge]
