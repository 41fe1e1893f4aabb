import {open, readFile, type FileHandle} from 'node:fs/promises'
import {basename, dirname, join} from 'node:path'
import {writeFileDurably} from '../store/journal'
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
    let content: Buffer
    try {
      content = await readFile(path)
    } catch (error) {
      if ((error as {code?: unknown}).code !== 'ENOENT') throw error
      content = Buffer.alloc(0)
    }
    const entries: HistoryEntry[] = []
    const kept: Buffer[] = []
    let skippedLines = 0
    let offset = 0
    let size = 0
    while (offset < content.length) {
      const end = content.indexOf(0x0a, offset)
      const lineEnd = end === -1 ? content.length : end
      const line = content.subarray(offset, lineEnd)
      offset = lineEnd + 1
      if (line.length === 0) continue
      const record = end === -1 ? null : decodeHistoryLine(line.toString('utf8'))
      if (record === null) {
        skippedLines += 1
        continue
      }
      entries.push(entryOf(record, size, line.length + 1))
      kept.push(content.subarray(offset - line.length - 1, offset))
      size += line.length + 1
    }
    // A file with lines left out is rewritten without them, so offsets and the file agree.
    if (skippedLines > 0) await writeFileDurably(path, Buffer.concat(kept).toString('utf8'))
    const handle = await open(path, 'a+', 0o600)
    const log = new HistoryLog(path, handle, entries, size, retention, now)
    const dropped = await log.applyRetention()
    return {log, opening: {skippedLines, dropped}}
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
    const kept = Buffer.alloc(keptLength)
    if (keptLength > 0) await this.handle.read(kept, 0, keptLength, start)
    await writeFileDurably(this.path, kept.toString('utf8'))
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
