import {createReadStream} from 'node:fs'
import {open, readFile, rename, rm, type FileHandle} from 'node:fs/promises'
import {basename, dirname, join} from 'node:path'
import {removeStaleTemporaryFiles, writeFileDurably} from '../store/journal'
import {decodeHistoryLine, encodeHistoryLine, type HistoryRecord} from './historyRecord'

/**
 * The append-only history file beside the dataset file: one line per
 * transaction (see historyRecord.ts), oldest first. Lines are appended as
 * transactions commit and fsynced before the journal, which holds the same
 * transactions, is emptied; what a crash took from this file the journal
 * gives back on the next start. Only an index (id, time, author, documents,
 * place in the file) is held in memory; records are read from the file when
 * asked for. Retention keeps it bounded: past `maxBytes`, or older than
 * `retentionDays`, the oldest transactions are dropped by rewriting the file.
 */

/** `.production.history.ndjson` beside `production.ndjson` (git-ignored, like the journal). */
export function historyPathFor(datasetPath: string): string {
  return join(dirname(datasetPath), `.${basename(datasetPath).replace(/\.ndjson$/u, '')}.history.ndjson`)
}

export interface HistoryRetention {
  /** The file may grow to this many bytes; beyond it, the oldest transactions go until three quarters of it remain. */
  maxBytes: number
  /** Transactions older than this many days are dropped; 0 keeps them regardless of age. */
  retentionDays: number
}

export const DEFAULT_HISTORY_RETENTION: HistoryRetention = {maxBytes: 256 * 1024 * 1024, retentionDays: 365}

export interface HistoryEntry {
  id: string
  /** The transaction's time in milliseconds. */
  time: number
  timestamp: string
  author: string
  documentIds: readonly string[]
  offset: number
  length: number
}

export interface HistoryOpening {
  /** Lines that were not records (damaged by hand or by a crash) and were left out. */
  skippedLines: number
  /** Transactions dropped by retention while opening. */
  dropped: number
}

const DAY_MS = 24 * 60 * 60 * 1000

function entryOf(record: HistoryRecord, offset: number, length: number): HistoryEntry {
  return {
    id: record.id,
    time: Date.parse(record.timestamp),
    timestamp: record.timestamp,
    author: record.author,
    documentIds: record.documents.map((change) => change.id),
    offset,
    length,
  }
}

/**
 * Reads the history file in chunks, never whole, and indexes its records.
 * A line that is not a record (or a last line without its newline, cut off
 * by a crash) is listed in `skipped`.
 */
async function indexFile(path: string): Promise<{entries: HistoryEntry[]; skipped: number[]; size: number}> {
  const entries: HistoryEntry[] = []
  const skipped: number[] = []
  let pending: Buffer[] = []
  let pendingStart = 0
  let position = 0
  const take = (line: Buffer, start: number, complete: boolean) => {
    if (line.length === 0) return
    const record = complete ? decodeHistoryLine(line.toString('utf8')) : null
    if (record === null) skipped.push(start)
    else entries.push(entryOf(record, start, line.length + 1))
  }
  try {
    for await (const chunk of createReadStream(path, {highWaterMark: 1024 * 1024})) {
      const buffer = chunk as Buffer // a file stream without an encoding yields Buffers
      let from = 0
      for (let end = buffer.indexOf(0x0a); end !== -1; end = buffer.indexOf(0x0a, from)) {
        const line = pending.length === 0 ? buffer.subarray(from, end) : Buffer.concat([...pending, buffer.subarray(from, end)])
        take(line, pending.length === 0 ? position + from : pendingStart, true)
        pending = []
        from = end + 1
      }
      if (from < buffer.length) {
        if (pending.length === 0) pendingStart = position + from
        pending.push(buffer.subarray(from))
      }
      position += buffer.length
    }
  } catch (error) {
    if ((error as {code?: unknown}).code !== 'ENOENT') throw error
  }
  if (pending.length > 0) take(Buffer.concat(pending), pendingStart, false)
  return {entries, skipped, size: position}
}

/**
 * Replaces the file at `path` with the last `length` bytes from `start` of
 * `source`, copied in chunks, so that a crash leaves the old file or the new
 * one: a temporary file beside it, fsync, rename, directory fsync.
 */
async function copyTailDurably(source: FileHandle, start: number, length: number, path: string): Promise<void> {
  const temporary = join(dirname(path), `.${basename(path)}.${process.pid}.${Date.now()}.tmp`)
  const target = await open(temporary, 'w', 0o600)
  try {
    const chunk = Buffer.alloc(Math.min(length, 1024 * 1024))
    for (let copied = 0; copied < length;) {
      const {bytesRead} = await source.read(chunk, 0, Math.min(chunk.length, length - copied), start + copied)
      if (bytesRead === 0) throw new Error(`${path} ended before the history it should hold`)
      await target.write(chunk, 0, bytesRead)
      copied += bytesRead
    }
    await target.sync()
  } catch (error) {
    await target.close()
    await rm(temporary, {force: true})
    throw error
  }
  await target.close()
  await rename(temporary, path)
  const directory = await open(dirname(path), 'r')
  try {
    await directory.sync()
  } finally {
    await directory.close()
  }
}

