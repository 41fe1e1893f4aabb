import {readFile} from 'node:fs/promises'
import {fileURLToPath} from 'node:url'
import {afterAll, beforeAll, describe, expect, it} from 'vitest'
import type {StoredDocument} from '../../client/embedded/dataset'
import {readServerConfig} from '../../lake/config'
import {startServer, type RunningServer} from '../../lake/server'
import {DatasetStore} from '../../lake/store/datasetStore'
import {createPreviewSite, type PreviewSite} from '../../preview/site'

const SEEDED_DATASET = fileURLToPath(new URL('../../dataset/production.ndjson', import.meta.url))

let documents: StoredDocument[]
let server: RunningServer
let site: PreviewSite

async function serve(renderTimeoutMs: number): Promise<{server: RunningServer; site: PreviewSite}> {
  const store = DatasetStore.fromDocuments(documents, 'seeded copy')
  let created: PreviewSite | undefined
  const running = await startServer(readServerConfig(['--port', '0'], {QUERY_WORKERS: '1', WATCH_DATASET: '0'}), {
    store,
    pages: (pagesStore) => (created = createPreviewSite({store: pagesStore, renderTimeoutMs})),
  })
  if (!created) throw new Error('The preview site was not created.')
  return {server: running, site: created}
}

beforeAll(async () => {
  documents = (await readFile(SEEDED_DATASET, 'utf8'))
    .split('\n')
    .filter((line) => line.trim() !== '')
    .map((line) => JSON.parse(line) as StoredDocument)
  ;({server, site} = await serve(10_000))
})

afterAll(async () => {
  await server?.close()
})

describe('preview rendering', () => {
  it('renders a page once for concurrent cold requests, and serves a 304 without rendering', async () => {
    const before = site.renderCount()
    const responses = await Promise.all(Array.from({length: 5}, () => fetch(`${server.url}/klachten`)))
    const bodies = await Promise.all(responses.map((response) => response.text()))
    expect(responses.map((response) => response.status)).toEqual([200, 200, 200, 200, 200])
    expect(new Set(bodies).size).toBe(1)
    expect(site.renderCount()).toBe(before + 1)

    const etag = responses[0]?.headers.get('etag') ?? ''
    const repeat = await fetch(`${server.url}/klachten`, {headers: {'if-none-match': etag}})
    expect(repeat.status).toBe(304)
    expect(site.renderCount()).toBe(before + 1)
  })

  it('renders again from a new dataset version, with a new ETag', async () => {
    const first = await fetch(`${server.url}/klachten`)
    const etag = first.headers.get('etag') ?? ''
    const symptom = server.store.current().documents.find((document) => document._type === 'symptom')
    if (!symptom) throw new Error('The seeded dataset has no symptom.')
    server.store.publishChangeSet({upserts: [{...symptom, title: 'Een nieuw gekozen klachtnaam'}], deletes: []})
    const after = await fetch(`${server.url}/klachten`, {headers: {'if-none-match': etag}})
    expect(after.status).toBe(200)
    expect(after.headers.get('etag')).not.toBe(etag)
    expect(await after.text()).toContain('Een nieuw gekozen klachtnaam')
  })

  it('stops a render that runs past RENDER_TIMEOUT_MS while the query API keeps answering', async () => {
    const slow = await serve(1)
    try {
      const response = await fetch(`${slow.server.url}/klachten`)
      expect(response.status).toBe(503)
      expect(await response.text()).toContain('RENDER_TIMEOUT_MS')
      const query = await fetch(`${slow.server.url}/v2025-02-19/data/query/production?query=count(*)`)
      expect(query.status).toBe(200)
    } finally {
      await slow.server.close()
    }
  })
})
