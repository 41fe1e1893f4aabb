import {applyPatch} from 'mendoza'
import {createHmac} from 'node:crypto'
import {readFileSync, statSync, writeFileSync} from 'node:fs'
import {afterAll, beforeAll, describe, expect, it} from 'vitest'
import type {StoredDocument} from '../../client/embedded/dataset'
import {historyPathFor} from '../../lake/history/historyLog'
import {encodeJournalLine} from '../../lake/store/journal'
import {journalPathFor} from '../../seed/datasetFiles'
import {LAKE_TOKEN, startLocalLake, type TestLake} from '../support/localLake'

const SENTENCE = 'Een verzakking ontstaat door zwakte van het ondersteunende weefsel.'
const EDITED = 'Een verzakking ontstaat door zwakte van de bekkenbodem.'

const DOCUMENTS = [
  {_id: 'condition-verzakking', _type: 'condition', title: 'Verzakking', body: [{_type: 'block', _key: 'b1', children: [{_type: 'span', _key: 's1', text: SENTENCE}]}]},
  {_id: 'symptom-pijn', _type: 'symptom', title: 'Pijn'},
]

interface TransactionLine {
  id: string
  timestamp: string
  author: string
  documentIDs: string[]
  mutations?: unknown[]
  effects?: Record<string, {apply: unknown[]; revert: unknown[]}>
}

function bodyWith(text: string) {
  return [{_type: 'block', _key: 'b1', children: [{_type: 'span', _key: 's1', text}]}]
}

/** The history's raw answer, as the Studio gets it: fetch with the token, NDJSON for transactions. */
async function historyRequest(lake: TestLake, path: string, token: string | null = LAKE_TOKEN, headers: Record<string, string> = {}): Promise<Response> {
  return fetch(`${lake.url}/v2025-02-19/data/history/production/${path}`, {headers: {...(token ? {authorization: `Bearer ${token}`} : {}), ...headers}})
}

/** The transactions made on the Lake, without the one reported for documents it read in at start (author `local-import`). */
async function made(lake: TestLake, ids: string, query: string): Promise<TransactionLine[]> {
  return (await transactions(lake, ids, query)).filter((line) => line.author !== 'local-import')
}

async function transactions(lake: TestLake, ids: string, query: string): Promise<TransactionLine[]> {
  const response = await historyRequest(lake, `transactions/${ids}?${query}`)
  expect(response.status).toBe(200)
  expect(response.headers.get('content-type')).toMatch(/ndjson/)
  return (await response.text())
    .split('\n')
    .filter((line) => line !== '')
    .map((line) => JSON.parse(line) as TransactionLine)
}

async function documentsAt(lake: TestLake, id: string, query: Record<string, string>): Promise<StoredDocument[]> {
  const answer = await lake.client().request<{documents: StoredDocument[]}>({uri: `/data/history/production/documents/${id}`, query})
  return answer.documents
}

