import {defineArrayMember, defineType} from 'sanity'

/**
 * Portable Text with only what the patient texts need: paragraphs, one level of
 * sub-heading, bullet lists, and emphasis. No links, images or colours, so
 * that every frontend can render every text the same way. Fields of this
 * type are declared with richTextField, which adds the B1 sentence check.
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
        decorators: [{title: 'Nadruk', value: 'em'}],
        annotations: [],
      },
    }),
  ],
})
