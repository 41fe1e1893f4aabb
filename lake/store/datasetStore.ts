import {watch, type FSWatcher} from 'node:fs'
import path from 'node:path'
import type {StoredDocument} from '../../client/embedded/dataset'
import {applyChangeSetInOrder, type ChangeSet} from './changeSet'
import {contentTagOf, readDatasetFile} from './datasetFile'

/** One immutable state of the dataset. Every query, page and ETag is computed from exactly one. */
export interface DatasetVersion {
  /** Goes up by one with every change; never reused while the server runs. */
  readonly version: number
  /** Derived from the content: equal content gives an equal tag, so ETags survive a restart. */
  readonly etag: string
  readonly documents: readonly StoredDocument[]
}

/**
 * How a version reaches a holder of the dataset (a worker thread): the whole
 * document set, or the change from the version before it. Deletes apply
 * before upserts; an upsert replaces a document with its `_id` in place and
 * appends a new one, so every holder keeps the same document order.
 * The whole set travels as JSON text: copying one string to a thread is a
 * memory copy, where copying 100k objects takes seconds on the main thread.
 */
export type VersionDelivery =
  | {kind: 'full'; version: number; etag: string; documentsJson: string}
  | {kind: 'delta'; version: number; etag: string; baseVersion: number; upserts: readonly StoredDocument[]; deletes: readonly string[]}

export type VersionListener = (delivery: VersionDelivery, version: DatasetVersion) => void

export interface StoreLog {
  info(message: string): void
  warn(message: string): void
  error(message: string): void
}

export interface OpenStoreOptions {
  /** Follow changes to the file and publish each good one as a new version. Defaults to false. */
  watch?: boolean
  log?: StoreLog
}

const consoleLog: StoreLog = {info: console.log, warn: console.warn, error: console.error}

/** Applies a delivery to a document list in the order every holder uses. */
export function applyDelivery(documents: readonly StoredDocument[], delivery: VersionDelivery): StoredDocument[] {
  // The store checked every document of a version before publishing it.
  if (delivery.kind === 'full') return JSON.parse(delivery.documentsJson) as StoredDocument[]
  return applyChangeSetInOrder(documents, delivery)
}

function describe(error: unknown): string {
  return error instanceof Error ? error.message : String(error)
}

/**
 * The single owner of the dataset the server serves. It holds the current
 * version, publishes every new one to its subscribers (the query pool, the
 * preview) before anyone can ask for it, and refuses a broken file while the
 * last good version keeps serving.
 */
export class DatasetStore {
  private currentVersion: DatasetVersion
  private readonly listeners = new Set<VersionListener>()
  private watcher: FSWatcher | null = null
  private reloadTimer: NodeJS.Timeout | undefined
  private reloading: Promise<unknown> = Promise.resolve()
  private fileTag: string | null
  /** The current version as JSON text, made on first need. */
  private currentJson: string | null

  private constructor(
    readonly origin: string,
    documents: readonly StoredDocument[],
    etag: string,
    private readonly filePath: string | null,
    private readonly log: StoreLog,
    documentsJson: string | null = null,
  ) {
    this.currentVersion = {version: 1, etag, documents: Object.freeze([...documents])}
    this.fileTag = filePath === null ? null : etag
    this.currentJson = documentsJson
  }

  /** Loads and checks a dataset file; throws DatasetFileError naming the line when it cannot be served. */
  static async open(filePath: string, options: OpenStoreOptions = {}): Promise<DatasetStore> {
    const log = options.log ?? consoleLog
    const contents = await readDatasetFile(filePath)
    for (const warning of contents.warnings) log.warn(`Warning: ${warning}`)
    const store = new DatasetStore(filePath, contents.documents, contents.contentTag, filePath, log, contents.documentsJson)
    if (options.watch) store.watchFile()
    return store
  }

  /** A store over documents in memory, e.g. for tests; change sets still make new versions. */
  static fromDocuments(documents: readonly StoredDocument[], origin = 'documents', log: StoreLog = consoleLog): DatasetStore {
    // The text the tag is made from is also what the first full delivery sends: serialise once.
    const documentsJson = JSON.stringify(documents)
    return new DatasetStore(origin, documents, contentTagOf(documentsJson), null, log, documentsJson)
  }

