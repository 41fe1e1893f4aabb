import {defineField, defineType} from 'sanity'
import {richTextField} from '../fields/common'
import {ActivityIcon} from '@sanity/icons'
import {referenceMustBeOfType} from '../rules/references'

/** A treatment as it applies to one condition: the shared treatment, plus what it aims at for this condition. */
export const conditionTreatment = defineType({
  name: 'conditionTreatment',
  title: 'Behandeling bij deze aandoening',
  type: 'object',
  icon: ActivityIcon,
  fields: [
    defineField({
      name: 'treatment',
      title: 'Behandeling',
      type: 'reference',
      to: [{type: 'treatment'}],
      description: 'De behandeling zelf, met haar onderdelen en verloop. Die tekst is voor alle aandoeningen gelijk.',
      validation: (rule) => [rule.required().error('Kies een behandeling.'), referenceMustBeOfType(rule, ['treatment'], 'behandeling')],
    }),
    richTextField({
      name: 'goals',
      title: 'Doel bij deze aandoening',
      description: 'Wat de behandeling bij deze aandoening wil bereiken. Laat leeg als de bron daar niets over zegt.',
    }),
  ],
  preview: {
    select: {title: 'treatment.title', goals: 'goals'},
    prepare: ({title, goals}: {title?: string; goals?: unknown[]}) => ({
      title: title ?? 'Behandeling',
      subtitle: goals && goals.length > 0 ? 'Met doel bij deze aandoening' : 'Zonder eigen doel',
    }),
  },
})
