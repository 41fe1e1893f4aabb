import {afterAll, beforeAll, describe, expect, it} from 'vitest'
import {QueryPool} from '../../lake/query/queryPool'
import {DatasetStore} from '../../lake/store/datasetStore'

/**
 * A burst of writes makes a version per transaction. A query worker that
 * rebuilt its indexes once per version would fall further behind with every
 * write, and a query asking for the newest version would wait behind
 * rebuilds of versions already gone; it takes in all that have arrived at once.
 */

const DOCUMENTS = Array.from({length: 2000}, (_, index) => ({_id: `condition-${index}`, _type: 'condition', title: `Aandoening ${index}`, _rev: 'r0'}))
const BURST = 40

let store: DatasetStore
let pool: QueryPool

beforeAll(async () => {
  store = DatasetStore.fromDocuments(DOCUMENTS, 'test', {info: () => undefined, warn: () => undefined, error: () => undefined})
  pool = new QueryPool(store, {
    workers: 1,
    timeoutMs: 10_000,
    queueTimeoutMs: 10_000,
    maxQueued: 16,
    longQueryMs: 5_000,
    maxLongQueryWorkers: 1,
    maxGroqDepth: 64,
    maxResponseBytes: 1024 * 1024,
    resultCacheBytes: 0,
  })
  await pool.ready()
})

afterAll(async () => {
  await pool?.close()
  store?.close()
})

describe('a query worker after a burst of writes', () => {
  it('takes in every version that has arrived with one rebuild, and answers from the newest', async () => {
    const before = pool.load().datasetLoads
    for (let index = 0; index < BURST; index++) store.publishChangeSet({upserts: [{...DOCUMENTS[0]!, title: `Versie ${index}`, _rev: `r${index + 1}`}], deletes: []})
    const answer = await pool.run({query: '*[_id == "condition-0"][0].title', params: {}, perspective: 'raw'})
    expect(JSON.parse(answer.resultJson)).toBe(`Versie ${BURST - 1}`)
    await pool.ready()
    // The worker and its spare each rebuild a few times at most, not once per version.
    const rebuilds = pool.load().datasetLoads - before
    expect(rebuilds).toBeGreaterThan(0)
    expect(rebuilds).toBeLessThanOrEqual(8)
  })
})
