import {readFileSync} from 'node:fs'
import {describe, expect, it} from 'vitest'
import {createContentClient, toJsonLd, toPlainText, type ConditionPage} from '../../client/index'
import {SEEDED_DATASET_PATH, seededDatasetSource} from './support/datasets'

const client = createContentClient({dataset: seededDatasetSource()})

// The type of toJsonLd is checked in jsonLd.test-d.ts (by `npm run typecheck`).

interface Reference {
  _ref: string
}

/** A seeded document as stored in the dataset file, read without the client or its queries. */
interface StoredDocument {
  _id: string
  _type: string
  title: string
  slug?: {current: string}
  review?: {lastReviewed?: string}
  causes?: Reference[]
  riskFactors?: Reference[]
  symptoms?: Reference[]
  bodyParts?: Reference[]
  treatments?: Array<{treatment: Reference}>
  codes?: Array<{system: string; code: string; valueReview?: {status: string}}>
  sources?: Reference[]
  prevalence?: {statement: string; valueReview?: {status: string}}
}

const stored = new Map(
  readFileSync(SEEDED_DATASET_PATH, 'utf8')
    .split('\n')
    .filter((line) => line.trim() !== '')
    .map((line) => JSON.parse(line) as StoredDocument)
    .map((document) => [document._id, document]),
)

function storedDocument(id: string): StoredDocument {
  const document = stored.get(id)
  if (!document) throw new Error(`${id} is not in the seeded dataset`)
  return document
}

const titleOf = (reference: Reference) => storedDocument(reference._ref).title
/** How a stored name is shown: its first letter a capital, the rest as stored. Written here, not taken from the client. */
const shown = (name: string) => `${name.charAt(0).toLocaleUpperCase('nl')}${name.slice(1)}`

async function serialisedJsonLd(slug: string, url: string): Promise<Record<string, unknown> & {mainEntity: Record<string, unknown>}> {
  const page = await client.getCondition(slug)
  if (!page) throw new Error(`No page for ${slug}`)
  // What a search engine reads is the serialised form.
  return JSON.parse(JSON.stringify(toJsonLd(page, {url}))) as Record<string, unknown> & {mainEntity: Record<string, unknown>}
}

