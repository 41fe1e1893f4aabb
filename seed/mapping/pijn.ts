import type {Cause, Condition, ConditionGroup, RiskFactor, Symptom} from '../../sanity.types'
import {bullet, editorial, paragraph, passage, ref, richText, singleRef, subheading, weakRef, type DraftOf} from '../draft'
import {addressable, leafletSources, medicalCode, seedReview, symptom} from './shared'

const pijnGroupIdentity = addressable('conditionGroup', 'pijn-onderbuik-geslachtsdelen', passage('Pijn in de onderbuik, of rond de geslachtsdelen (vaginisme & dyspareunie)'))

export const pijnGroup: DraftOf<ConditionGroup> = {
  ...pijnGroupIdentity,
  order: editorial(2),
}

const treatmentRef = singleRef('treatment-bekkenfysiotherapie')

/** The four list items under "Klachten rond vagina"; each is also a complaint of its own. */
const vvsItems = {
  brandend: passage('Brandende schrijnende pijn', 'het gebied rond de vagina'),
  plekjes: passage('Voor druk gevoelige rode plekjes', 'het dragen van strakke broeken'),
  spanning: passage('Als gevolg hiervan een verhoogde spanning', 'op de bekkenbodemspieren'),
  napijn: passage('Veelvuldig voorkomen van “napijn” na seksueel contact', 'kan optreden na plassen'),
}

export const vvsSymptoms: DraftOf<Symptom>[] = [
  // A label keeps where the complaint is: the item's own words, or an editorial label where its words are too far apart.
  symptom('brandende-schrijnende-pijn', editorial('Brandende schrijnende pijn rond de vagina'), 'painAndSex', {
    description: vvsItems.brandend,
    bodyParts: ['bodyPart-gebied-rond-de-vagina'],
  }),
  symptom('rode-plekjes-rond-de-vagina', 'Voor druk gevoelige rode plekjes rond de vagina', 'painAndSex', {
    description: vvsItems.plekjes,
    bodyParts: ['bodyPart-gebied-rond-de-vagina'],
  }),
  symptom('verhoogde-spanning-bekkenbodemspieren', 'verhoogde spanning op de bekkenbodemspieren', 'muscleTension', {
    description: vvsItems.spanning,
    bodyParts: ['bodyPart-bekkenbodem'],
  }),
  symptom('napijn-na-seksueel-contact', editorial('Napijn na seksueel contact'), 'painAndSex', {
    description: vvsItems.napijn,
    bodyParts: ['bodyPart-gebied-rond-de-vagina'],
  }),
]

export const vulvairVestibulitisSyndroom: DraftOf<Condition> = {
  ...addressable('condition', 'vulvair-vestibulitis-syndroom', editorial('Vulvair vestibulitis syndroom')),
  alternativeNames: [passage('VVS'), passage('focale vulvitis')],
  group: singleRef(pijnGroupIdentity._id),
  summary: passage('VVS; vulvair vestibulitis syndroom of focale vulvitis.'),
  // The leaflet says what VVS is by the picture it gives: the name line, then "a common picture in women with complaints such as:" and the list.
  description: richText(
    'description',
    subheading(passage('Klachten rond vagina')),
    paragraph(passage('VVS; vulvair vestibulitis syndroom of focale vulvitis.')),
    paragraph(passage('Dit is een regelmatig voorkomend beeld', 'met klachten als:')),
    bullet(vvsItems.brandend),
    bullet(vvsItems.plekjes),
    bullet(vvsItems.spanning),
    bullet(vvsItems.napijn),
  ),
  symptoms: vvsSymptoms.map((item) => ref(item._id as `symptom-${string}`)),
  bodyParts: [ref('bodyPart-gebied-rond-de-vagina'), ref('bodyPart-bekkenbodem')],
  treatments: [
    {
      _key: 'treatment-bekkenfysiotherapie',
      _type: 'conditionTreatment',
      treatment: treatmentRef,
      goals: richText('goals', paragraph(passage('Bekkenfysiotherapeutische behandeling heeft als doel', 'gezonde leefregels voor de bekkenbodem'))),
    },
  ],
  codes: [medicalCode('ICD-10-CM', '2025', 'N94.810')],
  sources: leafletSources,
  review: seedReview,
}

export const angst: DraftOf<RiskFactor> = {
  _id: 'riskFactor-angst',
  _type: 'riskFactor',
  title: passage('angst'),
}