describe('the history endpoints', () => {
  let lake: TestLake
  const revisions: string[] = []
  const times: string[] = []

  beforeAll(async () => {
    lake = await startLocalLake(DOCUMENTS)
    const client = lake.client()
    for (const text of [EDITED, `${EDITED} Tweede versie.`]) {
      const result = await client
        .patch('condition-verzakking')
        .set({body: bodyWith(text)})
        .commit()
      revisions.push(result._rev)
      times.push(result._updatedAt)
    }
    await client.patch('symptom-pijn').set({title: 'Pijn bij plassen'}).commit()
  })
  afterAll(() => lake.close())

  it('gives a document at an earlier revision, and at a time, as the doc endpoint answers', async () => {
    const [atFirst] = await documentsAt(lake, 'condition-verzakking', {revision: revisions[0] ?? ''})
    expect(atFirst?._rev).toBe(revisions[0])
    expect(atFirst?.body).toEqual(bodyWith(EDITED))
    const [atTime] = await documentsAt(lake, 'condition-verzakking', {time: times[0] ?? ''})
    expect(atTime?._rev).toBe(revisions[0])
    // Before the first edit: the seeded text, with the revision it had.
    const [seeded] = await documentsAt(lake, 'condition-verzakking', {time: new Date(Date.parse(times[0] ?? '') - 1).toISOString()})
    expect(seeded?.body).toEqual(DOCUMENTS[0]?.body)
    const [bySeededRevision] = await documentsAt(lake, 'condition-verzakking', {revision: String(seeded?._rev)})
    expect(bySeededRevision?.body).toEqual(DOCUMENTS[0]?.body)
    const [last] = await documentsAt(lake, 'condition-verzakking', {lastRevision: 'true'})
    expect(last?._rev).toBe(revisions[1])
  })

  it('leaves out a revision it does not know, as the Lake does', async () => {
    expect(await documentsAt(lake, 'condition-verzakking', {revision: 'no-such-revision'})).toEqual([])
    await expect(documentsAt(lake, 'condition-verzakking', {revision: 'x', time: '2026-01-01T00:00:00Z'})).rejects.toMatchObject({statusCode: 400})
  })

  it("lists a document's transactions in order, with their author and mutations", async () => {
    const [imported, ...lines] = await transactions(lake, 'condition-verzakking', '')
    // The seeded document came in with the dataset file: reported as the transaction that made its first revision, which the Studio lines its history up with.
    expect(imported?.author).toBe('local-import')
    expect(imported?.id).toBe((await documentsAt(lake, 'condition-verzakking', {revision: imported?.id ?? ''}))[0]?._rev)
    expect(lines.map((line) => line.id)).toEqual(revisions)
    expect(lines.every((line) => line.author === 'local-write-token')).toBe(true)
    expect(lines[0]?.documentIDs).toEqual(['condition-verzakking'])
    expect(lines[0]?.mutations).toEqual([{patch: {id: 'condition-verzakking', set: {body: bodyWith(EDITED)}}}])
    const newestFirst = await made(lake, 'condition-verzakking,symptom-pijn', 'reverse=true&limit=2&excludeContent=true')
    expect(newestFirst.map((line) => line.documentIDs)).toEqual([['symptom-pijn'], ['condition-verzakking']])
    expect(newestFirst[0]?.mutations).toBeUndefined()
    const upTo = await made(lake, 'condition-verzakking', `toTransaction=${revisions[0]}`)
    expect(upTo.map((line) => line.id)).toEqual([revisions[0]])
    expect(await transactions(lake, 'condition-verzakking', 'authors=someone-else')).toEqual([])
    expect((await made(lake, 'condition-verzakking', `fromTime=${times[1]}`)).map((line) => line.id)).toEqual([revisions[1]])
  })

  it('gives mendoza effects that take each revision to the next and back (checked with mendoza itself)', async () => {
    const [imported, ...lines] = await transactions(lake, 'condition-verzakking', 'effectFormat=mendoza&excludeContent=true&includeIdentifiedDocumentsOnly=true')
    const states = [await documentsAt(lake, 'condition-verzakking', {time: new Date(Date.parse(times[0] ?? '') - 1).toISOString()})]
    for (const revision of revisions) states.push(await documentsAt(lake, 'condition-verzakking', {revision}))
    const withoutRev = (document: StoredDocument | undefined) => {
      const {_rev: _ignored, ...rest} = document ?? {_rev: ''}
      return rest
    }
    const importEffect = imported?.effects?.['condition-verzakking']
    expect(applyPatch(null, importEffect?.apply as never)).toEqual(withoutRev(states[0]?.[0])) // mendoza's patch type is its own opcode list
    expect(applyPatch(withoutRev(states[0]?.[0]), importEffect?.revert as never)).toBeNull()
    for (const [index, line] of lines.entries()) {
      const effect = line.effects?.['condition-verzakking']
      const before = withoutRev(states[index]?.[0])
      const after = withoutRev(states[index + 1]?.[0])
      expect(applyPatch(before, effect?.apply as never)).toEqual(after) // mendoza's patch type is its own opcode list
      expect(applyPatch(after, effect?.revert as never)).toEqual(before)
    }
  })

  it('is refused without the token (403) and with a wrong one (401)', async () => {
    expect((await historyRequest(lake, 'documents/condition-verzakking?lastRevision=true', null)).status).toBe(403)
    expect((await historyRequest(lake, 'transactions/condition-verzakking', null)).status).toBe(403)
    expect((await historyRequest(lake, 'transactions/condition-verzakking', 'wrong-token-0123456789')).status).toBe(401)
  })

  it("records the Studio's edits as the local editor's, by its session", async () => {
    const session = createHmac('sha256', LAKE_TOKEN).update('local studio session').digest('base64url')
    const response = await fetch(`${lake.url}/v2025-02-19/data/mutate/production`, {
      method: 'POST',
      headers: {authorization: `Bearer ${LAKE_TOKEN}`, 'content-type': 'application/json', cookie: `local_studio_session=${session}`},
      body: JSON.stringify({mutations: [{patch: {id: 'symptom-pijn', set: {title: 'Pijn in het bekken'}}}]}),
    })
    expect(response.status).toBe(200)
    const [newest] = await made(lake, 'symptom-pijn', 'reverse=true&limit=1')
    expect(newest?.author).toBe('local-editor')
  })
})

