import {defineField, defineType} from 'sanity'
import {additionsField} from '../fields/additions'
import {BookIcon} from '@sanity/icons'
import {titleField} from '../fields/common'

export const source = defineType({
  name: 'source',
  title: 'Bron',
  type: 'document',
  icon: BookIcon,
  description: 'Waar een tekst vandaan komt: de folder waaruit de tekst is overgenomen, of later een richtlijn.',
  fields: [
    titleField('De titel van de bron, bijvoorbeeld de naam van de folder of richtlijn.'),
    defineField({
      name: 'publisher',
      title: 'Uitgever',
      type: 'string',
      description: 'De organisatie die de bron heeft gemaakt. Laat leeg als dat niet bekend is.',
    }),
    defineField({
      name: 'url',
      title: 'Webadres',
      type: 'url',
      description: 'Waar de bron online staat, als dat zo is.',
      validation: (rule) => rule.uri({scheme: ['https', 'http']}),
    }),
    defineField({
      name: 'date',
      title: 'Datum',
      type: 'date',
      description: 'Wanneer de bron is verschenen of voor het laatst is bijgewerkt.',
      options: {dateFormat: 'D-M-YYYY'},
    }),
    defineField({
      name: 'notes',
      title: 'Opmerkingen',
      type: 'text',
      rows: 3,
      description: 'Voor de redactie: hoe de bron is gebruikt, wat eraan is aangepast. Patiënten zien dit niet.',
    }),
    additionsField(),
  ],
  preview: {
    select: {title: 'title', publisher: 'publisher', date: 'date'},
    prepare: ({title, publisher, date}: {title?: string; publisher?: string; date?: string}) => ({
      title: title ?? 'Bron zonder titel',
      subtitle: [publisher, date?.slice(0, 4)].filter(Boolean).join(', ') || 'Uitgever en datum onbekend',
    }),
  },
})