describe('toJsonLd', () => {
  it('gives the Verzakking page this JSON-LD, written out by hand from the leaflet', async () => {
    expect(await serialisedJsonLd('verzakking', 'https://voorbeeld.nl/aandoeningen/verzakking')).toEqual({
      '@context': 'https://schema.org',
      '@type': 'MedicalWebPage',
      url: 'https://voorbeeld.nl/aandoeningen/verzakking',
      name: 'Verzakking',
      description: 'Een verzakking ontstaat door zwakte van het ondersteunende weefsel (de bekkenbodem en/of de banden die de organen op de plaats houden).',
      inLanguage: 'nl',
      medicalAudience: {'@type': 'Patient'},
      citation: [{'@type': 'CreativeWork', name: 'Folder bekkenfysiotherapie: verzakkingen, behandeling en pijn rond de geslachtsdelen'}],
      mainEntity: {
        '@type': 'MedicalCondition',
        name: 'Verzakking',
        alternateName: ['Verzakking van de baarmoeder/blaas/endeldarm'],
        description: 'Een verzakking ontstaat door zwakte van het ondersteunende weefsel (de bekkenbodem en/of de banden die de organen op de plaats houden).',
        cause: [
          {
            '@type': 'MedicalCause',
            name: 'Overbelasting',
            description: 'Overbelasting van de bekkenbodem en banden (zoals adipositas, chronisch hoesten, zware arbeid, zwangerschap en bevallingen)',
          },
          {
            '@type': 'MedicalCause',
            name: 'Verzwakking',
            description: 'Verzwakking van de bekkenbodem (neurologische beschadiging, rupturen, aangeboren zwakheid van spieren/bindweefsel, klachten lage rug en bekken)',
          },
          {'@type': 'MedicalCause', name: 'Veroudering', description: 'Veroudering (verminderde hormoonproductie na de overgang).'},
          {'@type': 'MedicalCause', name: 'Combinatie', description: 'Combinatie van deze factoren'},
        ],
        riskFactor: [
          {'@type': 'MedicalRiskFactor', name: 'Adipositas'},
          {'@type': 'MedicalRiskFactor', name: 'Chronisch hoesten'},
          {'@type': 'MedicalRiskFactor', name: 'Zware arbeid'},
          {'@type': 'MedicalRiskFactor', name: 'Zwangerschap en bevallingen'},
          {'@type': 'MedicalRiskFactor', name: 'Neurologische beschadiging'},
          {'@type': 'MedicalRiskFactor', name: 'Rupturen'},
          {'@type': 'MedicalRiskFactor', name: 'Aangeboren zwakheid van spieren/bindweefsel'},
          {'@type': 'MedicalRiskFactor', name: 'Klachten lage rug en bekken'},
          {'@type': 'MedicalRiskFactor', name: 'Verminderde hormoonproductie na de overgang'},
        ],
        signOrSymptom: [
          {'@type': 'MedicalSymptom', name: 'Zwaar gevoel in de onderbuik of rug'},
          {'@type': 'MedicalSymptom', name: 'Balgevoel'},
          {'@type': 'MedicalSymptom', name: 'Moeite met uitplassen'},
          {'@type': 'MedicalSymptom', name: 'Urine incontinentie'},
          {'@type': 'MedicalSymptom', name: 'Recidiverende blaasontstekingen'},
          {'@type': 'MedicalSymptom', name: 'Frequent toilet bezoek'},
          {'@type': 'MedicalSymptom', name: 'Obstipatie'},
          {'@type': 'MedicalSymptom', name: 'Incontinentie voor windjes of ontlasting'},
          {'@type': 'MedicalSymptom', name: 'Frequente of loze aandrang'},
          {'@type': 'MedicalSymptom', name: 'Pijn en/of problemen met vrijen'},
        ],
        possibleTreatment: [
          {
            '@type': 'PhysicalTherapy',
            name: 'Bekkenfysiotherapeutische behandeling',
            // Without "De behandeling bestaat over het algemeen uit:": the list it introduces is not part of the description.
            description:
              'Afhankelijk van de resultaten uit het onderzoek wordt er een persoonlijk behandelplan opgesteld. Zo zijn er mensen waar juist de kracht van de bekkenbodemspieren moet toenemen, terwijl andere mensen deze spieren juist moeten leren ontspannen.',
          },
        ],
        associatedAnatomy: [
          {'@type': 'AnatomicalStructure', name: 'Bekkenbodem'},
          {'@type': 'AnatomicalStructure', name: 'Blaas'},
          {'@type': 'AnatomicalStructure', name: 'Baarmoeder'},
          {'@type': 'AnatomicalStructure', name: 'Darmen'},
        ],
        // No code and no epidemiology: the seeded N81 and "Bijna 50%" await their medical check.
      },
    })
  })

  it('names the symptoms of Vaginisme with a capital, the treatment of the chapter "vaginisme & dyspareunie", and leaves out the prevalence it has none of', async () => {
    const {mainEntity} = await serialisedJsonLd('vaginisme', 'https://voorbeeld.nl/aandoeningen/vaginisme')
    expect(mainEntity).toMatchObject({
      name: 'Vaginisme',
      signOrSymptom: [
        {'@type': 'MedicalSymptom', name: 'Onwillekeurige samentrekking van de bekkenbodemspieren'},
        {'@type': 'MedicalSymptom', name: 'Gemeenschap lukt niet, is moeilijk of doet pijn'},
        {'@type': 'MedicalSymptom', name: 'Pijn in de onderbuik, of rond de geslachtsdelen'},
      ],
      cause: [{'@type': 'MedicalCause', name: 'Psychologische oorzaken'}],
      riskFactor: [{'@type': 'MedicalRiskFactor', name: 'Angst'}],
      possibleTreatment: [{'@type': 'PhysicalTherapy', name: 'Bekkenfysiotherapeutische behandeling'}],
    })
    expect(mainEntity).not.toHaveProperty('code')
    expect(mainEntity).not.toHaveProperty('alternateName')
    expect(mainEntity).not.toHaveProperty('epidemiology')
  })

  it('describes every seeded condition with its symptoms, causes, risk factors, treatments, body parts and codes as stored', async () => {
    const conditions = [...stored.values()].filter((document) => document._type === 'condition')
    expect(conditions.map((condition) => condition.slug?.current)).toEqual(['dyspareunie', 'vaginisme', 'verzakking', 'vulvair-vestibulitis-syndroom'])
    for (const condition of conditions) {
      const slug = condition.slug?.current ?? ''
      const url = `https://voorbeeld.nl/aandoeningen/${slug}`
      const read = await serialisedJsonLd(slug, url)
      expect(read['@context']).toBe('https://schema.org')
      expect(read['@type']).toBe('MedicalWebPage')
      expect(read.url).toBe(url)
      expect(read.name).toBe(condition.title)
      expect(read.inLanguage).toBe('nl')
      expect(read.medicalAudience).toEqual({'@type': 'Patient'})
      expect(read.citation).toEqual((condition.sources ?? []).map((source) => ({'@type': 'CreativeWork', name: titleOf(source)})))
      // The seeded texts are imported, not medically reviewed.
      expect(condition.review?.lastReviewed, slug).toBeUndefined()
      expect(read).not.toHaveProperty('lastReviewed')
      expect(read).not.toHaveProperty('reviewedBy')
      const entity = read.mainEntity
      const typedNames = (key: string) => ((entity[key] ?? []) as Array<{'@type': string; name: string}>).map((item) => [item['@type'], item.name])
      expect(entity['@type']).toBe('MedicalCondition')
      expect(entity.name).toBe(condition.title)
      expect(typedNames('signOrSymptom'), slug).toEqual((condition.symptoms ?? []).map((symptom) => ['MedicalSymptom', shown(titleOf(symptom))]))
      const causes = (condition.causes ?? []).map((cause) => storedDocument(cause._ref))
      expect(typedNames('cause'), slug).toEqual(causes.map((cause) => ['MedicalCause', shown(cause.title)]))
      // Each risk factor once, also when two causes share it.
      const riskFactorIds = [...new Set(causes.flatMap((cause) => (cause.riskFactors ?? []).map((factor) => factor._ref)))]
      expect(typedNames('riskFactor'), slug).toEqual(riskFactorIds.map((id) => ['MedicalRiskFactor', shown(storedDocument(id).title)]))
      expect(typedNames('possibleTreatment'), slug).toEqual((condition.treatments ?? []).map((item) => ['PhysicalTherapy', titleOf(item.treatment)]))
      expect(typedNames('associatedAnatomy'), slug).toEqual((condition.bodyParts ?? []).map((part) => ['AnatomicalStructure', titleOf(part)]))
      // Only what a clinician approved: the seeded codes and the figure all await their check.
      const approvedCodes = (condition.codes ?? []).filter((code) => code.valueReview?.status === 'approved')
      expect(entity.code ?? [], slug).toEqual(approvedCodes.map((code) => ({'@type': 'MedicalCode', codeValue: code.code, codingSystem: code.system})))
      expect(entity.epidemiology, slug).toBe(condition.prevalence?.valueReview?.status === 'approved' ? condition.prevalence.statement : undefined)
    }
  })

  it('gives the treatment description as plain text in whole sentences, without the introduction of a list it leaves out', async () => {
    const page = await client.getCondition('verzakking')
    if (!page) throw new Error('No page for verzakking')
    // The stored description ends in the introduction of a list that is not part of it.
    expect(toPlainText(page.treatments[0]?.treatment.description)).toMatch(/\sDe behandeling bestaat over het algemeen uit:$/u)
    const jsonLd = toJsonLd(page, {url: 'https://voorbeeld.nl/verzakking'})
    const described = (jsonLd.mainEntity as {possibleTreatment?: {description?: string}[]}).possibleTreatment?.[0]?.description
    expect(described).toBe(
      'Afhankelijk van de resultaten uit het onderzoek wordt er een persoonlijk behandelplan opgesteld. Zo zijn er mensen waar juist de kracht van de bekkenbodemspieren moet toenemen, terwijl andere mensen deze spieren juist moeten leren ontspannen.',
    )
  })
})

