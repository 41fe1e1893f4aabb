import {describe, expect, expectTypeOf, it} from 'vitest'
import type {MedicalWebPage, WithContext} from 'schema-dts'
import {createContentClient, toJsonLd, toPlainText} from '../../client/index'
import {seededDatasetSource} from './support/datasets'

const client = createContentClient({dataset: seededDatasetSource()})

describe('toJsonLd', () => {
  it('is typed as a schema.org MedicalWebPage', () => {
    expectTypeOf(toJsonLd).returns.toExtend<WithContext<MedicalWebPage>>()
  })

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
      expect(read.lastReviewed).toBe(page.review.lastReviewed)
      expect(read.reviewedBy).toMatchObject({name: page.review.reviewedBy})
      const condition = read.mainEntity
      expect(condition['@type']).toBe('MedicalCondition')
      expect(condition.name).toBe(page.title)
      const names = (key: string) => ((condition[key] ?? []) as {name: string}[]).map((item) => item.name)
      expect(names('signOrSymptom')).toEqual(page.symptoms.map((symptom) => symptom.title))
      expect(names('cause')).toEqual(page.causes.map((cause) => cause.title))
      for (const factor of page.causes.flatMap((cause) => cause.riskFactors)) expect(names('riskFactor')).toContain(factor.title)
      expect(names('possibleTreatment')).toEqual(page.treatments.map((item) => item.treatment.title))
      for (const treatment of (condition.possibleTreatment ?? []) as {'@type': string}[]) expect(treatment['@type']).toBe('PhysicalTherapy')
      expect(names('associatedAnatomy')).toEqual(page.bodyParts.map((part) => part.title))
      expect(condition.code ?? []).toEqual(page.codes.map((code) => ({'@type': 'MedicalCode', codeValue: code.code, codingSystem: code.system})))
      expect(condition.epidemiology).toBe(page.prevalence?.statement)
    }
  })

  it('gives the treatment description as plain text', async () => {
    const page = await client.getCondition('verzakking')
    const treatment = page?.treatments[0]?.treatment
    const jsonLd = toJsonLd(page!, {url: 'https://voorbeeld.nl/verzakking'})
    const described = (jsonLd.mainEntity as {possibleTreatment?: {description?: string}[]}).possibleTreatment?.[0]?.description
    expect(described).toBe(toPlainText(treatment?.description))
    expect(described).not.toMatch(/[<>]/u)
  })
})
