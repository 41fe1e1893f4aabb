import {defineField, defineType} from 'sanity'
import {EditIcon} from '@sanity/icons'

/**
 * One value of a document that the editors added: it is not in the source
 * (a short label, a title, a slug, a code, a date). The page marks such a
 * value, so that a patient can tell it from the text of the leaflet.
 */
export const editorialAddition = defineType({
  name: 'editorialAddition',
  title: 'Toevoeging van de redactie',
  type: 'object',
  icon: EditIcon,
  fields: [
    defineField({
      name: 'path',
      title: 'Veld',
      type: 'string',
      description: 'Welk veld de redactie heeft toegevoegd of geschreven, bijvoorbeeld "title" of "codes[0].code". De pagina markeert de waarde van dit veld met een *.',
      validation: (rule) => rule.required().error('Geef het veld van de toevoeging.'),
    }),
    defineField({
      name: 'note',
      title: 'Toelichting',
      type: 'text',
      rows: 2,
      description: 'Voor de redactie: waarom of waaruit deze waarde is toegevoegd. Patiënten zien dit niet.',
    }),
  ],
  preview: {
    select: {title: 'path', subtitle: 'note'},
    prepare: ({title, subtitle}: {title?: string; subtitle?: string}) => ({title: title ?? 'Veld', subtitle: subtitle ?? 'Toegevoegd door de redactie'}),
  },
})
