import {defineType} from 'sanity'
import {additionsField} from '../fields/additions'
import {CircleIcon} from '@sanity/icons'
import {titleField} from '../fields/common'

export const bodyPart = defineType({
  name: 'bodyPart',
  title: 'Lichaamsdeel',
  type: 'document',
  icon: CircleIcon,
  description: 'Een deel van het lichaam waar aandoeningen en klachten over gaan, zoals de bekkenbodem of de blaas.',
  fields: [titleField('De naam in gewone taal, bijvoorbeeld "bekkenbodem".'), additionsField()],
  preview: {
    select: {title: 'title'},
    prepare: ({title}: {title?: string}) => ({title: title ?? 'Lichaamsdeel zonder titel', subtitle: 'Lichaamsdeel'}),
  },
})