  current(): DatasetVersion {
    return this.currentVersion
  }

  /** The current version as a whole document set, for a holder that starts from nothing. */
  fullDelivery(): VersionDelivery {
    const {version, etag, documents} = this.currentVersion
    this.currentJson ??= JSON.stringify(documents)
    return {kind: 'full', version, etag, documentsJson: this.currentJson}
  }

  /** Calls the listener with every later version, synchronously as it is published. Returns the unsubscribe function. */
  subscribe(listener: VersionListener): () => void {
    this.listeners.add(listener)
    return () => this.listeners.delete(listener)
  }

  /**
   * Publishes a change set as the next version (n+1) and tells subscribers
   * the delta. Every upsert must have a string `_id` and `_type`.
   */
  publishChangeSet(changes: ChangeSet): DatasetVersion {
    for (const document of changes.upserts) {
      if (typeof document._id !== 'string' || document._id === '' || typeof document._type !== 'string' || document._type === '') {
        throw new TypeError('Every upserted document needs a string _id and _type.')
      }
    }
    const base = this.currentVersion
    const etag = contentTagOf(`${base.etag}\n${JSON.stringify(changes.deletes)}\n${JSON.stringify(changes.upserts)}`)
    const delivery: VersionDelivery = {
      kind: 'delta',
      version: base.version + 1,
      etag,
      baseVersion: base.version,
      upserts: [...changes.upserts],
      deletes: [...changes.deletes],
    }
    return this.publish(delivery, applyDelivery(base.documents, delivery))
  }

  /**
   * Reads the file again. A changed, valid file becomes the next version as
   * a whole; a broken one is refused with a log line and the current version
   * stays. Resolves with what happened.
   */
  reload(): Promise<'published' | 'unchanged' | 'refused'> {
    const run = this.reloading.then(() => this.reloadNow())
    this.reloading = run.catch(() => undefined)
    return run
  }

  close(): void {
    clearTimeout(this.reloadTimer)
    this.watcher?.close()
    this.watcher = null
    this.listeners.clear()
  }

  private async reloadNow(): Promise<'published' | 'unchanged' | 'refused'> {
    if (this.filePath === null) return 'unchanged'
    try {
      const contents = await readDatasetFile(this.filePath)
      if (contents.contentTag === this.fileTag) return 'unchanged'
      for (const warning of contents.warnings) this.log.warn(`Warning: ${warning}`)
      this.fileTag = contents.contentTag
      const version = this.currentVersion.version + 1
      const published = this.publish({kind: 'full', version, etag: contents.contentTag, documentsJson: contents.documentsJson}, contents.documents)
      this.log.info(`Dataset ${this.filePath} changed: now serving version ${published.version} (${published.documents.length} documents).`)
      return 'published'
    } catch (error) {
      this.log.error(`Refused the changed dataset file, still serving version ${this.currentVersion.version}: ${describe(error)}`)
      return 'refused'
    }
  }

  private publish(delivery: VersionDelivery, documents: readonly StoredDocument[]): DatasetVersion {
    this.currentVersion = {version: delivery.version, etag: delivery.etag, documents: Object.freeze([...documents])}
    this.currentJson = delivery.kind === 'full' ? delivery.documentsJson : null
    for (const listener of this.listeners) listener(delivery, this.currentVersion)
    return this.currentVersion
  }

  private watchFile(): void {
    if (this.filePath === null) return
    const directory = path.dirname(this.filePath)
    const name = path.basename(this.filePath)
    // The directory, not the file: editors and seed scripts often replace the file by renaming.
    this.watcher = watch(directory, (_event, changed) => {
      if (changed !== null && changed !== name) return
      clearTimeout(this.reloadTimer)
      // Writes come in bursts; read once they have settled.
      this.reloadTimer = setTimeout(() => void this.reload(), 100)
    })
    this.watcher.on('error', (error) => this.log.error(`Stopped watching ${this.filePath}: ${describe(error)}`))
  }
}
