import {describe, expect, it} from 'vitest'
import {createContentClient, toJsonLd, toPlainText, type ConditionPage} from '../../client/index'
import {capitalizeFirst} from '../../client/displayText'
import {seededDatasetSource} from './support/datasets'

const client = createContentClient({dataset: seededDatasetSource()})

// The type of toJsonLd is checked in jsonLd.test-d.ts (by `npm run typecheck`).

describe('toJsonLd', () => {
  it('describes every condition with each of its symptoms and causes by name', async () => {
    const {items: conditions} = await client.listConditions()
    expect(conditions.length).toBeGreaterThan(0)
    for (const card of conditions) {
      const page = await client.getCondition(card.slug)
      if (!page) throw new Error(`No page for ${card.slug}`)
      const url = `https://voorbeeld.nl/aandoeningen/${page.slug}`
      const jsonLd = toJsonLd(page, {url})
      // What a search engine reads is the serialised form.
      const read = JSON.parse(JSON.stringify(jsonLd)) as Record<string, unknown> & {mainEntity: Record<string, unknown>}
      expect(read['@context']).toBe('https://schema.org')
      expect(read['@type']).toBe('MedicalWebPage')
      expect(read.url).toBe(url)
      expect(read.inLanguage).toBe('nl')
      expect(read.medicalAudience).toEqual({'@type': 'Patient'})
      // The seeded texts are imported, not medically reviewed.
      expect(page.review.status).toBe('imported')
      expect(read).not.toHaveProperty('lastReviewed')
      expect(read).not.toHaveProperty('reviewedBy')
      const condition = read.mainEntity
      expect(condition['@type']).toBe('MedicalCondition')
      expect(condition.name).toBe(page.title)
      const names = (key: string) => ((condition[key] ?? []) as {name: string}[]).map((item) => item.name)
      expect(names('signOrSymptom')).toEqual(page.symptoms.map((symptom) => capitalizeFirst(symptom.title)))
      expect(names('cause')).toEqual(page.causes.map((cause) => capitalizeFirst(cause.title)))
      for (const factor of page.causes.flatMap((cause) => cause.riskFactors)) expect(names('riskFactor')).toContain(capitalizeFirst(factor.title))
      expect(names('possibleTreatment')).toEqual(page.treatments.map((item) => item.treatment.title))
      for (const treatment of (condition.possibleTreatment ?? []) as {'@type': string}[]) expect(treatment['@type']).toBe('PhysicalTherapy')
      expect(names('associatedAnatomy')).toEqual(page.bodyParts.map((part) => part.title))
      expect(condition.code ?? []).toEqual(page.codes.map((code) => ({'@type': 'MedicalCode', codeValue: code.code, codingSystem: code.system})))
      expect(condition.epidemiology).toBe(page.prevalence?.statement)
    }
  })

  it('gives the treatment description as plain text in whole sentences, without the introduction of a list it leaves out', async () => {
    const page = await client.getCondition('verzakking')
    if (!page) throw new Error('No page for verzakking')
    const treatment = page.treatments[0]?.treatment
    const plain = toPlainText(treatment?.description)
    expect(plain).toMatch(/bestaat over het algemeen uit:$/u)
    const jsonLd = toJsonLd(page, {url: 'https://voorbeeld.nl/verzakking'})
    const described = (jsonLd.mainEntity as {possibleTreatment?: {description?: string}[]}).possibleTreatment?.[0]?.description
    expect(described).toBe(plain.replace(/\s+/gu, ' ').replace(/ De behandeling bestaat over het algemeen uit:$/u, ''))
    expect(described).toMatch(/\.$/u)
    expect(described).not.toMatch(/[<>]/u)
  })
})

describe('toJsonLd and the review status', () => {
  async function withReview(review: ConditionPage['review']): Promise<Record<string, unknown>> {
    const page = await client.getCondition('verzakking')
    if (!page) throw new Error('No page for verzakking')
    return JSON.parse(JSON.stringify(toJsonLd({...page, review}, {url: 'https://voorbeeld.nl/verzakking'}))) as Record<string, unknown>
  }

  it('claims no review for an imported text', async () => {
    const read = await withReview({status: 'imported', nextReview: '2027-02-28'})
    expect(read).not.toHaveProperty('lastReviewed')
    expect(read).not.toHaveProperty('reviewedBy')
  })

  it('claims no review for an imported text even when stray review fields are filled in', async () => {
    const read = await withReview({status: 'imported', nextReview: '2027-02-28', lastReviewed: '2026-11-28', reviewedBy: 'Redactie'})
    expect(read).not.toHaveProperty('lastReviewed')
    expect(read).not.toHaveProperty('reviewedBy')
  })

  it('names the date, the reviewer and the role after a medical review', async () => {
    const read = await withReview({status: 'medicallyReviewed', lastReviewed: '2027-01-10', nextReview: '2030-01-10', reviewedBy: 'J. Jansen', reviewerRole: 'bekkenfysiotherapeut'})
    expect(read.lastReviewed).toBe('2027-01-10')
    expect(read.reviewedBy).toEqual({'@type': 'Person', name: 'J. Jansen', jobTitle: 'bekkenfysiotherapeut'})
  })

  it('keeps the date of the last real review when a new one is due', async () => {
    const read = await withReview({status: 'due', lastReviewed: '2023-01-10', nextReview: '2026-01-10', reviewedBy: 'J. Jansen', reviewerRole: 'gynaecoloog'})
    expect(read.lastReviewed).toBe('2023-01-10')
    expect(read.reviewedBy).toEqual({'@type': 'Person', name: 'J. Jansen', jobTitle: 'gynaecoloog'})
  })
})
