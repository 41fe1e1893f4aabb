import {readFile} from 'node:fs/promises'
import {fileURLToPath} from 'node:url'
import {evaluate, parse} from 'groq-js'
import {firstValueFrom, from, isObservable, type Observable} from 'rxjs'
import type {DocumentLocationResolver, DocumentLocationsState} from 'sanity/presentation'
import {beforeAll, describe, expect, it} from 'vitest'
import {locations, mainDocuments} from '../../schemas/studio/presentation'

interface StoredDocument {
  _id: string
  _type: string
  title?: string
  slug?: {current: string}
  causes?: Array<{_ref: string}>
  symptoms?: Array<{_ref: string}>
  treatments?: Array<{treatment: {_ref: string}}>
}

const SEEDED_DATASET = fileURLToPath(new URL('../../dataset/production.ndjson', import.meta.url))
let documents: StoredDocument[]

beforeAll(async () => {
  documents = (await readFile(SEEDED_DATASET, 'utf8'))
    .split('\n')
    .filter((line) => line.trim() !== '')
    .map((line) => JSON.parse(line) as StoredDocument)
})

type Context = Parameters<DocumentLocationResolver>[1]

/** The Studio's document store, answering listenQuery once with groq-js over the seeded dataset. */
function seededStore(): Context {
  const listenQuery = (query: string, params: Record<string, unknown>): Observable<unknown> =>
    from((async (): Promise<unknown> => (await evaluate(parse(query, {params}), {dataset: documents, params})).get())())
  return {documentStore: {listenQuery}} as unknown as Context // only listenQuery is used by the resolver
}

async function hrefsOf(id: string, type: string): Promise<string[]> {
  const state = locations({id, type, version: undefined, perspectiveStack: []}, seededStore())
  const resolved: DocumentLocationsState | null | undefined = isObservable(state) ? await firstValueFrom(state) : state
  return (resolved?.locations ?? []).map((location) => location.href)
}

/** The oracle, in plain code over the documents: the condition pages that refer to a document in a list. */
function conditionPagesReferring(id: string, field: 'causes' | 'symptoms' | 'treatments'): string[] {
  return documents
    .filter((document) => document._type === 'condition')
    .filter((document) => (field === 'treatments' ? document.treatments?.some((entry) => entry.treatment._ref === id) : document[field]?.some((ref) => ref._ref === id)))
    .map((document) => `/aandoeningen/${document.slug?.current}`)
}

describe('Presentation: where a document shows on the preview site', () => {
  it('shows a condition on its own page and on the overviews', async () => {
    expect(await hrefsOf('condition-verzakking', 'condition')).toEqual(expect.arrayContaining(['/aandoeningen/verzakking', '/', '/klachten']))
  })

  it('shows a treatment on its page and on the pages of the conditions it treats', async () => {
    const treatment = documents.find((document) => document._type === 'treatment' && conditionPagesReferring(document._id, 'treatments').length > 0)
    if (!treatment) throw new Error('The seeded dataset has no treatment that a condition lists.')
    const hrefs = await hrefsOf(treatment._id, 'treatment')
    expect(hrefs).toContain(`/behandelingen/${treatment.slug?.current}`)
    expect(hrefs).toEqual(expect.arrayContaining(conditionPagesReferring(treatment._id, 'treatments')))
  })

  it('shows a complaint on the complaints page and on the conditions that name it, and a cause on its conditions', async () => {
    const symptom = documents.find((document) => document._type === 'symptom' && conditionPagesReferring(document._id, 'symptoms').length > 0)
    const cause = documents.find((document) => document._type === 'cause' && conditionPagesReferring(document._id, 'causes').length > 0)
    if (!symptom || !cause) throw new Error('The seeded dataset has no complaint or cause that a condition names.')
    const [first, ...conditionPages] = await hrefsOf(symptom._id, 'symptom')
    expect(first).toBe('/klachten')
    expect(conditionPages.sort()).toEqual(conditionPagesReferring(symptom._id, 'symptoms').sort())
    expect((await hrefsOf(cause._id, 'cause')).sort()).toEqual(conditionPagesReferring(cause._id, 'causes').sort())
  })

  it('resolves each condition and treatment page to its document', () => {
    expect(mainDocuments.map(({route}) => route)).toEqual(['/aandoeningen/:slug', '/behandelingen/:slug'])
  })
})
