import {defineField, defineType} from 'sanity'
import {TagIcon} from '@sanity/icons'

export const MEDICAL_CODE_SYSTEMS = ['ICD-10', 'ICD-10-CM', 'ICPC-2', 'SNOMED CT'] as const

/** How editors and patients read each system's name: "ICD-10" is the WHO's, not the American ICD-10-CM. */
const SYSTEM_TITLES: Record<(typeof MEDICAL_CODE_SYSTEMS)[number], string> = {
  'ICD-10': 'WHO ICD-10',
  'ICD-10-CM': 'ICD-10-CM (Verenigde Staten)',
  'ICPC-2': 'ICPC-2 (huisartsen)',
  'SNOMED CT': 'SNOMED CT',
}

export const medicalCode = defineType({
  name: 'medicalCode',
  title: 'Medische code',
  type: 'object',
  icon: TagIcon,
  description: 'Een code uit een erkend classificatiesysteem. Vul alleen codes in die in dat systeem zijn nagekeken.',
  fields: [
    defineField({
      name: 'system',
      title: 'Systeem',
      type: 'string',
      description: 'WHO ICD-10 is de versie die in Nederland wordt gebruikt; ICD-10-CM is de Amerikaanse uitbreiding. Codes op één pagina komen uit één systeem.',
      options: {list: MEDICAL_CODE_SYSTEMS.map((system) => ({title: SYSTEM_TITLES[system], value: system})), layout: 'radio', direction: 'horizontal'},
      validation: (rule) => rule.required().error('Kies het codesysteem.'),
    }),
    defineField({
      name: 'version',
      title: 'Versie',
      type: 'string',
      description: 'De versie van het systeem waarin de code is nagekeken, bijvoorbeeld "2019" voor WHO ICD-10 of "2025" voor ICD-10-CM.',
      validation: (rule) => rule.required().error('Vul de versie van het systeem in.'),
    }),
    defineField({
      name: 'code',
      title: 'Code',
      type: 'string',
      description: 'De code zoals het systeem hem schrijft, bijvoorbeeld "N81" of "N94.2".',
      validation: (rule) => rule.required().error('Vul de code in.'),
    }),
    defineField({
      name: 'valueReview',
      title: 'Medische controle',
      type: 'valueReview',
      description: 'Een code komt niet uit de folder. Patiënten en zoekmachines zien hem pas als een zorgverlener hem heeft gecontroleerd.',
      validation: (rule) => rule.required().error('Vul de controle van de code in.'),
    }),
  ],
  preview: {
    select: {system: 'system', version: 'version', code: 'code', status: 'valueReview.status'},
    prepare: ({system, version, code, status}: {system?: string; version?: string; code?: string; status?: string}) => ({
      title: code ?? 'Code',
      subtitle: [system, version, status === 'approved' ? 'gecontroleerd' : 'wacht op controle'].filter(Boolean).join(' · '),
    }),
  },
})
