import {defineArrayMember, defineField, defineType} from 'sanity'
import {DocumentTextIcon, LinkIcon} from '@sanity/icons'
import {httpsOnly} from '../rules/links'
import {referenceMustBeOfType} from '../rules/references'

/**
 * Portable Text with only what the patient texts need: paragraphs, one level of
 * sub-heading, bullet lists, bold and emphasis, and links: to another
 * condition or treatment, or to a web page over https. No images or colours,
 * so that every frontend can render every text the same way. Fields of this
 * type are declared with richTextField, which adds the B1 sentence check and
 * the check that every link text says where it goes.
 */
export const richText = defineType({
  name: 'richText',
  title: 'Tekst met opmaak',
  type: 'array',
  of: [
    defineArrayMember({
      type: 'block',
      styles: [
        {title: 'Gewone tekst', value: 'normal'},
        {title: 'Tussenkop', value: 'h3'},
      ],
      lists: [{title: 'Opsomming', value: 'bullet'}],
      marks: {
        decorators: [
          {title: 'Vet', value: 'strong'},
          {title: 'Nadruk', value: 'em'},
        ],
        annotations: [
          defineArrayMember({
            name: 'internalLink',
            title: 'Link naar aandoening of behandeling',
            type: 'object',
            icon: DocumentTextIcon,
            fields: [
              defineField({
                name: 'reference',
                title: 'Pagina',
                type: 'reference',
                to: [{type: 'condition'}, {type: 'treatment'}],
                // Weak, like a related condition: a link in a text must not stop the linked page from being unpublished; its words then stay, without the link.
                weak: true,
                description:
                  'De aandoening of behandeling waar de link naartoe gaat. De link blijft werken als het adres van die pagina verandert. Gaat die pagina offline, dan blijven de woorden staan, zonder link.',
                validation: (rule) => [
                  rule.required().error('Kies de aandoening of behandeling.'),
                  referenceMustBeOfType(rule, ['condition', 'treatment'], 'aandoening of behandeling'),
                ],
              }),
            ],
          }),
          defineArrayMember({
            name: 'link',
            title: 'Link naar een website',
            type: 'object',
            icon: LinkIcon,
            fields: [
              defineField({
                name: 'href',
                title: 'Webadres',
                type: 'url',
                description: 'Het volledige adres, beginnend met https://. Maak de link van woorden die zeggen waar hij naartoe gaat, niet van "hier" of van het adres zelf.',
                validation: httpsOnly,
              }),
            ],
          }),
        ],
      },
    }),
  ],
})
