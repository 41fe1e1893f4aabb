import {defineType} from 'sanity'
import {additionsField} from '../fields/additions'
import {BoltIcon} from '@sanity/icons'
import {plainTextField, slugField, titleField} from '../fields/common'
import {referenceListField} from '../fields/references'

export const cause = defineType({
  name: 'cause',
  title: 'Oorzaak',
  type: 'document',
  icon: BoltIcon,
  description: 'Hoe een aandoening ontstaat, bijvoorbeeld overbelasting of verzwakking van de bekkenbodem.',
  fields: [
    titleField('Kort label van de oorzaak voor lijsten in de Studio en voor zoekmachines, bijvoorbeeld "Overbelasting". Patiënten lezen de uitleg hieronder, niet dit label.'),
    slugField(),
    plainTextField({
      name: 'description',
      title: 'Uitleg',
      required: true,
      description: 'De oorzaak zoals de tekst hem uitlegt, met de voorbeelden erbij. Dit staat op de pagina; herhaal het label er niet boven.',
    }),
    referenceListField({
      name: 'riskFactors',
      title: 'Risicofactoren',
      to: 'riskFactor',
      label: 'risicofactor',
      description: 'De voorbeelden die bij deze oorzaak horen, in de volgorde van de tekst.',
    }),
    additionsField(),
  ],
  preview: {
    // A preview selects fields, not whole arrays: the titles of the first risk factors, one path each (a reference is followed for its title).
    select: {title: 'title', r0: 'riskFactors.0.title', r1: 'riskFactors.1.title', r2: 'riskFactors.2.title', r3: 'riskFactors.3.title', r4: 'riskFactors.4.title'},
    prepare: ({title, ...riskFactors}: {title?: string; r0?: string; r1?: string; r2?: string; r3?: string; r4?: string}) => {
      const names = Object.values(riskFactors).filter((name): name is string => typeof name === 'string' && name !== '')
      const shown = names.slice(0, 2).join(', ')
      // Five titles are selected, so with five there may be more.
      const more = names.length === 5 ? '3 of meer' : String(names.length - 2)
      return {
        title: title ?? 'Oorzaak zonder titel',
        subtitle: names.length === 0 ? 'Geen risicofactoren' : names.length > 2 ? `${shown} en nog ${more}` : shown,
      }
    },
  },
})
