import {defineType} from 'sanity'
import {additionsField} from '../fields/additions'
import {WarningOutlineIcon} from '@sanity/icons'
import {titleField} from '../fields/common'

export const riskFactor = defineType({
  name: 'riskFactor',
  title: 'Risicofactor',
  type: 'document',
  icon: WarningOutlineIcon,
  description: 'Iets wat de kans op een oorzaak groter maakt, zoals adipositas of chronisch hoesten. Wordt gekozen bij een oorzaak.',
  fields: [titleField('De risicofactor zoals de tekst hem noemt, bijvoorbeeld "chronisch hoesten".'), additionsField()],
  preview: {
    select: {title: 'title'},
    prepare: ({title}: {title?: string}) => ({title: title ?? 'Risicofactor zonder titel', subtitle: 'Risicofactor bij een oorzaak'}),
  },
})
