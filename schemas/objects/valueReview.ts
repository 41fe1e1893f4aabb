import {defineField, defineType} from 'sanity'
import {CheckmarkCircleIcon} from '@sanity/icons'

/**
 * The medical check of one value that does not come with a source of its
 * own, such as a medical code or a figure: until a clinician has checked it,
 * no page shows it and no structured data carries it.
 */
const VALUE_REVIEW_STATUSES = [
  {value: 'pending', title: 'Wacht op medische controle'},
  {value: 'approved', title: 'Medisch gecontroleerd'},
] as const

interface ValueReview {
  status?: unknown
  reviewedBy?: unknown
  reviewedOn?: unknown
}

/** Who checked the value and when: required once it is approved, empty before. */
function recordRule(what: string) {
  return (value: string | undefined, context: {parent?: unknown}) => {
    const approved = (context.parent as ValueReview | undefined)?.status === 'approved' // Sanity types the parent of a field as unknown
    if (approved && !value) return `Vul ${what} in: de waarde is medisch gecontroleerd.`
    if (!approved && value) return `Laat ${what} leeg zolang de waarde niet medisch is gecontroleerd.`
    return true
  }
}

export const valueReview = defineType({
  name: 'valueReview',
  title: 'Medische controle van deze waarde',
  type: 'object',
  icon: CheckmarkCircleIcon,
  description: 'Een code of cijfer zonder eigen bron staat pas op de pagina en in de gegevens voor zoekmachines als een zorgverlener de waarde heeft gecontroleerd.',
  fields: [
    defineField({
      name: 'status',
      title: 'Status',
      type: 'string',
      description: 'Wacht op medische controle (ook als niets is gekozen): patiënten zien de waarde niet. Medisch gecontroleerd: de waarde staat op de pagina.',
      options: {list: VALUE_REVIEW_STATUSES.map((status) => ({...status})), layout: 'radio'},
      // No initial value: it would give every new condition an empty prevalence, whose required statement then blocks publishing. No status counts as waiting.
    }),
    defineField({
      name: 'reviewedBy',
      title: 'Gecontroleerd door',
      type: 'string',
      description: 'De zorgverlener die de waarde heeft gecontroleerd, met beroep, bijvoorbeeld "J. Jansen, gynaecoloog".',
      hidden: ({parent, value}) => !value && (parent as ValueReview | undefined)?.status !== 'approved',
      validation: (rule) => rule.custom(recordRule('wie de waarde heeft gecontroleerd')),
    }),
    defineField({
      name: 'reviewedOn',
      title: 'Gecontroleerd op',
      type: 'date',
      description: 'De datum waarop de zorgverlener de waarde heeft gecontroleerd.',
      options: {dateFormat: 'D-M-YYYY'},
      hidden: ({parent, value}) => !value && (parent as ValueReview | undefined)?.status !== 'approved',
      validation: (rule) => rule.custom(recordRule('de datum van de controle')),
    }),
  ],
  preview: {
    select: {status: 'status', reviewedBy: 'reviewedBy'},
    prepare: ({status, reviewedBy}: {status?: string; reviewedBy?: string}) => ({
      title: VALUE_REVIEW_STATUSES.find((entry) => entry.value === status)?.title ?? 'Geen status',
      subtitle: reviewedBy,
    }),
  },
})
