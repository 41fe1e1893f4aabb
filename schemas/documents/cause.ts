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
    select: {title: 'title', riskFactors: 'riskFactors', first: 'riskFactors.0.title', second: 'riskFactors.1.title'},
    prepare: ({title, riskFactors, first, second}: {title?: string; riskFactors?: unknown[]; first?: string; second?: string}) => {
      const count = riskFactors?.length ?? 0
      const names = [first, second].filter(Boolean).join(', ')
      return {
        title: title ?? 'Oorzaak zonder titel',
        subtitle: count === 0 ? 'Geen risicofactoren' : `${names}${count > 2 ? ` en nog ${count - 2}` : ''}`,
      }
    },
  },
})