describe('toJsonLd and the review status', () => {
  async function withReview(review: ConditionPage['review']): Promise<Record<string, unknown>> {
    const page = await client.getCondition('verzakking')
    if (!page) throw new Error('No page for verzakking')
    return JSON.parse(JSON.stringify(toJsonLd({...page, review}, {url: 'https://voorbeeld.nl/verzakking'}))) as Record<string, unknown>
  }

  const notReviewed = {lastReviewed: null, reviewedBy: null, reviewerRole: null, changedSinceReview: false}

  it('claims no review for an imported text', async () => {
    const read = await withReview({...notReviewed, nextReview: '2027-02-28'})
    expect(read).not.toHaveProperty('lastReviewed')
    expect(read).not.toHaveProperty('reviewedBy')
  })

  it('names the date, the reviewer and the role after a medical review', async () => {
    const read = await withReview({lastReviewed: '2027-01-10', nextReview: '2030-01-10', reviewedBy: 'J. Jansen', reviewerRole: 'bekkenfysiotherapeut', changedSinceReview: false})
    expect(read.lastReviewed).toBe('2027-01-10')
    expect(read.reviewedBy).toEqual({'@type': 'Person', name: 'J. Jansen', jobTitle: 'bekkenfysiotherapeut'})
  })

  it('keeps the date of the last real review when a new one is due', async () => {
    const read = await withReview({lastReviewed: '2023-01-10', nextReview: '2026-01-10', reviewedBy: 'J. Jansen', reviewerRole: 'huisarts', changedSinceReview: false})
    expect(read.lastReviewed).toBe('2023-01-10')
    expect(read.reviewedBy).toEqual({'@type': 'Person', name: 'J. Jansen', jobTitle: 'huisarts'})
  })

  it('claims no review once the text has changed since it, because the text on the page is not the one checked', async () => {
    const read = await withReview({lastReviewed: '2027-01-10', nextReview: '2030-01-10', reviewedBy: 'J. Jansen', reviewerRole: 'bekkenfysiotherapeut', changedSinceReview: true})
    expect(read).not.toHaveProperty('lastReviewed')
    expect(read).not.toHaveProperty('reviewedBy')
  })
})
