import {mkdtempSync, renameSync, writeFileSync} from 'node:fs'
import {tmpdir} from 'node:os'
import {join} from 'node:path'
import {afterEach, describe, expect, it} from 'vitest'
import {createContentClient, type Unsubscribe} from '../../client/index'
import {loadDataset} from '../../client/embedded/dataset'
import {smallDataset, type FixtureDocument} from './fixtures/smallDataset'
import {startQueryServer, type QueryServer} from './support/queryServer'

const SUMMARY_QUERY = '*[_type == "condition" && slug.current == $slug][0].summary'

function withSummary(summary: string): FixtureDocument[] {
  return smallDataset().map((document) => (document._id === 'condition.verzakking' ? {...document, summary} : document))
}

/** Writes the file the way editors' tools do: a new file renamed over the old one. */
function writeDataset(path: string, documents: readonly unknown[]): void {
  const temporary = `${path}.tmp`
  writeFileSync(temporary, documents.map((document) => JSON.stringify(document)).join('\n'))
  renameSync(temporary, path)
}

/** Collects what a subscription reports, and waits for the n-th result. */
function recorder() {
  const results: unknown[] = []
  const errors: unknown[] = []
  const waiters: (() => void)[] = []
  return {
    results,
    errors,
    callbacks: {
      next(result: unknown) {
        results.push(result)
        waiters.splice(0).forEach((wake) => wake())
      },
      error(error: unknown) {
        errors.push(error)
        waiters.splice(0).forEach((wake) => wake())
      },
    },
    async until(condition: () => boolean, timeout = 5_000) {
      const deadline = Date.now() + timeout
      while (!condition()) {
        if (Date.now() > deadline) throw new Error(`timed out; results so far: ${JSON.stringify(results)}`)
        await new Promise<void>((resolve) => {
          waiters.push(resolve)
          setTimeout(resolve, 50)
        })
      }
    },
  }
}

let stop: Unsubscribe | null = null
let server: QueryServer | null = null
afterEach(async () => {
  stop?.()
  stop = null
  await server?.close()
  server = null
})

describe('subscribe', () => {
  it('embedded: reports the result, then the new one after the NDJSON file changes', async () => {
    const path = join(mkdtempSync(join(tmpdir(), 'subscribe-')), 'dataset.ndjson')
    writeDataset(path, withSummary('eerst'))
    const content = createContentClient({dataset: path})
    const seen = recorder()
    stop = content.subscribe(SUMMARY_QUERY, {slug: 'verzakking'}, seen.callbacks)
    await seen.until(() => seen.results.length === 1)
    expect(seen.results).toEqual(['eerst'])

    writeDataset(path, withSummary('daarna'))
    await seen.until(() => seen.results.length === 2)
    expect(seen.results).toEqual(['eerst', 'daarna'])
    // Later calls read the new content too.
    expect((await content.getCondition('verzakking'))?.summary).toBe('daarna')

    // A broken file is reported and the last good content stays.
    writeFileSync(path, '{"_id": "kapot"')
    await seen.until(() => seen.errors.length > 0)
    expect(String(seen.errors[0])).toMatch(/line 1/u)
    expect((await content.getCondition('verzakking'))?.summary).toBe('daarna')

    stop()
    writeDataset(path, withSummary('na het stoppen'))
    await new Promise((resolve) => setTimeout(resolve, 300))
    expect(seen.results).toEqual(['eerst', 'daarna'])
  })

  it('Content Lake: listens, and queries again after a mutation', async () => {
    server = await startQueryServer(loadDataset(withSummary('eerst')))
    const content = createContentClient({
      sanity: {projectId: 'local', dataset: 'production', apiHost: server.apiHost, useProjectHostname: false, useCdn: false},
    })
    const seen = recorder()
    stop = content.subscribe(SUMMARY_QUERY, {slug: 'verzakking'}, seen.callbacks)
    await seen.until(() => seen.results.length === 1)
    expect(seen.results).toEqual(['eerst'])
    expect(server.listeners()).toBe(1)

    server.publish(loadDataset(withSummary('daarna')), 'condition.verzakking')
    await seen.until(() => seen.results.length === 2)
    expect(seen.results).toEqual(['eerst', 'daarna'])

    // A mutation that leaves the result as it was is not reported again.
    server.publish(loadDataset(withSummary('daarna')), 'condition.vaginisme')
    await new Promise((resolve) => setTimeout(resolve, 300))
    expect(seen.results).toEqual(['eerst', 'daarna'])

    stop()
    stop = null
    const deadline = Date.now() + 5_000
    while (server.listeners() > 0 && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 20))
    expect(server.listeners()).toBe(0)
    expect(seen.errors).toEqual([])
  })
})
