import {defineArrayMember, defineField} from 'sanity'

/** The values of the document that are not from the source, so that pages and the Studio can mark them. */
export function additionsField(options: {group?: string} = {}) {
  return defineField({
    name: 'additions',
    title: 'Toevoegingen van de redactie',
    type: 'array',
    group: options.group,
    of: [defineArrayMember({type: 'editorialAddition'})],
    description:
      'De velden die niet uit de bron komen maar door de redactie zijn geschreven, zoals een kort label of een code. De pagina zet er een * achter en legt uit wat dat betekent. Voeg een veld toe als je een tekst schrijft die niet in de bron staat.',
    validation: (rule) => rule.unique(),
  })
}
