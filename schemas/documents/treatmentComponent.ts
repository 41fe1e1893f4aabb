import {defineType} from 'sanity'
import {additionsField} from '../fields/additions'
import {BulbOutlineIcon} from '@sanity/icons'
import {plainTextField, titleField} from '../fields/common'

export const treatmentComponent = defineType({
  name: 'treatmentComponent',
  title: 'Onderdeel van een behandeling',
  type: 'document',
  icon: BulbOutlineIcon,
  description: 'Eén onderdeel van een behandeling, zoals "Oefeningen voor de bekkenbodem". Wordt gekozen bij een behandeling.',
  fields: [
    titleField('Het onderdeel in de woorden van de tekst, bijvoorbeeld "Oefeningen voor de bekkenbodem".'),
    plainTextField({
      name: 'description',
      title: 'Uitleg',
      description: 'Meer uitleg over dit onderdeel, als de tekst die geeft.',
    }),
    additionsField(),
  ],
  preview: {
    select: {title: 'title', description: 'description'},
    prepare: ({title, description}: {title?: string; description?: string}) => ({
      title: title ?? 'Onderdeel zonder titel',
      subtitle: description ?? 'Onderdeel van een behandeling',
    }),
  },
})
