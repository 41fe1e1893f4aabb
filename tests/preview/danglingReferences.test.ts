import {readFile} from 'node:fs/promises'
import {fileURLToPath} from 'node:url'
import {afterAll, beforeAll, describe, expect, it} from 'vitest'
import {loadDataset, type StoredDocument} from '../../client/embedded/dataset'
import {readServerConfig} from '../../lake/config'
import {startServer, type RunningServer} from '../../lake/server'
import {DatasetStore} from '../../lake/store/datasetStore'
import {danglingReferenceReporter} from '../../preview/danglingReferences'
import {createPreviewSite} from '../../preview/site'

/** A page that meets a reference to nothing renders without it, and the log names the reference. */

const SEEDED_DATASET = fileURLToPath(new URL('../../dataset/production.ndjson', import.meta.url))
let documents: StoredDocument[]
let server: RunningServer

beforeAll(async () => {
  documents = (await readFile(SEEDED_DATASET, 'utf8'))
    .split('\n')
    .filter((line) => line.trim() !== '')
    .map((line) => JSON.parse(line) as StoredDocument)
  const store = DatasetStore.fromDocuments(documents, 'seeded copy')
  server = await startServer(readServerConfig(['--port', '0'], {QUERY_WORKERS: '1', WATCH_DATASET: '0'}), {store, pages: (pagesStore) => createPreviewSite({store: pagesStore})})
})

afterAll(async () => {
  await server?.close()
})

describe('references to nothing', () => {
  it('leave the condition page standing, without the missing complaint', async () => {
    const before = await (await fetch(`${server.url}/aandoeningen/verzakking`)).text()
    expect(before).toContain('Obstipatie')
    // As a document gone from under a weak reference, or a file edited by hand, would leave it.
    server.store.publishChangeSet({upserts: [], deletes: ['symptom-obstipatie']})
    const response = await fetch(`${server.url}/aandoeningen/verzakking`)
    expect(response.status).toBe(200)
    const page = await response.text()
    expect(page).toContain('Verzakking')
    expect(page).not.toContain('Obstipatie')
  })

  it('are logged once each, when they first appear', () => {
    const lines: string[] = []
    const report = danglingReferenceReporter((line) => lines.push(line))
    report(loadDataset(documents))
    expect(lines).toEqual([])
    const without = loadDataset(documents.filter((document) => document._id !== 'symptom-obstipatie'))
    report(without)
    report(without)
    expect(lines).toEqual(['Preview: condition-verzakking refers to symptom-obstipatie, which no visitor can see (deleted, unpublished or private); its page leaves it out.'])
  })
})
