import type {Treatment, TreatmentComponent} from '../../sanity.types'
import {paragraph, passage, ref, richText, type DraftOf} from '../draft'
import {addressable, leafletSources, seedReview} from './shared'

export const treatmentComponents: DraftOf<TreatmentComponent>[] = [
  {
    _id: 'treatmentComponent-voorlichting',
    _type: 'treatmentComponent',
    title: passage('Voorlichting over de plaats en functie', 'de werking van de blaas.'),
    description: passage('Voorlichting over de plaats en functie', 'verergering te voorkomen.'),
  },
  {
    _id: 'treatmentComponent-toiletadvies',
    _type: 'treatmentComponent',
    title: passage('Advies over de juiste toilethouding en gezond toiletgedrag'),
  },
  {
    _id: 'treatmentComponent-bekkenbodemoefeningen',
    _type: 'treatmentComponent',
    title: passage('Oefeningen voor de bekkenbodem'),
  },
  {
    _id: 'treatmentComponent-oefeningen-bij-bekkenklachten',
    _type: 'treatmentComponent',
    title: passage('Oefeningen bij bekkenklachten'),
  },
  {
    _id: 'treatmentComponent-dagelijks-leven',
    _type: 'treatmentComponent',
    title: passage('Het inpassen van de nieuw aangeleerde vaardigheden', 'in het dagelijks leven'),
  },
]

export const bekkenfysiotherapie: DraftOf<Treatment> = {
  ...addressable('treatment', 'bekkenfysiotherapie', passage('Bekkenfysiotherapeutische behandeling', undefined, {after: 'voor bekkenbodemproblemen.'})),
  description: richText(
    'description',
    paragraph(passage('Afhankelijk van de resultaten uit het onderzoek', 'moeten leren ontspannen.')),
    paragraph(passage('De behandeling bestaat over het algemeen uit:')),
  ),
  components: treatmentComponents.map((component) => ref(component._id as `treatmentComponent-${string}`)),
  course: richText('course', paragraph(passage('In het begin gaat u wekelijks', 'afhankelijk van uw aandoening.'))),
  provider: passage('bekkenfysiotherapeut', undefined, {after: 'In het begin gaat u wekelijks naar de'}),
  sources: leafletSources,
  review: seedReview,
}
