import {defineField, defineType} from 'sanity'
import {CalendarIcon} from '@sanity/icons'
import {hasMedicalReview, REVIEW_STATUSES} from '../reviewStatus'

/** How many years a text may go without a check before it shows up under "Controle nodig". */
export const REVIEW_INTERVAL_YEARS = 3

/** A text that no clinician has checked yet is due for its first check this soon. */
export const FIRST_REVIEW_WITHIN_MONTHS = 3

function isoDate(date: Date): string {
  return date.toISOString().slice(0, 10)
}

interface ReviewValue {
  status?: unknown
  lastReviewed?: unknown
  reviewedBy?: unknown
}

function parentOf(context: {parent?: unknown}): ReviewValue {
  return (context.parent ?? {}) as ReviewValue // Sanity types the parent of a field as unknown
}

/** Fields of a review record stay out of the way until there is a review to record. */
function hiddenBeforeReview({parent, value}: {parent?: unknown; value?: unknown}): boolean {
  const status = (parent as ReviewValue | undefined)?.status // Sanity types the parent of a field as unknown
  return !value && !hasMedicalReview(typeof status === 'string' ? status : undefined)
}

/** The fields that record a medical review: required after one, empty before. */
function reviewRecordRule(what: string) {
  return (value: string | undefined, context: {parent?: unknown}) => {
    const reviewed = hasMedicalReview(typeof parentOf(context).status === 'string' ? String(parentOf(context).status) : undefined)
    if (reviewed && !value) return `Vul ${what} in: de tekst is medisch gecontroleerd.`
    if (!reviewed && value) return `Laat ${what} leeg zolang de tekst niet medisch is gecontroleerd. Een import is geen controle.`
    return true
  }
}

export const review = defineType({
  name: 'review',
  title: 'Controle',
  type: 'object',
  icon: CalendarIcon,
  description: `Of een zorgverlener de tekst medisch heeft gecontroleerd, en wanneer dat (weer) moet. Patiëntinformatie wordt ten minste elke ${REVIEW_INTERVAL_YEARS} jaar gecontroleerd.`,
  fields: [
    defineField({
      name: 'status',
      title: 'Status',
      type: 'string',
      description:
        'Nog niet medisch gecontroleerd: overgenomen of nieuw geschreven, nog door niemand medisch bekeken. Medisch gecontroleerd: een zorgverlener heeft de tekst inhoudelijk gecontroleerd. Nieuwe controle nodig: de laatste controle is te oud of de tekst is sindsdien veranderd.',
      options: {list: REVIEW_STATUSES.map((status) => ({...status})), layout: 'radio'},
      initialValue: 'imported',
      validation: (rule) => rule.required().error('Kies de status van de controle.'),
    }),
    defineField({
      name: 'lastReviewed',
      hidden: hiddenBeforeReview,
      title: 'Laatst medisch gecontroleerd',
      type: 'date',
      description:
        'De datum waarop een zorgverlener de tekst voor het laatst inhoudelijk heeft gecontroleerd. Leeg zolang dat nog niet is gebeurd: de datum van een import is geen controle.',
      options: {dateFormat: 'D-M-YYYY'},
      validation: (rule) => rule.custom(reviewRecordRule('de datum van de controle')),
    }),
    defineField({
      name: 'nextReview',
      title: 'Volgende controle',
      type: 'date',
      description: `Uiterlijk op deze datum wordt de tekst (opnieuw) gecontroleerd: ${FIRST_REVIEW_WITHIN_MONTHS} maanden na een import, meestal ${REVIEW_INTERVAL_YEARS} jaar na een controle. Daarna staat het document in de lijst "Controle nodig".`,
      options: {dateFormat: 'D-M-YYYY'},
      initialValue: () => {
        const next = new Date()
        next.setUTCMonth(next.getUTCMonth() + FIRST_REVIEW_WITHIN_MONTHS)
        return isoDate(next)
      },
      validation: (rule) => [
        rule.required().error('Vul de datum van de volgende controle in.'),
        rule.custom((nextReview: string | undefined, context) => {
          const lastReviewed = parentOf(context).lastReviewed
          if (!nextReview || typeof lastReviewed !== 'string') return true
          // ISO dates (YYYY-MM-DD) sort as strings in date order.
          return nextReview > lastReviewed ? true : 'De volgende controle moet na de laatste controle liggen.'
        }),
      ],
    }),
    defineField({
      name: 'reviewedBy',
      hidden: hiddenBeforeReview,
      title: 'Gecontroleerd door',
      type: 'string',
      description: 'De naam van de zorgverlener die de tekst medisch heeft gecontroleerd, bijvoorbeeld "J. Jansen". Leeg zolang niemand dat heeft gedaan.',
      validation: (rule) => rule.custom(reviewRecordRule('wie de tekst heeft gecontroleerd')),
    }),
    defineField({
      name: 'reviewerRole',
      hidden: hiddenBeforeReview,
      title: 'Functie van de controleur',
      type: 'string',
      description: 'Het beroep van wie de tekst heeft gecontroleerd, bijvoorbeeld "bekkenfysiotherapeut" of "gynaecoloog". Patiënten zien het onder de tekst.',
      validation: (rule) => rule.custom(reviewRecordRule('de functie van de controleur')),
    }),
  ],
  preview: {
    select: {status: 'status', lastReviewed: 'lastReviewed', nextReview: 'nextReview'},
    prepare: ({status, lastReviewed, nextReview}: {status?: string; lastReviewed?: string; nextReview?: string}) => ({
      title: REVIEW_STATUSES.find((entry) => entry.value === status)?.title ?? 'Geen status',
      subtitle: [lastReviewed ? `gecontroleerd ${lastReviewed}` : null, nextReview ? `volgende controle ${nextReview}` : null].filter(Boolean).join(' · '),
    }),
  },
})
