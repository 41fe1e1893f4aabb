import {defineField, defineType} from 'sanity'
import {additionsField} from '../fields/additions'
import {ActivityIcon} from '@sanity/icons'
import {slugField, titleField, richTextField} from '../fields/common'
import {referenceListField} from '../fields/references'

export const treatment = defineType({
  name: 'treatment',
  title: 'Behandeling',
  type: 'document',
  icon: ActivityIcon,
  description: 'Een behandeling, zoals bekkenfysiotherapie, met haar onderdelen en verloop. Wat ze per aandoening wil bereiken staat bij de aandoening.',
  fields: [
    titleField('De naam van de behandeling, bijvoorbeeld "Bekkenfysiotherapeutische behandeling".'),
    slugField(),
    richTextField({
      name: 'description',
      title: 'Uitleg',
      description: 'Hoe de behandeling in het algemeen gaat: onderzoek, behandelplan, voor wie.',
      required: true,
    }),
    referenceListField({
      name: 'components',
      title: 'Onderdelen',
      to: 'treatmentComponent',
      label: 'onderdeel',
      required: true,
      description: 'Waar de behandeling uit bestaat. De volgorde hier is de volgorde op de pagina.',
    }),
    richTextField({
      name: 'course',
      title: 'Verloop',
      description: 'Hoe vaak en hoe lang: bijvoorbeeld eerst wekelijks, daarna minder vaak.',
    }),
    defineField({
      name: 'provider',
      title: 'Zorgverlener',
      type: 'string',
      description: 'Wie de behandeling geeft, bijvoorbeeld "bekkenfysiotherapeut".',
      validation: (rule) => rule.required().error('Vul in wie de behandeling geeft.'),
    }),
    referenceListField({
      name: 'sources',
      title: 'Bronnen',
      to: 'source',
      label: 'bron',
      required: true,
      description: 'Waar de tekst vandaan komt. Elke behandeling heeft ten minste één bron.',
    }),
    defineField({
      name: 'review',
      title: 'Controle',
      type: 'review',
      description:
        'Of een zorgverlener de tekst medisch heeft gecontroleerd, door wie en wanneer dat weer moet. Staat direct onder de titel van de pagina; zolang niemand de tekst heeft gecontroleerd, staat er "Nog niet medisch gecontroleerd".',
      validation: (rule) => rule.required().error('Vul de controlegegevens in.'),
    }),
    additionsField(),
  ],
  preview: {
    select: {title: 'title', provider: 'provider', components: 'components'},
    prepare: ({title, provider, components}: {title?: string; provider?: string; components?: unknown[]}) => ({
      title: title ?? 'Behandeling zonder titel',
      subtitle: [provider, `${components?.length ?? 0} onderdelen`].filter(Boolean).join(' · '),
    }),
  },
})
