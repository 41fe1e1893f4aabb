import {defineField, defineType} from 'sanity'
import {additionsField} from '../fields/additions'
import {FolderIcon} from '@sanity/icons'
import {slugField, titleField, richTextField} from '../fields/common'
import {blockTexts} from '../rules/portableText'

export const conditionGroup = defineType({
  name: 'conditionGroup',
  title: 'Onderwerp',
  type: 'document',
  icon: FolderIcon,
  description: 'Een groep aandoeningen die bij elkaar horen, zoals "Verzakkingen".',
  fields: [
    titleField('De naam van het onderwerp zoals patiënten hem zien, bijvoorbeeld "Verzakkingen".'),
    slugField(),
    richTextField({
      name: 'intro',
      title: 'Inleiding',
      description: 'Een korte tekst boven de lijst met aandoeningen. Mag leeg blijven.',
    }),
    defineField({
      name: 'order',
      title: 'Volgorde',
      type: 'number',
      description: 'Onderwerpen met een lager getal staan eerder in de lijst.',
      validation: (rule) => [rule.required().error('Geef een volgorde.'), rule.integer().min(0)],
    }),
    additionsField(),
  ],
  orderings: [{title: 'Volgorde', name: 'orderAsc', by: [{field: 'order', direction: 'asc'}]}],
  preview: {
    select: {title: 'title', intro: 'intro', order: 'order'},
    prepare: ({title, intro, order}: {title?: string; intro?: unknown; order?: number}) => {
      const firstLine = blockTexts(intro)[0]
      return {
        title: title ?? 'Onderwerp zonder titel',
        subtitle: firstLine ?? (typeof order === 'number' ? `Onderwerp ${order}` : 'Onderwerp'),
      }
    },
  },
})
