import type {DatasetDocument} from '../../seed/validation/datasetClient'

/** Builds one Portable Text paragraph with fixed keys, as editors would produce. */
export function paragraph(text: string, key = 'p1') {
  return {_type: 'block', _key: key, style: 'normal', markDefs: [], children: [{_type: 'span', _key: `${key}s`, text, marks: []}]}
}

function ref(id: string, key?: string) {
  return key ? {_type: 'reference', _ref: id, _key: key} : {_type: 'reference', _ref: id}
}

/** A small, valid dataset with one document of every type, linked the way the real content is. */
export function validDataset(): DatasetDocument[] {
  return [
    {
      _id: 'conditionGroup-verzakkingen',
      _type: 'conditionGroup',
      title: 'Verzakkingen',
      slug: {_type: 'slug', current: 'verzakkingen'},
      order: 1,
      intro: [paragraph('Over verzakkingen.')],
    },
    {_id: 'bodyPart-bekkenbodem', _type: 'bodyPart', title: 'bekkenbodem'},
    {_id: 'riskFactor-adipositas', _type: 'riskFactor', title: 'adipositas'},
    {
      _id: 'cause-overbelasting',
      _type: 'cause',
      title: 'Overbelasting van de bekkenbodem en banden',
      slug: {_type: 'slug', current: 'overbelasting'},
      description: 'overbelasting van de bekkenbodem en banden (zoals adipositas)',
      riskFactors: [ref('riskFactor-adipositas', 'r1')],
    },
    {
      _id: 'symptom-balgevoel',
      _type: 'symptom',
      title: 'balgevoel',
      slug: {_type: 'slug', current: 'balgevoel'},
      category: 'pressure',
      bodyParts: [ref('bodyPart-bekkenbodem', 'b1')],
    },
    {_id: 'treatmentComponent-bekkenbodemoefeningen', _type: 'treatmentComponent', title: 'Oefeningen voor de bekkenbodem'},
    {
      _id: 'treatment-bekkenfysiotherapie',
      _type: 'treatment',
      title: 'Bekkenfysiotherapeutische behandeling',
      slug: {_type: 'slug', current: 'bekkenfysiotherapie'},
      description: [paragraph('Er wordt een persoonlijk behandelplan opgesteld.')],
      components: [ref('treatmentComponent-bekkenbodemoefeningen', 'c1')],
      course: [paragraph('In het begin gaat u wekelijks naar de bekkenfysiotherapeut.')],
      provider: 'bekkenfysiotherapeut',
      sources: [ref('source-folder', 'src1')],
      review: {_type: 'review', nextReview: '2027-02-28'},
    },
    {_id: 'source-folder', _type: 'source', title: 'Folder bekkenbodemproblemen', notes: 'Overgenomen uit de folder.'},
    {
      _id: 'glossaryTerm-obstipatie',
      _type: 'glossaryTerm',
      term: 'obstipatie',
      explanation: 'Verstopping: moeilijk of weinig poepen.',
      valueReview: {_type: 'valueReview', status: 'pending'},
    },
    {_id: 'practice-contact', _type: 'practice', name: 'Praktijk De Linde', phone: '030 123 45 67', address: 'Lindelaan 1\n1234 AB Utrecht'},
    {
      _id: 'condition-verzakking',
      _type: 'condition',
      title: 'Verzakking',
      slug: {_type: 'slug', current: 'verzakking'},
      alternativeNames: ['prolaps'],
      group: ref('conditionGroup-verzakkingen'),
      summary: 'Een verzakking ontstaat door zwakte van het ondersteunende weefsel.',
      description: [paragraph('Een verzakking ontstaat door zwakte van het ondersteunende weefsel.')],
      causes: [ref('cause-overbelasting', 'c1')],
      symptoms: [ref('symptom-balgevoel', 's1')],
      bodyParts: [ref('bodyPart-bekkenbodem', 'b1')],
      prevalence: {
        _type: 'prevalence',
        statement: 'Bijna 50% van alle vrouwen krijgt ooit in haar leven een verzakking.',
        valueReview: {_type: 'valueReview', status: 'approved', reviewedBy: 'J. Jansen, gynaecoloog', reviewedOn: '2026-11-01'},
        percentage: 50,
        qualifier: 'almost',
        population: 'vrouwen',
        period: 'lifetime',
      },
      whenToSeekHelp: [paragraph('Als de klachten het dagelijkse functioneren beïnvloeden kan een behandeling uitkomst bieden.')],
      treatments: [{_type: 'conditionTreatment', _key: 't1', treatment: ref('treatment-bekkenfysiotherapie'), goals: [paragraph('Bewustwording van de bekkenbodem.')]}],
      related: [{_type: 'relatedCondition', _key: 'r1', condition: ref('condition-dyspareunie'), distinction: [paragraph('Een ander beeld.')]}],
      codes: [{_type: 'medicalCode', _key: 'k1', system: 'ICD-10', version: '2019', code: 'N81', valueReview: {_type: 'valueReview', status: 'pending'}}],
      sources: [ref('source-folder', 'src1')],
      review: {
        _type: 'review',
        lastReviewed: '2026-11-01',
        nextReview: '2029-11-01',
        reviewedBy: 'J. Jansen',
        reviewerRole: 'bekkenfysiotherapeut',
        reviewedRevision: 'fixture-revision',
      },
    },
    {
      _id: 'condition-dyspareunie',
      _type: 'condition',
      title: 'Dyspareunie',
      slug: {_type: 'slug', current: 'dyspareunie'},
      group: ref('conditionGroup-verzakkingen'),
      summary: 'Pijn bij het vrijen.',
      description: [paragraph('Vaak blijft de pijn bestaan.')],
      sources: [ref('source-folder', 'src1')],
      review: {
        _type: 'review',
        lastReviewed: '2026-11-01',
        nextReview: '2029-11-01',
        reviewedBy: 'J. Jansen',
        reviewerRole: 'bekkenfysiotherapeut',
        reviewedRevision: 'fixture-revision',
      },
    },
  ]
}

/** The fixture document with this `_id`, deep-copied so a test can change it freely. */
export function documentFrom(dataset: DatasetDocument[], id: string): DatasetDocument {
  const found = dataset.find((document) => document._id === id)
  if (!found) throw new Error(`No fixture document ${id}`)
  return structuredClone(found)
}
