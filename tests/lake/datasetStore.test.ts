import {rename, writeFile} from 'node:fs/promises'
import {afterEach, describe, expect, it} from 'vitest'
import {DatasetFileError, readDatasetFile} from '../../lake/store/datasetFile'
import {DatasetStore, type StoreLog, type VersionDelivery} from '../../lake/store/datasetStore'
import {writeTempDataset} from './fixtures'

const cleanups: Array<() => Promise<void> | void> = []
afterEach(async () => {
  for (const cleanup of cleanups.splice(0)) await cleanup()
})

function recordingLog(): StoreLog & {lines: string[]} {
  const lines: string[] = []
  return {lines, info: (line) => lines.push(`info: ${line}`), warn: (line) => lines.push(`warn: ${line}`), error: (line) => lines.push(`error: ${line}`)}
}

async function datasetFile(lines: string[]): Promise<string> {
  const dataset = await writeTempDataset([])
  cleanups.push(dataset.remove)
  await writeFile(dataset.datasetPath, lines.join('\n'))
  return dataset.datasetPath
}

async function fileError(path: string): Promise<DatasetFileError> {
  try {
    await readDatasetFile(path)
  } catch (error) {
    if (error instanceof DatasetFileError) return error
    throw error
  }
  throw new Error('Expected the file to be refused.')
}

describe('dataset files', () => {
  it('refuses a duplicate _id, naming both lines', async () => {
    const path = await datasetFile(['{"_id": "a", "_type": "x"}', '', '{"_id": "b", "_type": "x"}', '{"_id": "a", "_type": "y"}'])
    const error = await fileError(path)
    expect(error.message).toContain('lines 1 and 4')
    expect(error.message).toContain('"a"')
  })

  it('names the line of a document that is not JSON or lacks an _id', async () => {
    expect((await fileError(await datasetFile(['{"_id": "a", "_type": "x"}', '{"_id": "b",']))).message).toContain('line 2: not valid JSON')
    expect((await fileError(await datasetFile(['{"_type": "x"}']))).message).toContain('line 1: the document has no string "_id"')
  })

  it('starts an empty file with a warning', async () => {
    const log = recordingLog()
    const store = await DatasetStore.open(await datasetFile(['', '']), {log})
    expect(store.current().documents).toEqual([])
    expect(log.lines).toEqual([expect.stringMatching(/^warn: .*holds no documents/)])
  })
})

describe('the dataset store', () => {
  it('publishes a change set as the next version, with the delta for subscribers', () => {
    const store = DatasetStore.fromDocuments([
      {_id: 'a', _type: 'x', n: 1},
      {_id: 'b', _type: 'x', n: 2},
    ])
    const deliveries: VersionDelivery[] = []
    store.subscribe((delivery) => deliveries.push(delivery))
    const first = store.current()
    const next = store.publishChangeSet({
      upserts: [
        {_id: 'a', _type: 'x', n: 10},
        {_id: 'c', _type: 'x'},
      ],
      deletes: ['b'],
    })
    expect(next.version).toBe(first.version + 1)
    expect(next.etag).not.toBe(first.etag)
    expect(next.documents.map((document) => document._id)).toEqual(['a', 'c'])
    expect(next.documents[0]).toMatchObject({n: 10})
    expect(deliveries).toEqual([{kind: 'delta', version: next.version, etag: next.etag, baseVersion: first.version, upserts: expect.any(Array), deletes: ['b']}])
    const full = store.fullDelivery()
    expect(full).toMatchObject({kind: 'full', version: next.version, etag: next.etag})
    expect(full.kind === 'full' && JSON.parse(full.documentsJson)).toEqual(next.documents)
  })

  it('picks up a changed file as a whole new version, and refuses a broken one while the last good version keeps serving', async () => {
    const log = recordingLog()
    const path = await datasetFile(['{"_id": "a", "_type": "x"}'])
    const store = await DatasetStore.open(path, {log})
    cleanups.push(() => store.close())
    const versions: number[] = []
    store.subscribe((delivery) => versions.push(delivery.version))
    expect(await store.reload()).toBe('unchanged')

    await writeFile(path, '{"_id": "a", "_type": "x"}\n{"_id": "b", "_type": "x"}\n')
    expect(await store.reload()).toBe('published')
    expect(store.current()).toMatchObject({version: 2})
    expect(store.current().documents).toHaveLength(2)

    await writeFile(path, '{"_id": "a", "_type": "x"}\n{"_id": "a", "_type": "x"}\n')
    expect(await store.reload()).toBe('refused')
    expect(store.current()).toMatchObject({version: 2})
    expect(log.lines.at(-1)).toMatch(/^error: Refused the changed dataset file, still serving version 2: .*lines 1 and 2/)
    expect(versions).toEqual([2])
  })

  it('follows the file when watching, also when it is replaced by a rename', async () => {
    const path = await datasetFile(['{"_id": "a", "_type": "x"}'])
    const store = await DatasetStore.open(path, {watch: true, log: recordingLog()})
    cleanups.push(() => store.close())
    const published = new Promise<number>((resolve) => store.subscribe((delivery) => resolve(delivery.version)))
    await writeFile(`${path}.tmp`, '{"_id": "z", "_type": "x"}\n')
    await rename(`${path}.tmp`, path)
    expect(await published).toBe(2)
    expect(store.current().documents.map((document) => document._id)).toEqual(['z'])
  })
})
