import {defineArrayMember, defineField, defineType} from 'sanity'
import {TextIcon} from '@sanity/icons'
import {additionsField} from '../fields/additions'
import {warnOnLongSentences} from '../rules/textRules'

/**
 * A difficult word of the texts with a plain explanation. The explanation is
 * the editors' addition, not the source's: a page shows it (linked from the
 * word's first use) only after a clinician has checked it.
 */
export const glossaryTerm = defineType({
  name: 'glossaryTerm',
  title: 'Moeilijk woord',
  type: 'document',
  icon: TextIcon,
  description: 'Een moeilijk woord uit de teksten met een korte uitleg in gewone taal. De uitleg staat pas op de pagina als een zorgverlener hem heeft gecontroleerd.',
  fields: [
    defineField({
      name: 'term',
      title: 'Woord',
      type: 'string',
      description: 'Het woord zoals de tekst het schrijft, bijvoorbeeld "obstipatie".',
      validation: (rule) => rule.required().error('Vul het woord in.'),
    }),
    defineField({
      name: 'forms',
      title: 'Vormen in de tekst',
      type: 'array',
      of: [defineArrayMember({type: 'string'})],
      options: {layout: 'tags'},
      description: 'Andere vormen van het woord die in de tekst staan, bijvoorbeeld "recidiverende" naast "recidiverend". Het eerste gebruik op een pagina linkt naar de uitleg.',
      validation: (rule) => rule.unique(),
    }),
    defineField({
      name: 'explanation',
      title: 'Uitleg',
      type: 'text',
      rows: 2,
      description: 'Wat het woord betekent, in gewone woorden en zonder nieuwe medische bewering. Kun je geen veilige uitleg geven, laat het woord dan wachten op controle.',
      validation: (rule) => [rule.required().error('Schrijf de uitleg.'), warnOnLongSentences(rule)],
    }),
    defineField({
      name: 'valueReview',
      title: 'Medische controle',
      type: 'valueReview',
      description: 'De uitleg staat pas op de pagina als een zorgverlener hem heeft gecontroleerd.',
      validation: (rule) => rule.required().error('Vul de controle van de uitleg in.'),
    }),
    additionsField(),
  ],
  preview: {
    select: {title: 'term', subtitle: 'explanation', status: 'valueReview.status'},
    prepare: ({title, subtitle, status}: {title?: string; subtitle?: string; status?: string}) => ({
      title: title ?? 'Woord',
      subtitle: `${status === 'approved' ? '' : 'Wacht op controle · '}${subtitle ?? ''}`,
    }),
  },
})
