import {defineField, defineType} from 'sanity'
import {warnOnLongSentences} from '../rules/textRules'

const PREVALENCE_QUALIFIERS = [
  {title: 'precies', value: 'exact'},
  {title: 'ongeveer', value: 'about'},
  {title: 'bijna', value: 'almost'},
  {title: 'meer dan', value: 'moreThan'},
  {title: 'minder dan', value: 'lessThan'},
] as const

/**
 * How common a condition is. The statement is shown to patients exactly as
 * written, once a clinician has checked it (a figure without a source of its
 * own is not shown before); the figure beside it is for tables, filters and
 * structured data, and is filled in only when the statement gives one.
 */
export const prevalence = defineType({
  name: 'prevalence',
  title: 'Hoe vaak komt het voor',
  type: 'object',
  fields: [
    defineField({
      name: 'statement',
      title: 'Uitspraak',
      type: 'text',
      rows: 2,
      description: 'De zin zoals patiënten hem lezen, bijvoorbeeld "Bijna 50% van alle vrouwen krijgt ooit in haar leven een verzakking."',
      validation: (rule) => [rule.required().error('Vul de uitspraak in.'), warnOnLongSentences(rule)],
    }),
    defineField({
      name: 'valueReview',
      title: 'Medische controle',
      type: 'valueReview',
      description: 'Een cijfer zonder bron staat pas op de pagina en in de gegevens voor zoekmachines als een zorgverlener het heeft gecontroleerd.',
      validation: (rule) => rule.required().error('Vul de controle van het cijfer in.'),
    }),
    defineField({
      name: 'percentage',
      title: 'Percentage',
      type: 'number',
      description: 'Alleen invullen als de uitspraak een percentage noemt. Het getal zonder %-teken.',
      validation: (rule) => rule.min(0).max(100),
    }),
    defineField({
      name: 'qualifier',
      title: 'Nauwkeurigheid',
      type: 'string',
      description: 'Hoe de uitspraak het percentage noemt, bijvoorbeeld "bijna" bij "Bijna 50%".',
      options: {list: PREVALENCE_QUALIFIERS.map((q) => ({...q})), layout: 'radio', direction: 'horizontal'},
      hidden: ({parent}) => typeof (parent as {percentage?: unknown} | undefined)?.percentage !== 'number',
    }),
    defineField({
      name: 'population',
      title: 'Groep',
      type: 'string',
      description: 'Over wie het percentage gaat, bijvoorbeeld "vrouwen".',
      hidden: ({parent}) => typeof (parent as {percentage?: unknown} | undefined)?.percentage !== 'number',
    }),
    defineField({
      name: 'period',
      title: 'Periode',
      type: 'string',
      description: 'Over welke tijd het percentage gaat.',
      options: {
        list: [
          {title: 'ooit in het leven', value: 'lifetime'},
          {title: 'per jaar', value: 'year'},
          {title: 'op dit moment', value: 'point'},
        ],
      },
      hidden: ({parent}) => typeof (parent as {percentage?: unknown} | undefined)?.percentage !== 'number',
    }),
  ],
})
