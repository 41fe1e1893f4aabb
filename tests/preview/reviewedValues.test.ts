import {beforeAll, describe, expect, it} from 'vitest'
import {previewSites, seededDocuments} from './support/previewSites'
import {jsonLdByPage, seededSitePaths} from './support/previewPages'

const APPROVED = {_type: 'valueReview', status: 'approved', reviewedBy: 'J. Jansen, gynaecoloog', reviewedOn: '2027-01-10'}

interface StoredDocument {
  _id: string
  _type: string
  codes?: Array<{_key: string; system: string; version?: string; code: string; valueReview?: {status: string}}>
  prevalence?: {statement: string; valueReview?: {status: string}}
}

let documents: StoredDocument[]
const sites = previewSites()

interface JsonLdCondition {
  mainEntity: {code?: Array<{codeValue: string; codingSystem: string}>; epidemiology?: string}
}

beforeAll(async () => {
  documents = await seededDocuments<StoredDocument>()
})

describe('codes and figures under medical review', () => {
  it('records every seeded code with its system and version, one system per page, all awaiting a medical check', () => {
    const codes = documents.flatMap((document) => (document.codes ?? []).map((code) => ({document: document._id, ...code})))
    expect(codes.map(({document, system, version, code}) => `${document} ${system} ${version} ${code}`)).toEqual([
      'condition-dyspareunie ICD-10 2019 N94.1',
      'condition-vaginisme ICD-10 2019 N94.2',
      'condition-verzakking ICD-10 2019 N81',
      'condition-vulvair-vestibulitis-syndroom ICD-10-CM 2025 N94.810',
    ])
    for (const document of documents) expect(new Set((document.codes ?? []).map((code) => code.system)).size, document._id).toBeLessThanOrEqual(1)
    expect(codes.every((code) => code.valueReview?.status === 'pending')).toBe(true)
    expect(documents.find((document) => document._id === 'condition-verzakking')?.prevalence?.valueReview?.status).toBe('pending')
  })

  it('shows no unreviewed code or figure on any page, and puts none in the JSON-LD', async () => {
    const server = await sites.serve(documents)
    const paths = await seededSitePaths()
    for (const path of paths) {
      const html = await (await fetch(`${server.url}${path}`)).text()
      for (const hidden of ['N81', 'N94.1', 'N94.2', 'N94.810', 'ICD-10', 'Bijna 50%']) expect(html.includes(hidden), `${path} shows ${hidden}`).toBe(false)
    }
    const jsonLd = await jsonLdByPage(server, paths)
    expect(jsonLd.size).toBeGreaterThanOrEqual(4)
    for (const [path, value] of jsonLd) {
      const {mainEntity} = value as JsonLdCondition
      if (!mainEntity) continue
      expect(mainEntity.code ?? [], path).toEqual([])
      expect(mainEntity.epidemiology, path).toBeUndefined()
    }
  })

  it('shows a code with its system and version, and the figure, once a clinician has approved them, and puts them in the JSON-LD', async () => {
    const approved = documents.map((document) =>
      document._id === 'condition-verzakking'
        ? {
            ...document,
            codes: (document.codes ?? []).map((code) => ({...code, valueReview: APPROVED})),
            prevalence: document.prevalence && {...document.prevalence, valueReview: APPROVED},
          }
        : document,
    )
    const server = await sites.serve(approved)
    const html = await (await fetch(`${server.url}/aandoeningen/verzakking`)).text()
    expect(html).toContain('WHO ICD-10 (2019): <code><span class="addition">N81</span></code>')
    expect(html).toContain('Bijna 50% van alle vrouwen krijgt ooit in haar leven een verzakking.')
    const jsonLd = (await jsonLdByPage(server, ['/aandoeningen/verzakking'])).get('/aandoeningen/verzakking') as JsonLdCondition
    expect(jsonLd.mainEntity.code).toEqual([{'@type': 'MedicalCode', codeValue: 'N81', codingSystem: 'ICD-10'}])
    expect(jsonLd.mainEntity.epidemiology).toBe('Bijna 50% van alle vrouwen krijgt ooit in haar leven een verzakking.')
    // Vaginisme's code is still pending: not on its page.
    expect(await (await fetch(`${server.url}/aandoeningen/vaginisme`)).text()).not.toContain('N94.2')
  })
})
