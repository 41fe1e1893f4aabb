import {readFileSync} from 'node:fs'
import {join} from 'node:path'
import {afterEach, describe, expect, it} from 'vitest'
import type {StoredDocument} from '../../client/embedded/dataset'
import {DEFAULT_OUTPUT} from '../../seed/cli'
import {compileListenFilter, mutationEventsFor, parseListenRequest} from '../../lake/listen/listenEvents'
import {openLocalLake, type LocalLake} from '../../lake/localLake'
import type {CommittedTransaction} from '../../lake/write/transaction'
import {writeTempDataset} from './fixtures'

const TOKEN = 'system-fields-test-token-0123456789'
const cleanups: Array<() => Promise<void>> = []

afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup()
})

async function seededDataset(): Promise<string> {
  const documents = readFileSync(DEFAULT_OUTPUT, 'utf8')
    .trim()
    .split('\n')
    .map((line) => JSON.parse(line) as unknown)
  const {datasetPath, remove} = await writeTempDataset(documents)
  cleanups.push(remove)
  return datasetPath
}

async function open(datasetPath: string): Promise<LocalLake> {
  const lake = await openLocalLake(datasetPath, {env: {LOCAL_WRITE_TOKEN: TOKEN}, tokenPath: join(datasetPath, '..', '.local-write-token')})
  cleanups.push(() => lake.close())
  return lake
}

function served(lake: LocalLake, id: string): StoredDocument {
  const document = lake.store.current().documents.find((candidate) => candidate._id === id)
  if (document === undefined) throw new Error(`${id} is not served`)
  return document
}

describe('seeded documents in the local Content Lake carry the system fields', () => {
  it('every document served has _rev, _createdAt and _updatedAt, although the seed wrote none', async () => {
    const datasetPath = await seededDataset()
    expect(readFileSync(datasetPath, 'utf8')).not.toContain('"_rev"')
    const lake = await open(datasetPath)
    const documents = lake.store.current().documents
    expect(documents.length).toBeGreaterThan(40)
    for (const document of documents) {
      expect(document, document._id).toMatchObject({_rev: expect.any(String), _createdAt: expect.any(String), _updatedAt: expect.any(String)})
      expect(Number.isNaN(Date.parse(String(document._createdAt))), document._id).toBe(false)
    }
  })

  it('keeps the same _rev after a restart, so an open Studio still matches it', async () => {
    const datasetPath = await seededDataset()
    const first = await open(datasetPath)
    const before = served(first, 'condition-verzakking')
    await first.close()
    const second = await open(datasetPath)
    expect(served(second, 'condition-verzakking')._rev).toBe(before._rev)
    expect(served(second, 'condition-verzakking')._createdAt).toBe(before._createdAt)
  })

  it('publishing a seeded document tells listeners the revision the Studio holds as previousRev, so it applies the change instead of keeping the old text', async () => {
    const datasetPath = await seededDataset()
    const lake = await open(datasetPath)
    const shown = served(lake, 'condition-verzakking')
    const committed: CommittedTransaction[] = []
    lake.committer.subscribe((transaction) => committed.push(transaction))

    await lake.committer.mutate([{createOrReplace: {...shown, _id: 'drafts.condition-verzakking', summary: 'Nieuwe samenvatting.'}}])
    await lake.committer.mutate([{createOrReplace: {...shown, summary: 'Nieuwe samenvatting.'}}, {delete: {id: 'drafts.condition-verzakking'}}])

    const parsed = parseListenRequest(new URLSearchParams({query: '*[_id == "condition-verzakking"]', effectFormat: 'mendoza'}))
    if (!parsed.ok) throw new Error(parsed.error.message)
    const compiled = compileListenFilter(parsed.request, true)
    if (!compiled.ok) throw new Error(compiled.error.message)
    // The filter's verdict written out by hand: this test is about the revisions in the event.
    const [publish] = mutationEventsFor(committed[1]!, compiled.filter, (document) => document._id === 'condition-verzakking')
    expect(publish).toMatchObject({transition: 'update', previousRev: shown._rev, resultRev: committed[1]!.transactionId})
    expect(served(lake, 'condition-verzakking')).toMatchObject({summary: 'Nieuwe samenvatting.', _createdAt: shown._createdAt, _rev: committed[1]!.transactionId})
  })
})
