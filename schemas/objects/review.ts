import {defineField, defineType} from 'sanity'
import {CalendarIcon} from '@sanity/icons'

/** How many years a text may go without a check before it shows up under "Controle nodig". */
export const REVIEW_INTERVAL_YEARS = 3

function isoDate(date: Date): string {
  return date.toISOString().slice(0, 10)
}

export const review = defineType({
  name: 'review',
  title: 'Controle',
  type: 'object',
  icon: CalendarIcon,
  description: `Wanneer de tekst medisch is gecontroleerd en wanneer dat weer moet. Patiëntinformatie wordt ten minste elke ${REVIEW_INTERVAL_YEARS} jaar gecontroleerd.`,
  fields: [
    defineField({
      name: 'lastReviewed',
      title: 'Laatst gecontroleerd',
      type: 'date',
      description: 'De datum waarop een zorgverlener de tekst voor het laatst inhoudelijk heeft gecontroleerd.',
      options: {dateFormat: 'D MMMM YYYY'},
      initialValue: () => isoDate(new Date()),
      validation: (rule) => rule.required().error('Vul de datum van de laatste controle in.'),
    }),
    defineField({
      name: 'nextReview',
      title: 'Volgende controle',
      type: 'date',
      description: `Uiterlijk op deze datum wordt de tekst opnieuw gecontroleerd. Meestal ${REVIEW_INTERVAL_YEARS} jaar na de laatste controle. Daarna staat het document in de lijst "Controle nodig".`,
      options: {dateFormat: 'D MMMM YYYY'},
      initialValue: () => {
        const next = new Date()
        next.setFullYear(next.getFullYear() + REVIEW_INTERVAL_YEARS)
        return isoDate(next)
      },
      validation: (rule) => [
        rule.required().error('Vul de datum van de volgende controle in.'),
        rule.custom((nextReview: string | undefined, context) => {
          const parent = context.parent as {lastReviewed?: unknown} | undefined
          const lastReviewed = typeof parent?.lastReviewed === 'string' ? parent.lastReviewed : undefined
          if (!nextReview || !lastReviewed) return true
          // ISO dates (YYYY-MM-DD) sort as strings in date order.
          return nextReview > lastReviewed ? true : 'De volgende controle moet na de laatste controle liggen.'
        }),
      ],
    }),
    defineField({
      name: 'reviewedBy',
      title: 'Gecontroleerd door',
      type: 'string',
      description: 'Naam en functie van wie de tekst heeft gecontroleerd, bijvoorbeeld "J. Jansen, bekkenfysiotherapeut".',
      validation: (rule) => rule.required().error('Vul in wie de tekst heeft gecontroleerd.'),
    }),
  ],
})
