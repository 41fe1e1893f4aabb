import {defineField, defineType} from 'sanity'
import {additionsField} from '../fields/additions'
import {HeartIcon} from '@sanity/icons'
import {plainTextField, slugField, titleField} from '../fields/common'
import {referenceListField} from '../fields/references'
import {SYMPTOM_CATEGORIES, symptomCategoryTitle} from '../symptomCategories'

export const symptom = defineType({
  name: 'symptom',
  title: 'Klacht',
  type: 'document',
  icon: HeartIcon,
  description: 'Een klacht die patiënten kunnen hebben, zoals "moeite met uitplassen". Een klacht kan bij meer aandoeningen horen.',
  fields: [
    titleField('De klacht in de woorden van de tekst, bijvoorbeeld "moeite met uitplassen".'),
    slugField(),
    plainTextField({
      name: 'description',
      title: 'Uitleg',
      description: 'Meer uitleg over de klacht, als de tekst die geeft.',
    }),
    defineField({
      name: 'category',
      title: 'Soort klacht',
      type: 'string',
      description: 'Onder welk kopje de klacht op de pagina "Klachten" staat.',
      options: {list: SYMPTOM_CATEGORIES.map((category) => ({...category})), layout: 'radio'},
      validation: (rule) => rule.required().error('Kies een soort klacht.'),
    }),
    referenceListField({
      name: 'bodyParts',
      title: 'Lichaamsdelen',
      to: 'bodyPart',
      label: 'lichaamsdeel',
      description: 'Waar in het lichaam de klacht zit.',
    }),
    additionsField(),
  ],
  preview: {
    select: {title: 'title', category: 'category'},
    prepare: ({title, category}: {title?: string; category?: string}) => ({
      title: title ?? 'Klacht zonder titel',
      subtitle: symptomCategoryTitle(category) ?? 'Nog geen soort gekozen',
    }),
  },
})
