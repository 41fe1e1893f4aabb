import {spawnSync} from 'node:child_process'
import {createHash} from 'node:crypto'
import {appendFileSync, existsSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync} from 'node:fs'
import {tmpdir} from 'node:os'
import {dirname, join} from 'node:path'
import {afterEach, beforeEach, describe, expect, it} from 'vitest'
import {parseNdjson} from '../../client/embedded/dataset'
import {journalPathFor} from '../../seed/datasetFiles'
import {Committer} from '../../lake/write/committer'
import {encodeJournalLine, Journal, JournalCorruptError, parseJournal, recoverDataset} from '../../lake/store/journal'

let directory: string
let datasetPath: string

beforeEach(() => {
  directory = mkdtempSync(join(tmpdir(), 'journal-'))
  datasetPath = join(directory, 'production.ndjson')
  writeFileSync(datasetPath, `${JSON.stringify({_id: 'a', _type: 't', n: 0})}\n`)
})

afterEach(() => rmSync(directory, {recursive: true, force: true}))

const record = (transactionId: string, n: number) => ({transactionId, timestamp: '2026-01-01T00:00:00.000Z', upserts: [{_id: 'a', _type: 't', n}], deletes: []})

describe('journal file', () => {
  it('reads back what was appended', async () => {
    const {journal} = await Journal.open(journalPathFor(datasetPath))
    await Promise.all([journal.append(record('t1', 1)), journal.append(record('t2', 2))])
    expect(journal.length).toBe(2)
    await journal.close()
    const reopened = await Journal.open(journalPathFor(datasetPath))
    expect(reopened.contents.records.map((entry) => entry.transactionId)).toEqual(['t1', 't2'])
    await reopened.journal.close()
  })

  it('drops a torn last line and cuts it from the file', async () => {
    const path = journalPathFor(datasetPath)
    const full = encodeJournalLine(record('t1', 1))
    writeFileSync(path, full + encodeJournalLine(record('t2', 2)).slice(0, 30))
    const {journal, contents} = await Journal.open(path)
    expect(contents.records).toHaveLength(1)
    expect(contents.tornBytes).toBe(30)
    await journal.append(record('t3', 3))
    await journal.close()
    expect(parseJournal(readFileSync(path), path).records.map((entry) => entry.transactionId)).toEqual(['t1', 't3'])
  })

  it('refuses a journal damaged in the middle instead of dropping later transactions', () => {
    const good = encodeJournalLine(record('t1', 1))
    const content = Buffer.from(good.replace('"n":1', '"n":9') + encodeJournalLine(record('t2', 2)))
    expect(() => parseJournal(content, 'x.journal')).toThrow(JournalCorruptError)
    expect(() => parseJournal(content, 'x.journal')).toThrow(/line 1 is complete but damaged/)
  })

  it('creates the journal readable by its owner only', async () => {
    const {journal} = await Journal.open(journalPathFor(datasetPath))
    await journal.close()
    expect(statSync(journalPathFor(datasetPath)).mode & 0o077).toBe(0)
  })
})