export const psychologischeOorzaken: DraftOf<Cause> = {
  ...addressable('cause', 'psychologische-oorzaken', editorial('Psychologische oorzaken')),
  description: passage('De belangrijkste oorzaken van vaginisme', 'uiteenlopende gebeurtenissen.'),
  riskFactors: [ref('riskFactor-angst')],
}

/**
 * The complaints the text names for vaginisme and dyspareunie: the pain in
 * the group's heading, and for vaginisme what its description says happens.
 * The text has them only inside a sentence, so a complaint that the sentence's
 * words do not name on their own gets an editorial title.
 */
export const pijnSymptom: DraftOf<Symptom> = symptom('pijn-in-de-onderbuik-of-rond-de-geslachtsdelen', 'Pijn in de onderbuik, of rond de geslachtsdelen', 'painAndSex', {
  bodyParts: ['bodyPart-onderbuik', 'bodyPart-geslachtsdelen'],
})

export const vaginismeSymptoms: DraftOf<Symptom>[] = [
  symptom('onwillekeurige-samentrekking-bekkenbodemspieren', 'onwillekeurige samentrekking van de bekkenbodemspieren', 'muscleTension', {
    bodyParts: ['bodyPart-bekkenbodem'],
  }),
  // The sentence names no body part for it.
  symptom('gemeenschap-lukt-niet-is-moeilijk-of-doet-pijn', editorial('Gemeenschap lukt niet, is moeilijk of doet pijn'), 'painAndSex'),
]

/**
 * The closing paragraph of the chapter "vaginisme & dyspareunie" follows both
 * sections, so it is the treatment goal of both conditions.
 */
function pairTreatment() {
  return {
    _key: 'treatment-bekkenfysiotherapie',
    _type: 'conditionTreatment' as const,
    treatment: treatmentRef,
    goals: richText('goals', paragraph(passage('Bekkenfysiotherapeutische behandeling is bewustwording', 'gezonde leefregels voor de bekkenbodem'))),
  }
}

export const vaginisme: DraftOf<Condition> = {
  ...addressable('condition', 'vaginisme', passage('Vaginisme', undefined, {after: '2.Dyspareunie'})),
  group: singleRef(pijnGroupIdentity._id),
  summary: passage('Dit is een onwillekeurige samentrekking', 'of pijn doet.'),
  description: richText('description', paragraph(passage('Dit is een onwillekeurige samentrekking', 'of pijn doet.'))),
  causes: [ref('cause-psychologische-oorzaken')],
  symptoms: [...vaginismeSymptoms, pijnSymptom].map((item) => ref(item._id as `symptom-${string}`)),
  bodyParts: [ref('bodyPart-bekkenbodem')],
  treatments: [pairTreatment()],
  // The leaflet explains the difference under Dyspareunie; that page holds it.
  related: [{_key: 'condition-dyspareunie', _type: 'relatedCondition', condition: weakRef('condition-dyspareunie')}],
  codes: [medicalCode('ICD-10', '2019', 'N94.2')],
  sources: leafletSources,
  review: seedReview,
}

export const dyspareunie: DraftOf<Condition> = {
  ...addressable('condition', 'dyspareunie', passage('Dyspareunie', undefined, {after: 'uiteenlopende gebeurtenissen.'})),
  // Another spelling of the same name, not a second name.
  spellingVariants: [passage('dyspareünie', undefined, {after: 'Het onderscheid met vaginisme'})],
  group: singleRef(pijnGroupIdentity._id),
  summary: passage('Bij dyspareünie ligt de nadruk op de pijn', 'waardoor penetratie niet mogelijk is.'),
  // The section in the leaflet's order: the difference with vaginisme explains the circle that closes it.
  description: richText(
    'description',
    paragraph(passage('Het onderscheid met vaginisme', 'waardoor penetratie niet mogelijk is.')),
    paragraph(passage('Het beantwoorden van de vraag wat eerst aanwezig was', 'is vaak moeilijk.')),
    paragraph(passage('Vaak blijft de pijn bestaan', 'zichzelf in stand houdt.')),
  ),
  symptoms: [ref(pijnSymptom._id as `symptom-${string}`)],
  bodyParts: [ref('bodyPart-bekkenbodem')],
  treatments: [pairTreatment()],
  related: [{_key: 'condition-vaginisme', _type: 'relatedCondition', condition: weakRef('condition-vaginisme')}],
  codes: [medicalCode('ICD-10', '2019', 'N94.1')],
  sources: leafletSources,
  review: seedReview,
}
