import {createHash} from 'node:crypto'
import {open, readdir, readFile, rename, rm, type FileHandle} from 'node:fs/promises'
import {basename, dirname, join} from 'node:path'
import type {StoredDocument} from '../../client/embedded/dataset'
import {journalPathFor} from '../../seed/datasetFiles'
import {applyChangeSet, type ChangeSet} from './changeSet'
import {readDatasetFile} from './datasetFile'
import {DOCUMENT_ID, problemWithDocument} from './documentRules'

/**
 * The write-ahead journal of accepted transactions. A transaction is
 * acknowledged only once its line is written and fsynced here; it is folded
 * into the dataset file afterwards, through a temporary file, fsync, rename
 * and a directory fsync, and the journal is emptied once the dataset file
 * holds everything it held. After a crash, start replays the journal over the
 * dataset file: each line carries the documents' states after the
 * transaction, so replaying a line twice changes nothing.
 *
 * Line format: `<16 hex digits of sha256(json)> <json>\n`.
 */

/** One acknowledged transaction: its id, its time and what it did to the dataset. */
export interface JournalRecord extends ChangeSet {
  transactionId: string
  timestamp: string
  /** Who made it and the mutations as applied, so that the history can be rebuilt from the journal after a crash; absent in journals written before history was kept. */
  identity?: string
  mutations?: unknown[]
}

/** A replayed journal record with the states its documents had before it. */
export interface ReplayedRecord {
  record: JournalRecord
  previous: ReadonlyMap<string, StoredDocument | null>
}

export class JournalCorruptError extends Error {
  override name = 'JournalCorruptError'
}

function checksum(json: string): string {
  return createHash('sha256').update(json).digest('hex').slice(0, 16)
}

export function encodeJournalLine(record: JournalRecord): string {
  const json = JSON.stringify(record)
  return `${checksum(json)} ${json}\n`
}

function decodeJournalLine(line: string): JournalRecord | null {
  const space = line.indexOf(' ')
  if (space !== 16) return null
  const json = line.slice(space + 1)
  if (checksum(json) !== line.slice(0, space)) return null
  try {
    const record = JSON.parse(json) as JournalRecord & {upserted?: StoredDocument[]; deleted?: string[]}
    // Journals written before the change set took its one name call its fields `upserted` and `deleted`.
    const {upserted, deleted, ...rest} = record
    const current: JournalRecord = upserted !== undefined && deleted !== undefined ? {...rest, upserts: upserted, deletes: deleted} : record
    return Array.isArray(current.upserts) && Array.isArray(current.deletes) && typeof current.transactionId === 'string' ? current : null
  } catch {
    return null
  }
}

export interface JournalContents {
  records: JournalRecord[]
  /** Bytes of the complete, valid lines. */
  validBytes: number
  /** Bytes after them: a line torn by a crash during its append (never acknowledged). */
  tornBytes: number
}

/** What is wrong with a record whose checksum holds, or null: it is replayed into the dataset, so it must hold what a write may store. */
function problemWithRecord(record: JournalRecord): string | null {
  for (const document of record.upserts) {
    const problem = problemWithDocument(document)
    if (problem !== null) return `a document that ${problem}`
  }
  const badDelete = record.deletes.find((id) => typeof id !== 'string' || !DOCUMENT_ID.test(id))
  return badDelete === undefined ? null : `a delete of the invalid id ${JSON.stringify(badDelete)}`
}

/**
 * Reads a journal. Only an unfinished last line (no newline: the append was
 * cut off by a crash, so it was never acknowledged) is dropped. A complete
 * line with a bad checksum, or a record that holds what no write may store,
 * may have been acknowledged or would damage the dataset: the start stops,
 * names the line, and leaves the dataset file as it was.
 */
