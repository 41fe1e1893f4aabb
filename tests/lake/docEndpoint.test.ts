import {createClient, type SanityClient} from '@sanity/client'
import {join} from 'node:path'
import {afterAll, beforeAll, describe, expect, it} from 'vitest'
import {readServerConfig} from '../../lake/config'
import {openLocalLake, type LocalLake} from '../../lake/localLake'
import {startServer, type RunningServer} from '../../lake/server'
import {queryFixtureDocuments, writeTempDataset} from './fixtures'

/**
 * The doc endpoint as the Studio uses it: `GET /data/doc/{dataset}/{id},drafts.{id}`
 * without a perspective, to load a document and its draft into the form.
 */

const TOKEN = 'doc-endpoint-token-0123456789'
let server: RunningServer
let lake: LocalLake
let removeDataset: () => Promise<void>

beforeAll(async () => {
  const dataset = await writeTempDataset(queryFixtureDocuments(0))
  removeDataset = dataset.remove
  const config = readServerConfig(['--dataset', dataset.datasetPath, '--port', '0'], {QUERY_WORKERS: '1'})
  lake = await openLocalLake(dataset.datasetPath, {env: {LOCAL_WRITE_TOKEN: TOKEN}, tokenPath: join(dataset.datasetPath, '..', '.local-write-token')})
  server = await startServer(config, {store: lake.store, lake})
})

afterAll(async () => {
  await server?.close()
  await lake?.close()
  await removeDataset?.()
})

function client(token?: string): SanityClient {
  return createClient({
    projectId: 'local',
    dataset: 'production',
    apiHost: server.url,
    useProjectHostname: false,
    useCdn: false,
    apiVersion: '2025-02-19',
    maxRetries: 0,
    ...(token ? {token} : {}),
  })
}

async function documentsById(
  path: string,
  headers: Record<string, string> = {},
): Promise<{status: number; body: {documents: Array<{_id: string; summary?: string}>; omitted: Array<{id: string; reason: string}>}}> {
  const response = await fetch(`${server.url}/v2025-02-19/data/doc/production/${path}`, {headers})
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
