import type {Cause, Condition, ConditionGroup, RiskFactor, Symptom} from '../../sanity.types'
import {editorial, paragraph, passage, ref, richText, singleRef, subheading, type DraftOf} from '../draft'
import {addressable, leafletSources, medicalCode, pendingReview, seedReview, symptom} from './shared'

export const verzakkingenGroup: DraftOf<ConditionGroup> = {
  ...addressable('conditionGroup', 'verzakkingen', passage('Verzakkingen')),
  order: editorial(1),
}

function riskFactor(slug: string, title: string): DraftOf<RiskFactor> {
  return {_id: `riskFactor-${slug}`, _type: 'riskFactor', title: passage(title)}
}

export const verzakkingRiskFactors: DraftOf<RiskFactor>[] = [
  riskFactor('adipositas', 'adipositas'),
  riskFactor('chronisch-hoesten', 'chronisch hoesten'),
  riskFactor('zware-arbeid', 'zware arbeid'),
  riskFactor('zwangerschap-en-bevallingen', 'zwangerschap en bevallingen'),
  riskFactor('neurologische-beschadiging', 'neurologische beschadiging'),
  riskFactor('rupturen', 'rupturen'),
  riskFactor('aangeboren-zwakheid-van-spieren-bindweefsel', 'aangeboren zwakheid van spieren/bindweefsel'),
  riskFactor('klachten-lage-rug-en-bekken', 'klachten lage rug en bekken'),
  riskFactor('verminderde-hormoonproductie-na-de-overgang', 'verminderde hormoonproductie na de overgang'),
]

/**
 * Each cause is one list item of the text: the item is the description, the
 * title a short editorial label for lists in the Studio and structured data,
 * so that a page can show the item once instead of a title that repeats it.
 */
export const verzakkingCauses: DraftOf<Cause>[] = [
  {
    ...addressable('cause', 'overbelasting', editorial('Overbelasting')),
    description: passage('overbelasting van de bekkenbodem en banden', 'zwangerschap en bevallingen)'),
    riskFactors: [ref('riskFactor-adipositas'), ref('riskFactor-chronisch-hoesten'), ref('riskFactor-zware-arbeid'), ref('riskFactor-zwangerschap-en-bevallingen')],
  },
  {
    ...addressable('cause', 'verzwakking', editorial('Verzwakking')),
    description: passage('verzwakking van de bekkenbodem', 'klachten lage rug en bekken)'),
    riskFactors: [
      ref('riskFactor-neurologische-beschadiging'),
      ref('riskFactor-rupturen'),
      ref('riskFactor-aangeboren-zwakheid-van-spieren-bindweefsel'),
      ref('riskFactor-klachten-lage-rug-en-bekken'),
    ],
  },
  {
    ...addressable('cause', 'veroudering', editorial('Veroudering')),
    description: passage('veroudering (verminderde hormoonproductie', 'na de overgang).'),
    riskFactors: [ref('riskFactor-verminderde-hormoonproductie-na-de-overgang')],
  },
  {
    ...addressable('cause', 'combinatie', editorial('Combinatie')),
    description: passage('Combinatie van deze factoren'),
  },
]

/** The complaints named in the symptom sentences, in the order of the text. */
export const verzakkingSymptoms: DraftOf<Symptom>[] = [
  symptom('zwaar-gevoel-in-de-onderbuik-of-rug', 'zwaar gevoel in de onderbuik of rug', 'pressure'),
  symptom('balgevoel', 'balgevoel', 'pressure'),
  symptom('moeite-met-uitplassen', 'moeite met uitplassen', 'bladder', {bodyParts: ['bodyPart-blaas']}),
  symptom('urine-incontinentie', 'urine incontinentie', 'bladder', {bodyParts: ['bodyPart-blaas']}),
  symptom('recidiverende-blaasontstekingen', 'recidiverende blaasontstekingen', 'bladder', {bodyParts: ['bodyPart-blaas']}),
  symptom('frequent-toiletbezoek', 'frequent toilet bezoek', 'bladder', {bodyParts: ['bodyPart-blaas']}),
  symptom('obstipatie', 'obstipatie', 'bowel', {bodyParts: ['bodyPart-darmen']}),
  symptom('incontinentie-voor-windjes-of-ontlasting', 'incontinentie voor windjes of ontlasting', 'bowel', {bodyParts: ['bodyPart-darmen']}),
  symptom('frequente-of-loze-aandrang', 'frequente of loze aandrang', 'bowel', {bodyParts: ['bodyPart-darmen']}),
  symptom('pijn-en-of-problemen-met-vrijen', 'pijn en/of problemen met vrijen', 'painAndSex'),
]

export const verzakking: DraftOf<Condition> = {
  ...addressable('condition', 'verzakking', editorial('Verzakking')),
  alternativeNames: [passage('Verzakking van de baarmoeder/blaas/endeldarm')],
  group: singleRef('conditionGroup-verzakkingen'),
  summary: passage('Een verzakking ontstaat door zwakte', 'op de plaats houden).'),
  description: richText(
    'description',
    subheading(passage('Hoe ontstaat een verzakking?')),
    paragraph(passage('Een verzakking ontstaat door zwakte', 'op de plaats houden).')),
    paragraph(passage('De blaas, de baarmoeder of de darm', 'naar het betreffende orgaan.')),
  ),
  // The sentence that introduces the list of causes stays with that list.
  causesIntroduction: passage('Het ontstaan van een verzakking kan verschillende oorzaken hebben:'),
  causes: verzakkingCauses.map((cause) => ref(cause._id as `cause-${string}`)),
  symptomsDescription: richText(
    'symptoms',
    paragraph(passage('Verzakkingsklachten kunnen bestaan uit', 'in de loop van de dag.')),
    paragraph(passage('Verzakkingsklachten kunnen gepaard gaan', 'problemen met vrijen.')),
    paragraph(passage('De bekkenbodem, de blaas, de darmen en de schede', 'verschillende klachten voor.')),
  ),
  symptoms: verzakkingSymptoms.map((item) => ref(item._id as `symptom-${string}`)),
  bodyParts: [ref('bodyPart-bekkenbodem'), ref('bodyPart-blaas'), ref('bodyPart-baarmoeder'), ref('bodyPart-darmen')],
  prevalence: {
    _type: 'prevalence',
    statement: passage('Bijna 50% van alle vrouwen', 'een verzakking.'),
    // The leaflet names no source for the figure.
    valueReview: pendingReview,
    percentage: editorial(50),
    qualifier: 'almost',
    population: editorial('vrouwen'),
    period: 'lifetime',
  },
  whenToSeekHelp: richText(
    'help',
    paragraph(passage('Als de klachten het normale dagelijkse functioneren', 'uitkomst bieden.')),
    paragraph(passage('Veel vrouwen hebben het gevoel', 'voor bekkenbodemproblemen.')),
  ),
  treatments: [{_key: 'treatment-bekkenfysiotherapie', _type: 'conditionTreatment', treatment: singleRef('treatment-bekkenfysiotherapie')}],
  codes: [medicalCode('ICD-10', '2019', 'N81')],
  sources: leafletSources,
  review: seedReview,
}