export function parseJournal(content: Buffer, path: string): JournalContents {
  const records: JournalRecord[] = []
  let offset = 0
  let lineNumber = 0
  const recovery = 'Nothing was changed. Move the journal away to start without it (its transactions are then lost), or restore it from a backup.'
  while (offset < content.length) {
    lineNumber += 1
    const end = content.indexOf(0x0a, offset)
    if (end === -1) return {records, validBytes: offset, tornBytes: content.length - offset}
    const line = content.toString('utf8', offset, end)
    offset = end + 1
    // Blank lines carry nothing; they are what a crash may leave after the last record.
    if (line === '') continue
    const record = decodeJournalLine(line)
    if (record === null)
      throw new JournalCorruptError(`${path}: line ${lineNumber} is complete but damaged (its checksum does not match); it may hold an acknowledged transaction. ${recovery}`)
    const problem = problemWithRecord(record)
    if (problem !== null)
      throw new JournalCorruptError(`${path}: line ${lineNumber} (transaction ${record.transactionId}) holds ${problem}; it was not written by this server. ${recovery}`)
    records.push(record)
  }
  return {records, validBytes: offset, tornBytes: 0}
}

/** An append-only journal file with group commit: concurrent appends share one fsync. */
export class Journal {
  private tail: Promise<unknown> = Promise.resolve()
  private batch: {lines: string[]; done: Promise<void>} | null = null
  private broken: Error | null = null

  private constructor(
    readonly path: string,
    private handle: FileHandle,
    private bytes: number,
    private count: number,
  ) {}

  /** Opens (or creates) the journal, cuts off a torn last line, and returns the records it holds. */
  static async open(path: string): Promise<{journal: Journal; contents: JournalContents}> {
    let content: Buffer
    try {
      content = await readFile(path)
    } catch (error) {
      if ((error as {code?: unknown}).code !== 'ENOENT') throw error
      content = Buffer.alloc(0)
    }
    const contents = parseJournal(content, path)
    const handle = await open(path, 'a', 0o600)
    if (contents.tornBytes > 0) {
      await handle.truncate(contents.validBytes)
      await handle.sync()
    }
    return {journal: new Journal(path, handle, contents.validBytes, contents.records.length), contents}
  }

  /** Records appended since the journal was last emptied. */
  get length(): number {
    return this.count
  }

  private enqueue<T>(task: () => Promise<T>): Promise<T> {
    const run = this.tail.then(task, task)
    this.tail = run.catch(() => undefined)
    return run
  }

  /** Resolves once the record is on disk (written and fsynced). */
  append(record: JournalRecord): Promise<void> {
    if (this.broken) return Promise.reject(this.broken)
    const line = encodeJournalLine(record)
    if (this.batch === null) {
      const lines: string[] = []
      const batch = {
        lines,
        done: this.enqueue(async () => {
          if (this.batch === batch) this.batch = null
          if (this.broken) throw this.broken
          const data = Buffer.from(lines.join(''), 'utf8')
          try {
            await this.handle.appendFile(data)
            await this.handle.datasync()
          } catch (error) {
            // Cut off whatever part of the batch reached the file, so later lines follow a complete one.
            await this.handle.truncate(this.bytes).catch((truncateError: unknown) => {
              this.broken = new Error(`The journal ${this.path} could not be repaired after a failed write: ${String(truncateError)}`)
            })
            throw error
          }
          this.bytes += data.length
          this.count += lines.length
        }),
      }
      this.batch = batch
    }
    this.batch.lines.push(line)
    return this.batch.done
  }

  /** Empties the journal, but only if it still holds exactly `expectedLength` records (nothing was appended meanwhile). */
  truncateIfLength(expectedLength: number): Promise<boolean> {
    return this.enqueue(async () => {
      if (this.count !== expectedLength || this.batch !== null) return false
      await this.handle.truncate(0)
      await this.handle.sync()
      this.bytes = 0
      this.count = 0
      return true
    })
  }

  async close(): Promise<void> {
    await this.enqueue(async () => undefined)
    await this.handle.close()
  }
}

/** Dataset file text in the seed's format: one document per line, sorted by `_id`. */
export function datasetText(documents: Iterable<StoredDocument>): string {
  const sorted = [...documents].sort((a, b) => (a._id < b._id ? -1 : a._id > b._id ? 1 : 0))
  return sorted.map((document) => `${JSON.stringify(document)}\n`).join('')
}

