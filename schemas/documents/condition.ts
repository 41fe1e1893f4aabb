import {defineArrayMember, defineField, defineType} from 'sanity'
import {additionsField} from '../fields/additions'
import {DocumentTextIcon} from '@sanity/icons'
import {characterCountInput} from '../studio/characterCountInput'
import {plainTextField, slugField, titleField, richTextField} from '../fields/common'
import {referenceListField} from '../fields/references'
import {referenceMustBeOfType, referenceMustNotBeSelf} from '../rules/references'
import {warnOnLongSentences} from '../rules/textRules'

/** Long enough for one plain sentence in a card or search result, short enough to read at a glance. */
export const SUMMARY_MAX_LENGTH = 200

export const condition = defineType({
  name: 'condition',
  title: 'Aandoening',
  type: 'document',
  icon: DocumentTextIcon,
  description: 'Een aandoening zoals een verzakking, vaginisme of dyspareunie: de pagina die een patiënt leest.',
  groups: [
    {name: 'text', title: 'Tekst'},
    {name: 'links', title: 'Verbanden'},
    {name: 'meta', title: 'Codes, bronnen en controle'},
  ],
  fields: [
    titleField('De naam van de aandoening in gewone taal, bijvoorbeeld "Verzakking".'),
    slugField(),
    defineField({
      name: 'alternativeNames',
      title: 'Andere namen',
      type: 'array',
      of: [defineArrayMember({type: 'string'})],
      description: 'Andere namen of vaktermen waaronder patiënten de aandoening kennen. Zoeken vindt ook deze namen.',
      options: {layout: 'tags'},
      validation: (rule) => rule.unique(),
    }),
    defineField({
      name: 'spellingVariants',
      title: 'Andere schrijfwijzen',
      type: 'array',
      of: [defineArrayMember({type: 'string'})],
      description:
        'Dezelfde naam anders geschreven, bijvoorbeeld "dyspareünie" naast "dyspareunie". Geen tweede naam: die hoort bij "Andere namen". Zoeken vindt ook deze schrijfwijzen.',
      options: {layout: 'tags'},
      validation: (rule) => rule.unique(),
    }),
    defineField({
      name: 'group',
      title: 'Onderwerp',
      type: 'reference',
      to: [{type: 'conditionGroup'}],
      description: 'Onder welk onderwerp de aandoening in de lijst staat.',
      validation: (rule) => [rule.required().error('Kies een onderwerp.'), referenceMustBeOfType(rule, ['conditionGroup'], 'onderwerp')],
    }),
    defineField({
      name: 'parent',
      title: 'Soort van',
      type: 'reference',
      to: [{type: 'condition'}],
      description: 'Alleen voor een soort van een andere aandoening, zoals een blaasverzakking bij "Verzakking". Anders leeg laten.',
      validation: (rule) => [referenceMustBeOfType(rule, ['condition'], 'aandoening'), referenceMustNotBeSelf(rule)],
    }),
    defineField({
      name: 'summary',
      title: 'Samenvatting',
      type: 'text',
      rows: 3,
      group: 'text',
      description: `Eén of twee korte zinnen voor overzichten en zoekresultaten. Hoogstens ${SUMMARY_MAX_LENGTH} tekens, zonder opmaak.`,
      components: {input: characterCountInput(SUMMARY_MAX_LENGTH)},
      validation: (rule) => [
        rule.required().error('Schrijf een korte samenvatting.'),
        rule.max(SUMMARY_MAX_LENGTH).error(`De samenvatting mag hoogstens ${SUMMARY_MAX_LENGTH} tekens lang zijn.`),
        warnOnLongSentences(rule),
      ],
    }),
    richTextField({
      name: 'description',
      title: 'Wat is het en hoe ontstaat het',
      group: 'text',
      description: 'Wat de aandoening is en hoe ze ontstaat. Een tussenkop mag, bijvoorbeeld "Hoe ontstaat een verzakking?".',
      required: true,
    }),
    plainTextField({
      name: 'causesIntroduction',
      title: 'Inleiding op de oorzaken',
      group: 'text',
      rows: 2,
      description: 'De zin die de lijst met oorzaken inleidt, zoals de tekst hem geeft, bijvoorbeeld "… kan verschillende oorzaken hebben:". Staat direct boven de lijst.',
    }),
    referenceListField({
      name: 'causes',
      group: 'links',
      title: 'Oorzaken',
      to: 'cause',
      label: 'oorzaak',
      description: 'De oorzaken in de volgorde waarin de tekst ze noemt. Elke oorzaak heeft haar eigen risicofactoren.',
    }),
    richTextField({
      name: 'symptomsDescription',
      title: 'Klachten (tekst)',
      group: 'text',
      description: 'De lopende tekst over de klachten. De losse klachten kies je hieronder.',
    }),
    referenceListField({
      name: 'symptoms',
      group: 'links',
      title: 'Klachten',
      to: 'symptom',
      label: 'klacht',
      description: 'De klachten die bij deze aandoening horen, in de volgorde van de tekst. Hiermee kunnen patiënten op klacht zoeken.',
    }),
    referenceListField({
      name: 'bodyParts',
      group: 'links',
      title: 'Lichaamsdelen',
      to: 'bodyPart',
      label: 'lichaamsdeel',
      description: 'De lichaamsdelen waar de aandoening over gaat.',
    }),
    defineField({
      name: 'prevalence',
      title: 'Hoe vaak komt het voor',
      type: 'prevalence',
      group: 'text',
      description: 'Alleen invullen als de bron zegt hoe vaak de aandoening voorkomt.',
    }),
    richTextField({
      name: 'whenToSeekHelp',
      title: 'Wanneer hulp zoeken',
      group: 'text',
      description: 'Wanneer een behandeling zinvol is en wanneer iemand contact opneemt met een zorgverlener.',
    }),
    defineField({
      name: 'treatments',
      title: 'Behandelingen',
      type: 'array',
      group: 'links',
      of: [defineArrayMember({type: 'conditionTreatment'})],
      description: 'De behandelingen voor deze aandoening, elk met het doel dat de behandeling hier heeft.',
    }),
    defineField({
      name: 'related',
      title: 'Verwante aandoeningen',
      type: 'array',
      group: 'links',
      of: [defineArrayMember({type: 'relatedCondition'})],
      description: 'Aandoeningen die op deze lijken, met het verschil. Bijvoorbeeld vaginisme bij dyspareunie.',
    }),
    defineField({
      name: 'codes',
      title: 'Medische codes',
      type: 'array',
      group: 'meta',
      of: [defineArrayMember({type: 'medicalCode'})],
      description:
        'Codes uit WHO ICD-10 of een ander systeem, alle uit hetzelfde systeem. Voor zoekmachines en koppelingen; patiënten zien ze klein onderaan, pas na een medische controle van de code.',
      validation: (rule) =>
        rule.custom((codes: Array<{system?: string}> | undefined) => {
          const systems = new Set((codes ?? []).map((code) => code.system).filter(Boolean))
          return systems.size > 1 ? `Codes op één pagina komen uit één systeem; nu uit ${[...systems].join(' en ')}.` : true
        }),
    }),
    referenceListField({
      name: 'sources',
      group: 'meta',
      title: 'Bronnen',
      to: 'source',
      label: 'bron',
      required: true,
      description: 'Waar de tekst vandaan komt. Elke aandoening heeft ten minste één bron.',
    }),
    defineField({
      name: 'review',
      title: 'Controle',
      type: 'review',
      group: 'meta',
      description:
        'Of een zorgverlener de tekst medisch heeft gecontroleerd, door wie en wanneer dat weer moet. Staat direct onder de titel van de pagina; zolang niemand de tekst heeft gecontroleerd, staat er "Nog niet medisch gecontroleerd".',
      validation: (rule) => rule.required().error('Vul de controlegegevens in.'),
    }),
    additionsField({group: 'meta'}),
  ],
  preview: {
    select: {title: 'title', group: 'group.title', parent: 'parent.title', lastReviewed: 'review.lastReviewed'},
    // The date of the last check, not a verdict: whether the text changed since is for the badge, which sees the published version.
    prepare: ({title, group, parent, lastReviewed}: {title?: string; group?: string; parent?: string; lastReviewed?: string}) => ({
      title: title ?? 'Aandoening zonder titel',
      subtitle: [
        parent ? `Soort ${parent.toLowerCase()}` : null,
        group ?? 'Nog geen onderwerp',
        lastReviewed ? `laatste controle ${lastReviewed}` : 'Nog niet medisch gecontroleerd',
      ]
        .filter(Boolean)
        .join(' · '),
    }),
  },
})