export class HistoryLog {
  private tail: Promise<unknown> = Promise.resolve()
  private readonly ids = new Set<string>()
  private synced = true

  private constructor(
    readonly path: string,
    private handle: FileHandle,
    private entryList: HistoryEntry[],
    private bytes: number,
    private readonly retention: HistoryRetention,
    private readonly now: () => number,
  ) {
    for (const entry of entryList) this.ids.add(entry.id)
  }

  /** Opens (or creates) the history file, leaves out lines that are not records, and applies retention. */
  static async open(path: string, retention: HistoryRetention = DEFAULT_HISTORY_RETENTION, now: () => number = Date.now): Promise<{log: HistoryLog; opening: HistoryOpening}> {
    await removeStaleTemporaryFiles(path)
    const {entries, skipped, size} = await indexFile(path)
    if (skipped.length > 0) {
      // A file with lines left out is rewritten without them, so offsets and the file agree.
      const content = await readFile(path)
      const kept = entries.map((entry) => content.subarray(entry.offset, entry.offset + entry.length).toString('utf8'))
      let offset = 0
      for (const entry of entries) {
        entry.offset = offset
        offset += entry.length
      }
      await writeFileDurably(path, kept.join(''))
    }
    const handle = await open(path, 'a+', 0o600)
    const log = new HistoryLog(path, handle, entries, skipped.length > 0 ? entries.reduce((total, entry) => total + entry.length, 0) : size, retention, now)
    const dropped = await log.applyRetention()
    return {log, opening: {skippedLines: skipped.length, dropped}}
  }

  private enqueue<T>(task: () => Promise<T>): Promise<T> {
    const run = this.tail.then(task, task)
    this.tail = run.catch(() => undefined)
    return run
  }

  /** Every kept transaction, oldest first. Do not modify. */
  get entries(): readonly HistoryEntry[] {
    return this.entryList
  }

  get sizeBytes(): number {
    return this.bytes
  }

  has(transactionId: string): boolean {
    return this.ids.has(transactionId)
  }

  /** Appends records (written, not yet fsynced: the journal holds them until `sync`). */
  append(records: readonly HistoryRecord[]): Promise<void> {
    return this.enqueue(async () => {
      const fresh = records.filter((record) => !this.ids.has(record.id))
      if (fresh.length === 0) return
      const lines = fresh.map(encodeHistoryLine)
      const data = Buffer.from(lines.join(''), 'utf8')
      await this.handle.appendFile(data)
      this.synced = false
      let offset = this.bytes
      for (const [index, record] of fresh.entries()) {
        const length = Buffer.byteLength(lines[index] ?? '')
        this.entryList.push(entryOf(record, offset, length))
        this.ids.add(record.id)
        offset += length
      }
      this.bytes = offset
      await this.dropOldest()
    })
  }

  /** Resolves once every appended record is on disk. */
  sync(): Promise<void> {
    return this.enqueue(async () => {
      if (this.synced) return
      await this.handle.datasync()
      this.synced = true
    })
  }

  /** The whole record of a kept transaction. */
  read(entry: HistoryEntry): Promise<HistoryRecord> {
    return this.enqueue(async () => {
      const buffer = Buffer.alloc(entry.length)
      await this.handle.read(buffer, 0, entry.length, entry.offset)
      const record = decodeHistoryLine(buffer.toString('utf8'))
      if (record === null || record.id !== entry.id) throw new Error(`${this.path}: the record of transaction ${entry.id} could not be read back.`)
      return record
    })
  }

  /** Drops what retention no longer keeps; returns how many transactions went. */
  applyRetention(): Promise<number> {
    return this.enqueue(() => this.dropOldest())
  }

  private async dropOldest(): Promise<number> {
    const oldestKept = this.retention.retentionDays > 0 ? this.now() - this.retention.retentionDays * DAY_MS : -Infinity
    let first = 0
    while (first < this.entryList.length && (this.entryList[first]?.time ?? 0) < oldestKept) first += 1
    if (this.bytes > this.retention.maxBytes) {
      const target = Math.floor((this.retention.maxBytes * 3) / 4)
      let remaining = this.bytes - (this.entryList[first]?.offset ?? this.bytes)
      while (first < this.entryList.length && remaining > target) {
        remaining -= this.entryList[first]?.length ?? 0
        first += 1
      }
    }
    if (first === 0) return 0
    const start = this.entryList[first]?.offset ?? this.bytes
    const keptLength = this.bytes - start
    await copyTailDurably(this.handle, start, keptLength, this.path)
    await this.handle.close()
    this.handle = await open(this.path, 'a+', 0o600)
    for (const entry of this.entryList.slice(0, first)) this.ids.delete(entry.id)
    this.entryList = this.entryList.slice(first).map((entry) => ({...entry, offset: entry.offset - start}))
    this.bytes = keptLength
    this.synced = true
    return first
  }

  async close(): Promise<void> {
    await this.sync()
    await this.enqueue(async () => this.handle.close())
  }
}