/**
 * Replaces a file so that a crash at any moment leaves either the old or the
 * new content: write a temporary file beside it, fsync it, rename it over the
 * target, fsync the directory so the rename itself is durable.
 */
export async function writeFileDurably(path: string, content: string): Promise<void> {
  const directory = dirname(path)
  const temporary = join(directory, `.${basename(path)}.${process.pid}.${Date.now()}.tmp`)
  const handle = await open(temporary, 'w', 0o644)
  try {
    await handle.writeFile(content, 'utf8')
    await handle.sync()
  } catch (error) {
    await handle.close()
    await rm(temporary, {force: true})
    throw error
  }
  await handle.close()
  try {
    await rename(temporary, path)
  } catch (error) {
    await rm(temporary, {force: true})
    throw error
  }
  const directoryHandle = await open(directory, 'r')
  try {
    await directoryHandle.sync()
  } finally {
    await directoryHandle.close()
  }
}

export interface RecoveredDataset {
  documents: Map<string, StoredDocument>
  journal: Journal
  /** Transactions found in the journal and replayed. */
  replayed: number
  /** Bytes of a torn last line that was dropped (a transaction that was never acknowledged). */
  tornBytes: number
}

async function readCheckedDocuments(path: string): Promise<StoredDocument[]> {
  return (await readDatasetFile(path)).documents
}

/**
 * Loads the dataset file and replays its journal. When the journal held
 * transactions, they are folded into the dataset file right away and the
 * journal is emptied, so the next start is quick.
 */
function processIsAlive(pid: number): boolean {
  try {
    process.kill(pid, 0)
    return true
  } catch (error) {
    // EPERM: it exists, under another user.
    return (error as {code?: unknown}).code === 'EPERM'
  }
}

/** Removes the temporary files of rewrites of this file (the dataset, or its history) that a killed process left (`.<file>.<pid>.<time>.tmp`); those of a live process stay. */
export async function removeStaleTemporaryFiles(datasetPath: string): Promise<void> {
  const directory = dirname(datasetPath)
  const prefix = `.${basename(datasetPath)}.`
  for (const name of await readdir(directory)) {
    const match = name.startsWith(prefix) ? /^(\d+)\.\d+\.tmp$/u.exec(name.slice(prefix.length)) : null
    if (match && !processIsAlive(Number(match[1]))) await rm(join(directory, name), {force: true})
  }
}

/**
 * `beforeFold` gets the replayed records before the journal is emptied, so
 * that what keeps them elsewhere (the history) has them on disk first.
 */
export async function recoverDataset(
  datasetPath: string,
  readDataset: (path: string) => Promise<StoredDocument[]> = readCheckedDocuments,
  beforeFold: (replayed: ReplayedRecord[]) => Promise<void> = async () => undefined,
): Promise<RecoveredDataset> {
  await removeStaleTemporaryFiles(datasetPath)
  const documents = new Map<string, StoredDocument>()
  for (const document of await readDataset(datasetPath)) documents.set(document._id, document)
  const {journal, contents} = await Journal.open(journalPathFor(datasetPath))
  const replayed: ReplayedRecord[] = []
  for (const record of contents.records) {
    const previous = new Map([...record.deletes, ...record.upserts.map((document) => document._id)].map((id) => [id, documents.get(id) ?? null]))
    replayed.push({record, previous})
    applyChangeSet(documents, record)
  }
  await beforeFold(replayed)
  if (contents.records.length > 0) {
    await writeFileDurably(datasetPath, datasetText(documents.values()))
    await journal.truncateIfLength(contents.records.length)
  }
  return {documents, journal, replayed: contents.records.length, tornBytes: contents.tornBytes}
}

export function journalRecordOf(transaction: {transactionId: string; timestamp: string; identity: string; mutations: unknown[]}, changes: ChangeSet): JournalRecord {
  return {
    transactionId: transaction.transactionId,
    timestamp: transaction.timestamp,
    identity: transaction.identity,
    mutations: transaction.mutations,
    upserts: changes.upserts,
    deletes: changes.deletes,
  }
}