describe('recovery and folding', () => {
  it('replays the journal over the dataset at start, folds it into the file and empties the journal', async () => {
    const path = journalPathFor(datasetPath)
    writeFileSync(path, encodeJournalLine(record('t1', 1)) + encodeJournalLine({transactionId: 't2', timestamp: 'x', upserts: [{_id: 'b', _type: 't'}], deletes: []}))
    appendFileSync(path, '{"torn')
    const recovered = await recoverDataset(datasetPath)
    expect(recovered.replayed).toBe(2)
    expect(recovered.tornBytes).toBe(6)
    expect(recovered.documents.get('a')?.n).toBe(1)
    expect(parseNdjson(readFileSync(datasetPath, 'utf8')).map((document) => document._id)).toEqual(['a', 'b'])
    expect(statSync(path).size).toBe(0)
    await recovered.journal.close()
  })

  it('replays a journal left by a crash of the earlier version, whose records say upserted and deleted', async () => {
    const json = JSON.stringify({transactionId: 'old', timestamp: 'x', upserted: [{_id: 'c', _type: 't', n: 7}], deleted: ['a']})
    const line = `${createHash('sha256').update(json).digest('hex').slice(0, 16)} ${json}\n`
    writeFileSync(journalPathFor(datasetPath), encodeJournalLine(record('t1', 1)) + line)
    const recovered = await recoverDataset(datasetPath)
    expect(recovered.replayed).toBe(2)
    expect([...recovered.documents.keys()]).toEqual(['c'])
    expect(recovered.documents.get('c')?.n).toBe(7)
    await recovered.journal.close()
  })

  it('stops at a complete last line with a bad checksum, which may have been acknowledged, and leaves the dataset file as it was', async () => {
    const datasetBefore = readFileSync(datasetPath, 'utf8')
    const damaged = encodeJournalLine(record('t2', 2)).replace('"n":2', '"n":3')
    writeFileSync(journalPathFor(datasetPath), encodeJournalLine(record('t1', 1)) + damaged)
    await expect(recoverDataset(datasetPath)).rejects.toThrow(/line 2 is complete but damaged/)
    expect(readFileSync(datasetPath, 'utf8')).toBe(datasetBefore)
  })

  it('stops at a record whose checksum holds but whose document no write could store', async () => {
    const datasetBefore = readFileSync(datasetPath, 'utf8')
    const forged = {transactionId: 'forged', timestamp: 'x', upserts: [{_id: 'has a space', n: 1}], deletes: []} as unknown as Parameters<typeof encodeJournalLine>[0]
    writeFileSync(journalPathFor(datasetPath), encodeJournalLine(forged))
    await expect(recoverDataset(datasetPath)).rejects.toThrow(/line 1 \(transaction forged\) holds a document that has the invalid _id "has a space"/)
    expect(readFileSync(datasetPath, 'utf8')).toBe(datasetBefore)
  })

  it('removes the temporary files of rewrites that a killed process left, and keeps those of a live one', async () => {
    const dead = spawnSync(process.execPath, ['-e', '0']).pid
    const directory = dirname(datasetPath)
    const stale = join(directory, `.production.ndjson.${dead}.1700000000000.tmp`)
    const live = join(directory, `.production.ndjson.${process.pid}.1700000000000.tmp`)
    writeFileSync(stale, 'half a dataset')
    writeFileSync(live, 'being written')
    const recovered = await recoverDataset(datasetPath)
    expect([existsSync(stale), existsSync(live)]).toEqual([false, true])
    await recovered.journal.close()
  })

  it('acknowledges a commit once it is in the journal, and folds it into the dataset file afterwards', async () => {
    const committer = await Committer.open({datasetPath})
    const seen: string[] = []
    committer.subscribe((transaction) => seen.push(transaction.transactionId))
    const transaction = await committer.mutate([{patch: {id: 'a', inc: {n: 1}}}], {transactionId: 'tx-1'})
    expect(seen).toEqual(['tx-1'])
    expect(committer.documents.get('a')).toMatchObject({n: 1, _rev: 'tx-1'})
    const journalNow = parseJournal(readFileSync(journalPathFor(datasetPath)), 'journal').records
    const fileNow = parseNdjson(readFileSync(datasetPath, 'utf8'))
    // Durable either way: still in the journal, or already folded into the file.
    expect(journalNow.some((entry) => entry.transactionId === 'tx-1') || fileNow[0]?._rev === 'tx-1').toBe(true)
    await committer.flush()
    expect(parseNdjson(readFileSync(datasetPath, 'utf8'))[0]).toMatchObject({n: 1, _rev: transaction.transactionId})
    expect(statSync(journalPathFor(datasetPath)).size).toBe(0)
    await committer.close()
  })

  it('runs concurrent transactions one after another, each seeing the one before', async () => {
    const committer = await Committer.open({datasetPath})
    await Promise.all(Array.from({length: 20}, () => committer.mutate([{patch: {id: 'a', inc: {n: 1}}}])))
    await committer.close()
    const reopened = await Committer.open({datasetPath})
    expect(reopened.documents.get('a')?.n).toBe(20)
    await reopened.close()
  })

  it('a dry run and a failed transaction write nothing', async () => {
    const committer = await Committer.open({datasetPath})
    const before = readFileSync(datasetPath, 'utf8')
    const dry = await committer.mutate([{patch: {id: 'a', set: {n: 5}}}], {dryRun: true})
    expect(dry.changes[0]?.document?.n).toBe(5)
    await expect(committer.mutate([{patch: {id: 'a', set: {n: 6}}}, {create: {_id: 'a', _type: 't'}}])).rejects.toThrow(/already exists/)
    await committer.flush()
    expect(committer.documents.get('a')?.n).toBe(0)
    expect(readFileSync(datasetPath, 'utf8')).toBe(before)
    await committer.close()
  })

  it('refuses a transaction id that was used before', async () => {
    const committer = await Committer.open({datasetPath})
    await committer.mutate([{patch: {id: 'a', inc: {n: 1}}}], {transactionId: 'same'})
    await expect(committer.mutate([{patch: {id: 'a', inc: {n: 1}}}], {transactionId: 'same'})).rejects.toThrow(/already been used/)
    await committer.close()
  })

  it('gives the transactions since a given one, for listeners that resume', async () => {
    const committer = await Committer.open({datasetPath, historyLength: 2})
    for (const id of ['t1', 't2', 't3']) await committer.mutate([{patch: {id: 'a', inc: {n: 1}}}], {transactionId: id})
    expect(committer.transactionsSince('t2')?.map((transaction) => transaction.transactionId)).toEqual(['t2', 't3'])
    expect(committer.transactionsSince('t1')).toBeNull()
    await committer.close()
  })
})
