import {defineField, defineType, type ValidationContext} from 'sanity'
import {CalendarIcon} from '@sanity/icons'
import {
  addMonths,
  DEFAULT_REVIEW_INTERVAL_MONTHS,
  FIRST_REVIEW_WITHIN_MONTHS,
  hasMedicalReview,
  isoDay,
  nextReviewAfter,
  reviewIntervalMonths,
  type ReviewRecord,
} from '../reviewStatus'
import {REVIEWER_ROLES} from '../reviewerRoles'

/** Longest interval a check may be valid for: five years. */
const MAX_REVIEW_INTERVAL_MONTHS = 60

function recordOf(context: ValidationContext): ReviewRecord {
  return (context.parent ?? {}) as ReviewRecord // Sanity types the parent of a field as unknown
}

/** Whether any field of the review record is filled: then all of them must be, because a review records date, reviewer, role and revision together. */
function hasAnyRecord(review: ReviewRecord): boolean {
  return Boolean(review.lastReviewed || review.reviewedBy || review.reviewerRole || review.reviewedRevision)
}

/** The fields the action "Medisch gecontroleerd" fills: all together after a review, none before. */
function recordedByReviewRule(what: string) {
  return (value: string | undefined, context: ValidationContext) => {
    const review = recordOf(context)
    if (hasAnyRecord(review) && !value)
      return `${what} ontbreekt. Leg de controle vast met de actie "Medisch gecontroleerd", die datum, controleur, functie en versie samen invult.`
    return true
  }
}

/** Fields the review action fills stay out of the way until there is a review. */
function hiddenBeforeReview({parent}: {parent?: unknown}): boolean {
  return !hasAnyRecord((parent ?? {}) as ReviewRecord) // Sanity types the parent of a field as unknown
}

export const review = defineType({
  name: 'review',
  title: 'Controle',
  type: 'object',
  icon: CalendarIcon,
  description:
    'Of een zorgverlener de tekst medisch heeft gecontroleerd, welke versie, en wanneer dat weer moet. Een controle leg je vast met de actie "Medisch gecontroleerd" (bij Publiceren); de velden hieronder vult die actie in.',
  fields: [
    defineField({
      name: 'intervalMonths',
      title: 'Controletermijn (maanden)',
      type: 'number',
      description: `Hoeveel maanden een controle geldig is. De volgende controle valt zoveel maanden na de laatste. Leeg betekent ${DEFAULT_REVIEW_INTERVAL_MONTHS} maanden (3 jaar), de gewone termijn voor patiëntinformatie.`,
      initialValue: DEFAULT_REVIEW_INTERVAL_MONTHS,
      validation: (rule) => rule.integer().min(1).max(MAX_REVIEW_INTERVAL_MONTHS).error(`Kies een hele termijn van 1 tot ${MAX_REVIEW_INTERVAL_MONTHS} maanden.`),
    }),
    defineField({
      name: 'nextReview',
      title: 'Volgende controle',
      type: 'date',
      description: `Uiterlijk op deze datum wordt de tekst (opnieuw) gecontroleerd; vanaf die dag staat het document in de lijst "Controle nodig". Voor de eerste controle: ${FIRST_REVIEW_WITHIN_MONTHS} maanden na het schrijven of overnemen. Na een controle rekent de actie "Medisch gecontroleerd" de datum uit: de datum van de controle plus de controletermijn.`,
      options: {dateFormat: 'D-M-YYYY'},
      readOnly: ({parent}) => hasMedicalReview((parent ?? {}) as ReviewRecord), // Sanity types the parent of a field as unknown
      initialValue: () => addMonths(isoDay(), FIRST_REVIEW_WITHIN_MONTHS),
      validation: (rule) => [
        rule.required().error('Vul de datum van de volgende controle in.'),
        rule.custom((nextReview: string | undefined, context) => {
          const review = recordOf(context)
          if (!nextReview || !review.lastReviewed) return true
          const expected = nextReviewAfter(review.lastReviewed, reviewIntervalMonths(review))
          return nextReview === expected
            ? true
            : `De volgende controle moet ${expected} zijn: de datum van de controle plus ${reviewIntervalMonths(review)} maanden. Leg de controle opnieuw vast of zet de termijn terug.`
        }),
      ],
    }),
    defineField({
      name: 'lastReviewed',
      title: 'Laatst medisch gecontroleerd',
      type: 'date',
      readOnly: true,
      hidden: hiddenBeforeReview,
      description:
        'De datum waarop een zorgverlener de tekst voor het laatst inhoudelijk heeft gecontroleerd. De actie "Medisch gecontroleerd" vult hem in; leeg zolang dat nog niet is gebeurd, want een import is geen controle.',
      options: {dateFormat: 'D-M-YYYY'},
      validation: (rule) => rule.custom(recordedByReviewRule('De datum van de controle')),
    }),
    defineField({
      name: 'reviewedBy',
      title: 'Gecontroleerd door',
      type: 'string',
      readOnly: true,
      hidden: hiddenBeforeReview,
      description:
        'De naam van de zorgverlener die de tekst medisch heeft gecontroleerd, zoals ingevuld bij de actie "Medisch gecontroleerd". Patiënten zien de naam onder de titel.',
      validation: (rule) => rule.custom(recordedByReviewRule('De naam van de controleur')),
    }),
    defineField({
      name: 'reviewerRole',
      title: 'Functie van de controleur',
      type: 'string',
      readOnly: true,
      hidden: hiddenBeforeReview,
      description: 'Het beroep van wie de tekst heeft gecontroleerd, gekozen bij de actie "Medisch gecontroleerd". Patiënten zien het naast de naam.',
      options: {list: REVIEWER_ROLES.map((role) => ({...role}))},
      validation: (rule) => rule.custom(recordedByReviewRule('De functie van de controleur')),
    }),
    defineField({
      name: 'reviewedRevision',
      title: 'Gecontroleerde versie',
      type: 'string',
      readOnly: true,
      hidden: hiddenBeforeReview,
      description:
        'Het versienummer (_rev) dat de controle vastlegde. Zolang het document dit versienummer heeft, is de tekst niet gewijzigd sinds de controle; elke latere bewerking geeft een nieuw versienummer, en dan staat er "Gewijzigd sinds de controle" tot de volgende controle. In de geschiedenis (npm run history) is deze versie terug te lezen.',
      validation: (rule) => rule.custom(recordedByReviewRule('De gecontroleerde versie')),
    }),
  ],
  preview: {
    select: {lastReviewed: 'lastReviewed', nextReview: 'nextReview'},
    prepare: ({lastReviewed, nextReview}: {lastReviewed?: string; nextReview?: string}) => ({
      title: lastReviewed ? `Medisch gecontroleerd op ${lastReviewed}` : 'Nog niet medisch gecontroleerd',
      subtitle: nextReview ? `volgende controle ${nextReview}` : undefined,
    }),
  },
})
