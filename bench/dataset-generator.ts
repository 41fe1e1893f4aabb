/**
 * Synthetic datasets in the shape of the content model, for benchmarks and
 * the differential test: every type, every reference list, rich text, a few
 * drafts. A condition page resolves about twenty references, as in the seed.
 */

export interface SyntheticDocument {
  _id: string
  _type: string
  [field: string]: unknown
}

/** Share of each type in the dataset; conditions carry the references. */
const SHARES = {
  conditionGroup: 0.01,
  condition: 0.1,
  cause: 0.1,
  riskFactor: 0.15,
  symptom: 0.2,
  bodyPart: 0.04,
  treatment: 0.05,
  treatmentComponent: 0.15,
  source: 0.19,
} as const

const WORDS = ['bekkenbodem', 'blaas', 'darm', 'pijn', 'druk', 'spanning', 'dyspareünie', 'verzakking', 'oefening', 'houding', 'überbelasting', 'vrijen']

/** A small deterministic generator, so that every run builds the same dataset. */
function random(seed: number): () => number {
  let state = seed >>> 0
  return () => {
    state = (state + 0x6d2b79f5) >>> 0
    let t = state
    t = Math.imul(t ^ (t >>> 15), t | 1)
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61)
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296
  }
}

export function generateDataset(size: number, seed = 1): SyntheticDocument[] {
  const next = random(seed)
  const pick = <Item>(items: readonly Item[]): Item => items[Math.floor(next() * items.length)] as Item
  const pickMany = <Item>(items: readonly Item[], count: number): Item[] => {
    const chosen = new Set<Item>()
    while (chosen.size < Math.min(count, items.length)) chosen.add(pick(items))
    return [...chosen]
  }
  let keys = 0
  const key = () => `k${(keys++).toString(36)}`
  const sentence = () => `${pick(WORDS)} ${pick(WORDS)} en ${pick(WORDS)}.`
  const richText = (paragraphs: number) =>
    Array.from({length: paragraphs}, () => ({
      _type: 'block',
      _key: key(),
      style: 'normal',
      markDefs: [],
      children: [{_type: 'span', _key: key(), text: sentence(), marks: []}],
    }))
  const ref = (id: string) => ({_type: 'reference', _ref: id, _key: key()})
  const count = (type: keyof typeof SHARES) => Math.max(1, Math.round(size * SHARES[type]))
  const ids = (type: keyof typeof SHARES) => Array.from({length: count(type)}, (_, index) => `${type}.${type.toLowerCase()}-${index}`)
  const slug = (id: string) => ({_type: 'slug', current: id.slice(id.indexOf('.') + 1)})

  const groupIds = ids('conditionGroup')
  const conditionIds = ids('condition')
  const causeIds = ids('cause')
  const riskFactorIds = ids('riskFactor')
  const symptomIds = ids('symptom')
  const bodyPartIds = ids('bodyPart')
  const treatmentIds = ids('treatment')
  const componentIds = ids('treatmentComponent')
  const sourceIds = ids('source')
  const categories = ['pressure', 'bladder', 'bowel', 'painAndSex', 'muscleTension'] as const

  const documents: SyntheticDocument[] = [
    ...groupIds.map((_id, index) => ({_id, _type: 'conditionGroup', title: `Onderwerp ${index} ${pick(WORDS)}`, slug: slug(_id), order: index, intro: richText(1)})),
    ...bodyPartIds.map((_id, index) => ({_id, _type: 'bodyPart', title: `${pick(WORDS)} ${index}`})),
    ...riskFactorIds.map((_id, index) => ({_id, _type: 'riskFactor', title: `risicofactor ${index} ${pick(WORDS)}`})),
    ...causeIds.map((_id, index) => ({
      _id,
      _type: 'cause',
      title: `Oorzaak ${index}`,
      slug: slug(_id),
      description: sentence(),
      riskFactors: pickMany(riskFactorIds, 2).map(ref),
    })),
    ...symptomIds.map((_id, index) => ({
      _id,
      _type: 'symptom',
      title: `klacht ${index} ${pick(WORDS)}`,
      slug: slug(_id),
      ...(next() < 0.5 ? {description: sentence()} : {}),
      category: pick(categories),
      bodyParts: pickMany(bodyPartIds, 1).map(ref),
    })),
    ...componentIds.map((_id, index) => ({_id, _type: 'treatmentComponent', title: `Onderdeel ${index}`, description: sentence()})),
    ...treatmentIds.map((_id, index) => ({
      _id,
      _type: 'treatment',
      title: `Behandeling ${index} ${pick(WORDS)}`,
      slug: slug(_id),
      description: richText(2),
      components: pickMany(componentIds, 4).map(ref),
      course: richText(1),
      provider: 'bekkenfysiotherapeut',
    })),
    ...sourceIds.map((_id, index) => ({_id, _type: 'source', title: `Bron ${index}`, publisher: 'Praktijk', date: '2024-05-01'})),
    ...conditionIds.map((_id, index) => ({
      _id,
      _type: 'condition',
      title: `Aandoening ${index} ${pick(WORDS)}`,
      slug: slug(_id),
      alternativeNames: [`${pick(WORDS)} ${index}`],
      group: ref(pick(groupIds)),
      summary: sentence(),
      description: richText(3),
      causes: pickMany(causeIds, 2).map(ref),
      symptomsDescription: richText(2),
      symptoms: pickMany(symptomIds, 5).map(ref),
      bodyParts: pickMany(bodyPartIds, 2).map(ref),
      prevalence: {
        _type: 'prevalence',
        statement: `Ongeveer ${index % 90}% van de vrouwen.`,
        percentage: index % 90,
        qualifier: 'about',
        population: 'vrouwen',
        period: 'lifetime',
      },
      whenToSeekHelp: richText(1),
      treatments: [{_type: 'conditionTreatment', _key: key(), treatment: ref(pick(treatmentIds)), goals: richText(1)}],
      related: [{_type: 'relatedCondition', _key: key(), condition: ref(pick(conditionIds)), distinction: richText(1)}],
      codes: [{_type: 'medicalCode', _key: key(), system: 'ICD-10', code: `N${80 + (index % 20)}`}],
      sources: pickMany(sourceIds, 2).map(ref),
      review: {_type: 'review', status: 'medicallyReviewed', lastReviewed: '2025-01-01', nextReview: '2028-01-01', reviewedBy: 'J. Jansen', reviewerRole: 'bekkenfysiotherapeut'},
    })),
  ]
  // A draft for one condition in a hundred, so that perspectives have something to hide.
  const drafts = documents
    .filter((document, index) => document._type === 'condition' && index % 100 === 0)
    .map((document) => ({...document, _id: `drafts.${document._id}`, summary: 'Concept.'}))
  // Interleave types, as an export of a real dataset would.
  return [...documents, ...drafts].sort((a, b) => (a._id < b._id ? -1 : a._id > b._id ? 1 : 0))
}

/** Slugs of documents of one type, for picking query parameters. */
export function slugsOf(documents: readonly SyntheticDocument[], type: string): string[] {
  return documents.filter((document) => document._type === type && !document._id.startsWith('drafts.')).map((document) => (document.slug as {current: string}).current)
}