describe('keeping the history', () => {
  it('survives a restart on the same dataset file', async () => {
    const first = await startLocalLake(DOCUMENTS)
    try {
      const {_rev} = await first
        .client()
        .patch('condition-verzakking')
        .set({body: bodyWith(EDITED)})
        .commit()
      await first.stop()
      const second = await startLocalLake([], {datasetPath: first.datasetPath})
      try {
        const lines = await made(second, 'condition-verzakking', '')
        expect(lines.map((line) => line.id)).toEqual([_rev])
        const [earlier] = await documentsAt(second, 'condition-verzakking', {time: new Date(Date.parse(lines[0]?.timestamp ?? '') - 1).toISOString()})
        expect(earlier?.body).toEqual(DOCUMENTS[0]?.body)
      } finally {
        await second.close()
      }
    } finally {
      await first.close()
    }
  })

  it('takes back from the journal a transaction a crash kept out of the history file', async () => {
    const first = await startLocalLake(DOCUMENTS)
    try {
      const stored = await first.client().getDocument<StoredDocument>('symptom-pijn')
      await first.stop()
      // What a crash right after the journal's fsync leaves: the transaction in the journal, not in the history file.
      const timestamp = new Date(Date.parse(String(stored?._updatedAt)) + 1000).toISOString()
      const after = {...stored, title: 'Pijn na de crash', _rev: 'crash-tx', _updatedAt: timestamp} as StoredDocument
      writeFileSync(
        journalPathFor(first.datasetPath),
        encodeJournalLine({transactionId: 'crash-tx', timestamp, identity: 'local-editor', mutations: [], upserts: [after], deletes: []}),
      )
      writeFileSync(historyPathFor(first.datasetPath), '')
      const second = await startLocalLake([], {datasetPath: first.datasetPath})
      try {
        const lines = await made(second, 'symptom-pijn', 'effectFormat=mendoza')
        expect(lines.map((line) => [line.id, line.author])).toEqual([['crash-tx', 'local-editor']])
        const [before] = await documentsAt(second, 'symptom-pijn', {time: new Date(Date.parse(timestamp) - 1).toISOString()})
        expect(before?.title).toBe('Pijn')
      } finally {
        await second.close()
      }
    } finally {
      await first.close()
    }
  })

  it('drops the oldest transactions past HISTORY_MAX_BYTES, and their revisions are then unknown', async () => {
    const lake = await startLocalLake(DOCUMENTS, {settings: {HISTORY_MAX_BYTES: '4000'}})
    try {
      const client = lake.client()
      const revisions: string[] = []
      for (let index = 0; index < 12; index++)
        revisions.push(
          (
            await client
              .patch('condition-verzakking')
              .set({body: bodyWith(`${EDITED} Versie ${index}.`)})
              .commit()
          )._rev,
        )
      const kept = (await made(lake, 'condition-verzakking', '')).map((line) => line.id)
      expect(kept.length).toBeGreaterThan(0)
      expect(kept.length).toBeLessThan(revisions.length)
      expect(kept).toEqual(revisions.slice(revisions.length - kept.length))
      expect(statSync(historyPathFor(lake.datasetPath)).size).toBeLessThanOrEqual(4000)
      expect(await documentsAt(lake, 'condition-verzakking', {revision: revisions[0] ?? ''})).toEqual([])
      const [newest] = await documentsAt(lake, 'condition-verzakking', {revision: revisions.at(-1) ?? ''})
      expect(newest?.body).toEqual(bodyWith(`${EDITED} Versie 11.`))
      expect(readFileSync(historyPathFor(lake.datasetPath), 'utf8').split('\n').filter(Boolean)).toHaveLength(kept.length)
    } finally {
      await lake.close()
    }
  })
})
