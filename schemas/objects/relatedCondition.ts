import {defineField, defineType} from 'sanity'
import {richTextField} from '../fields/common'
import {LinkIcon} from '@sanity/icons'
import {referenceMustBeOfType, referenceMustNotBeSelf} from '../rules/references'

/** Another condition that patients confuse with this one, and how to tell them apart. */
export const relatedCondition = defineType({
  name: 'relatedCondition',
  title: 'Verwante aandoening',
  type: 'object',
  icon: LinkIcon,
  fields: [
    defineField({
      name: 'condition',
      title: 'Aandoening',
      type: 'reference',
      to: [{type: 'condition'}],
      // A cross-link, not part of this page's content: the other condition may be unpublished or deleted, and this page then shows no link to it.
      weak: true,
      description: 'De verwante aandoening. Niet deze aandoening zelf. Deze aandoening mag later worden gedepubliceerd of verwijderd; de link verdwijnt dan van deze pagina.',
      validation: (rule) => [rule.required().error('Kies een aandoening.'), referenceMustBeOfType(rule, ['condition'], 'aandoening'), referenceMustNotBeSelf(rule)],
    }),
    richTextField({
      name: 'distinction',
      title: 'Verschil',
      description: 'Hoe de twee aandoeningen van elkaar verschillen, zoals de bron het uitlegt.',
    }),
  ],
  preview: {
    select: {title: 'condition.title'},
    prepare: ({title}: {title?: string}) => ({title: title ?? 'Aandoening', subtitle: 'Verwante aandoening'}),
  },
})
