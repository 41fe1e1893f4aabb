import {describe, expect, it} from 'vitest'
import {createContentClient, ContentValidationError} from '../../client/index'
import {smallDataset, type FixtureDocument} from './fixtures/smallDataset'

function withChange(id: string, change: (document: FixtureDocument) => FixtureDocument) {
  return smallDataset().map((document) => (document._id === id ? change(document) : document))
}

async function validationError(promise: Promise<unknown>): Promise<ContentValidationError> {
  const error = await promise.then(
    () => null,
    (caught: unknown) => caught,
  )
  expect(error).toBeInstanceOf(ContentValidationError)
  return error as ContentValidationError
}

describe('contract violations', () => {
  it('a missing required field names the query, the document and the path', async () => {
    const dataset = withChange('condition-vaginisme', ({summary: _removed, ...rest}) => rest as FixtureDocument)
    const client = createContentClient({dataset})
    const error = await validationError(client.getCondition('vaginisme'))
    expect(error.queryName).toBe('getCondition')
    expect(error.documentId).toBe('condition-vaginisme')
    expect(error.path).toEqual(['summary'])
    expect(error.message).toContain('condition-vaginisme')

    const listError = await validationError(client.listConditions())
    expect(listError.documentId).toBe('condition-vaginisme')
    expect(listError.path).toEqual(['items', expect.any(Number), 'summary'])
  })

  it('a string where a reference is expected names the document and the path', async () => {
    const dataset = withChange('condition-dyspareunie', (document) => ({...document, group: 'conditionGroup-pijn'}))
    const error = await validationError(createContentClient({dataset}).getCondition('dyspareunie'))
    expect(error.documentId).toBe('condition-dyspareunie')
    expect(error.path).toEqual(['group'])
  })

  it('a broken field inside a referenced document names that document', async () => {
    const dataset = withChange('riskFactor-adipositas', ({title: _removed, ...rest}) => rest as FixtureDocument)
    const error = await validationError(createContentClient({dataset}).getCondition('verzakking'))
    expect(error.documentId).toBe('riskFactor-adipositas')
    expect(error.path).toEqual(['causes', 0, 'riskFactors', 0, 'title'])
  })

  it('a reference to a missing document is left out, so that the page still renders', async () => {
    const full = await createContentClient({dataset: smallDataset()}).getCondition('verzakking')
    const dataset = smallDataset().filter((document) => document._id !== 'symptom-balgevoel')
    const page = await createContentClient({dataset}).getCondition('verzakking')
    expect(full?.symptoms.map((symptom) => symptom._id)).toContain('symptom-balgevoel')
    expect(page?.symptoms.map((symptom) => symptom._id)).toEqual(full?.symptoms.map((symptom) => symptom._id).filter((id) => id !== 'symptom-balgevoel'))
  })

  it('a list with onInvalid leaves out the one broken item, reports it, and shows the rest', async () => {
    const dataset = withChange('condition-vaginisme', ({summary: _removed, ...rest}) => rest as FixtureDocument)
    const complete = await createContentClient({dataset: smallDataset()}).listConditions()
    const reported: ContentValidationError[] = []
    const page = await createContentClient({dataset}).listConditions({onInvalid: (error) => reported.push(error)})
    expect(page.items.map((item) => item._id)).toEqual(complete.items.map((item) => item._id).filter((id) => id !== 'condition-vaginisme'))
    expect(page.items.length).toBeGreaterThan(1)
    expect(page.total).toBe(complete.total)
    expect(reported).toHaveLength(1)
    const [error] = reported
    expect(error).toBeInstanceOf(ContentValidationError)
    expect(error?.queryName).toBe('listConditions')
    expect(error?.documentId).toBe('condition-vaginisme')
    expect(error?.path).toEqual(['items', complete.items.findIndex((item) => item._id === 'condition-vaginisme'), 'summary'])
    expect(error?.reason).toBe('expected a string, got null')
  })

  it('listSymptoms with onInvalid groups the valid symptoms; a page call stays strict', async () => {
    const dataset = withChange('symptom-balgevoel', (document) => ({...document, category: 'elsewhere'}))
    const client = createContentClient({dataset})
    const reported: ContentValidationError[] = []
    const page = await client.listSymptoms({onInvalid: (error) => reported.push(error)})
    const shown = page.items.flatMap((group) => group.symptoms.map((symptom) => symptom._id))
    expect(shown).not.toContain('symptom-balgevoel')
    expect(shown.length).toBeGreaterThan(0)
    expect(reported.map((error) => [error.documentId, error.path.at(-1)])).toEqual([['symptom-balgevoel', 'category']])
    expect(reported[0]?.reason).toMatch(/^expected one of "/)

    await validationError(client.listSymptoms())
    const strict = await validationError(client.getCondition('verzakking'))
    expect(strict.documentId).toBe('symptom-balgevoel')
  })
})
