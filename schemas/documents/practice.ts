import {defineField, defineType} from 'sanity'
import {HomeIcon} from '@sanity/icons'
import {additionsField} from '../fields/additions'

/** The practice's own contact details: the leaflet gives none, so the practice fills them in; an empty field shows nothing. */
export const practice = defineType({
  name: 'practice',
  title: 'Praktijk en contact',
  type: 'document',
  icon: HomeIcon,
  description: 'Hoe patiënten de praktijk bereiken. De pagina\'s tonen een blok "Contact" met wat hier is ingevuld; een leeg veld staat niet op de pagina.',
  fields: [
    defineField({
      name: 'name',
      title: 'Naam van de praktijk',
      type: 'string',
      description: 'Zoals patiënten de praktijk kennen, bijvoorbeeld "Praktijk voor bekkenfysiotherapie De Linde".',
    }),
    defineField({
      name: 'phone',
      title: 'Telefoonnummer',
      type: 'string',
      description: 'Het nummer waarop patiënten de praktijk bellen, bijvoorbeeld "030 123 45 67". Op een telefoon kunnen ze erop tikken om te bellen.',
      validation: (rule) => rule.regex(/^\+?[\d\s()-]{8,20}$/u, {name: 'telefoonnummer'}).error('Schrijf het telefoonnummer met cijfers, spaties of streepjes.'),
    }),
    defineField({
      name: 'address',
      title: 'Adres',
      type: 'text',
      rows: 3,
      description: 'Straat en huisnummer, postcode en plaats, elk op een eigen regel.',
    }),
    defineField({
      name: 'openingHours',
      title: 'Openingstijden',
      type: 'text',
      rows: 4,
      description: 'Wanneer de praktijk open of bereikbaar is, bijvoorbeeld "Maandag tot en met vrijdag 8.00 tot 17.00 uur".',
    }),
    defineField({
      name: 'whenToCall',
      title: 'Wanneer bellen',
      type: 'text',
      rows: 4,
      description:
        'Wanneer patiënten de praktijk bellen, in de woorden van de praktijk zelf, bijvoorbeeld voor een afspraak of een vraag over de behandeling. Alleen wat de praktijk zelf zegt: de redactie schrijft hier geen medisch advies.',
    }),
    additionsField(),
  ],
  preview: {
    select: {title: 'name', phone: 'phone'},
    prepare: ({title, phone}: {title?: string; phone?: string}) => ({title: title ?? 'Praktijk (nog niet ingevuld)', subtitle: phone ?? "Contactgegevens voor de pagina's"}),
  },
})
