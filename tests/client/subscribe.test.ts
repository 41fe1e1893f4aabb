import {mkdtempSync, renameSync, writeFileSync} from 'node:fs'
import {tmpdir} from 'node:os'
import {join} from 'node:path'
import {afterEach, describe, expect, it, vi} from 'vitest'
import {createContentClient, type Unsubscribe} from '../../client/index'
import {smallDataset, type FixtureDocument} from './fixtures/smallDataset'
import {startFaultProxy, type FaultProxy} from '../support/faultProxy'
import {isEndpoint, startLocalLake, type TestLake} from '../support/localLake'

const SUMMARY_QUERY = '*[_type == "condition" && slug.current == $slug][0].summary'
/** File watching and listen events take a moment; vi.waitFor's default second is tight on a busy machine. */
const PATIENCE = {timeout: 5_000}

function withSummary(summary: string): FixtureDocument[] {
  return smallDataset().map((document) => (document._id === 'condition-verzakking' ? {...document, summary} : document))
}

/** Writes the file the way editors' tools do: a new file renamed over the old one. */
function writeDataset(path: string, documents: readonly unknown[]): void {
  const temporary = `${path}.tmp`
  writeFileSync(temporary, documents.map((document) => JSON.stringify(document)).join('\n'))
  renameSync(temporary, path)
}

/** Collects what a subscription reports. */
function recorder() {
  const results: unknown[] = []
  const errors: unknown[] = []
  return {
    results,
    errors,
    callbacks: {
      next(result: unknown) {
        results.push(result)
      },
      error(error: unknown) {
        errors.push(error)
      },
    },
  }
}

const stops: Unsubscribe[] = []
let lake: TestLake | null = null
let proxy: FaultProxy | null = null
afterEach(async () => {
  stops.splice(0).forEach((stop) => stop())
  await proxy?.close()
  await lake?.close()
  proxy = null
  lake = null
})

describe('subscribe', () => {
  it('embedded: reports the result, then the new one after the NDJSON file changes', async () => {
    const path = join(mkdtempSync(join(tmpdir(), 'subscribe-')), 'dataset.ndjson')
    writeDataset(path, withSummary('eerst'))
    const content = createContentClient({dataset: path})
    const seen = recorder()
    const stop = content.subscribe(SUMMARY_QUERY, {slug: 'verzakking'}, seen.callbacks)
    stops.push(stop)
    await vi.waitFor(() => expect(seen.results).toHaveLength(1), PATIENCE)
    expect(seen.results).toEqual(['eerst'])

    writeDataset(path, withSummary('daarna'))
    await vi.waitFor(() => expect(seen.results).toHaveLength(2), PATIENCE)
    expect(seen.results).toEqual(['eerst', 'daarna'])
    // Later calls read the new content too.
    expect((await content.getCondition('verzakking'))?.summary).toBe('daarna')

    // A broken file is reported and the last good content stays.
    writeFileSync(path, '{"_id": "kapot"')
    await vi.waitFor(() => expect(seen.errors).not.toHaveLength(0), PATIENCE)
    expect(String(seen.errors[0])).toMatch(/line 1/u)
    expect((await content.getCondition('verzakking'))?.summary).toBe('daarna')

    // A second subscription hears the next change; the stopped one does not.
    const other = recorder()
    stops.push(content.subscribe(SUMMARY_QUERY, {slug: 'verzakking'}, other.callbacks))
    await vi.waitFor(() => expect(other.results).toEqual(['daarna']), PATIENCE)
    stop()
    writeDataset(path, withSummary('na het stoppen'))
    await vi.waitFor(() => expect(other.results).toEqual(['daarna', 'na het stoppen']), PATIENCE)
    expect(seen.results).toEqual(['eerst', 'daarna'])
  })

  it('Content Lake: opens a live connection, and queries again after a change', async () => {
    lake = await startLocalLake(withSummary('eerst'))
    proxy = await startFaultProxy(lake.url)
    const through = proxy
    const content = createContentClient({
      sanity: {projectId: 'local', dataset: 'production', apiHost: through.url, useProjectHostname: false, useCdn: false},
    })
    // An editor saves straight to the Lake, so the proxy sees the content client's requests only.
    const editor = lake.client()
    const listening = () => through.requests.filter((request) => isEndpoint(request, 'live/events') && !request.closed)
    const seen = recorder()
    const stop = content.subscribe(SUMMARY_QUERY, {slug: 'verzakking'}, seen.callbacks)
    stops.push(stop)
    await vi.waitFor(() => expect(seen.results).toHaveLength(1), PATIENCE)
    expect(seen.results).toEqual(['eerst'])
    expect(listening()).toHaveLength(1)
    expect(through.requests.filter((request) => isEndpoint(request, 'listen'))).toEqual([])

    await editor.patch('condition-verzakking').set({summary: 'daarna'}).commit()
    await vi.waitFor(() => expect(seen.results).toHaveLength(2), PATIENCE)
    expect(seen.results).toEqual(['eerst', 'daarna'])

    // A mutation that leaves the result as it was is not reported again: the
    // query runs again and is answered, and the next result is the next visible change.
    const before = through.requests.length
    await editor.patch('condition-vaginisme').set({summary: 'Een andere samenvatting.'}).commit()
    await through.waitFor((request) => request.index >= before && isEndpoint(request, 'query'), 'closed')
    await editor.patch('condition-verzakking').set({summary: 'ten slotte'}).commit()
    await vi.waitFor(() => expect(seen.results).toHaveLength(3), PATIENCE)
    expect(seen.results).toEqual(['eerst', 'daarna', 'ten slotte'])

    stop()
    await vi.waitFor(() => expect(listening()).toHaveLength(0), PATIENCE)
    expect(seen.errors).toEqual([])
  })
})
