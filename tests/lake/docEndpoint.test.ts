import {type SanityClient} from '@sanity/client'
import {afterAll, beforeAll, describe, expect, it} from 'vitest'
import {LAKE_TOKEN, startLocalLake, type TestLake} from '../support/localLake'
import {queryFixtureDocuments} from './fixtures'

/**
 * The doc endpoint as the Studio uses it: `GET /data/doc/{dataset}/{id},drafts.{id}`
 * without a perspective, to load a document and its draft into the form.
 */

const TOKEN = LAKE_TOKEN
let lake: TestLake

beforeAll(async () => {
  lake = await startLocalLake(queryFixtureDocuments(0))
})

afterAll(async () => {
  await lake?.close()
})

function client(token?: string): SanityClient {
  return lake.client({token: token ?? null})
}

async function documentsById(
  path: string,
  headers: Record<string, string> = {},
): Promise<{status: number; body: {documents: Array<{_id: string; summary?: string}>; omitted: Array<{id: string; reason: string}>}}> {
  const response = await fetch(`${lake.url}/v2025-02-19/data/doc/production/${path}`, {headers})
  return {status: response.status, body: (await response.json()) as never} // the doc endpoint answers {documents, omitted}
}

describe('documents by exact id', () => {
  it('gives a caller with the token the published document and its draft, each by its own id', async () => {
    const {status, body} = await documentsById('condition-verzakking,drafts.condition-verzakking', {authorization: `Bearer ${TOKEN}`})
    expect(status).toBe(200)
    expect(body.documents.map((document) => [document._id, document.summary])).toEqual([
      ['condition-verzakking', 'Gepubliceerde samenvatting.'],
      ['drafts.condition-verzakking', 'Conceptsamenvatting, nog niet gepubliceerd.'],
    ])
    expect(body.omitted).toEqual([])
  })

  it('gives a draft whose document was never published', async () => {
    const [draft] = await client(TOKEN).getDocuments(['drafts.condition-nieuw'])
    expect(draft?._id).toBe('drafts.condition-nieuw')
  })

  it('omits drafts for a caller without the token, with the reason permission, and what does not exist with the reason existence', async () => {
    const {status, body} = await documentsById('condition-verzakking,drafts.condition-verzakking,drafts.condition-nieuw,condition-bestaat-niet')
    expect(status).toBe(200)
    expect(body.documents.map((document) => document._id)).toEqual(['condition-verzakking'])
    expect(body.omitted).toEqual([
      {id: 'drafts.condition-verzakking', reason: 'permission'},
      {id: 'drafts.condition-nieuw', reason: 'permission'},
      {id: 'condition-bestaat-niet', reason: 'existence'},
    ])
  })

  it('refuses a wrong token', async () => {
    const {status} = await documentsById('drafts.condition-verzakking', {authorization: 'Bearer wrong-token-0123456789'})
    expect(status).toBe(401)
  })

  it('shows a saved draft at once, as the Studio reloads it', async () => {
    await client(TOKEN).createOrReplace({_id: 'drafts.condition-verzakking', _type: 'condition', title: 'Verzakking', summary: 'Net getypt, nog niet gepubliceerd.'})
    const [published, draft] = await client(TOKEN).getDocuments(['condition-verzakking', 'drafts.condition-verzakking'])
    expect(published?.summary).toBe('Gepubliceerde samenvatting.')
    expect(draft?.summary).toBe('Net getypt, nog niet gepubliceerd.')
  })

  it('resolves the ids under an explicit perspective, as a query does', async () => {
    const {body} = await documentsById('condition-verzakking?perspective=drafts', {authorization: `Bearer ${TOKEN}`})
    expect(body.documents.map((document) => [document._id, document.summary])).toEqual([['condition-verzakking', 'Net getypt, nog niet gepubliceerd.']])
  })
})
