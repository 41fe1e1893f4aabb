import {defineField, defineType} from 'sanity'
import {TagIcon} from '@sanity/icons'

export const MEDICAL_CODE_SYSTEMS = ['ICD-10', 'ICD-10-CM', 'ICD-11', 'SNOMED CT'] as const

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
      description: 'ICD-10 is de WHO-versie die in Nederland wordt gebruikt; ICD-10-CM is de Amerikaanse uitbreiding.',
      options: {list: MEDICAL_CODE_SYSTEMS.map((system) => ({title: system, value: system})), layout: 'radio', direction: 'horizontal'},
      validation: (rule) => rule.required().error('Kies het codesysteem.'),
    }),
    defineField({
      name: 'code',
      title: 'Code',
      type: 'string',
      description: 'De code zoals het systeem hem schrijft, bijvoorbeeld "N81" of "N94.2".',
      validation: (rule) => rule.required().error('Vul de code in.'),
    }),
  ],
  preview: {
    select: {system: 'system', code: 'code'},
    prepare: ({system, code}: {system?: string; code?: string}) => ({title: code ?? 'Code', subtitle: system}),
  },
})
