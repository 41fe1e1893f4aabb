import type {StoredDocument} from '../../client/embedded/dataset'
import {applyChangeSet, type ChangeSet} from '../store/changeSet'
import {datasetText, journalRecordOf, recoverDataset, writeFileDurably, type Journal, type ReplayedRecord} from '../store/journal'
import {historyPathFor, HistoryLog, type HistoryOpening, type HistoryRetention} from '../history/historyLog'
import {historyRecordOf, type HistoryRecord} from '../history/historyRecord'
import {changeSetOf, TransactionDraft, type CommittedTransaction, type TransactionOptions} from './transaction'
import {checkReferences, ReferenceIndex} from './references'
import {TransactionError} from './transactionError'

export interface CommitterOptions {
  datasetPath: string
  /** How many recent transactions to keep for listeners that reconnect with Last-Event-ID. */
  historyLength?: number
  readDataset?: (path: string) => Promise<StoredDocument[]>
  /**
   * How long after a commit the dataset file is rewritten, so that a burst of
   * commits costs one rewrite and its fsyncs do not compete with the
   * journal's. The journal keeps the transactions durable meanwhile.
   */
  foldDelayMs?: number
  /** Told when folding into the dataset file fails; the journal keeps the transactions meanwhile. */
  onFoldError?: (error: unknown) => void
  /** How much history the history file beside the dataset keeps. */
  historyRetention?: HistoryRetention
}

/** A replayed journal record as a history record; the author and mutations of journals from before history was kept are unknown. */
function historyRecordOfReplayed({record, previous}: ReplayedRecord): HistoryRecord {
  const after = new Map<string, StoredDocument | null>(record.deletes.map((id) => [id, null]))
  for (const document of record.upserts) after.set(document._id, document)
  return historyRecordOf({
    transactionId: record.transactionId,
    timestamp: record.timestamp,
    identity: record.identity ?? '',
    mutations: record.mutations ?? [],
    changes: [...after].map(([id, document]) => ({id, previous: previous.get(id) ?? null, document})),
  })
}

export interface CommitOptions extends TransactionOptions {
  /** Work out the result, but write nothing and tell no one. */
  dryRun?: boolean
}

export type CommitListener = (transaction: CommittedTransaction, changes: ChangeSet) => void

/**
 * The single writer of a dataset. Transactions run one at a time against the
 * current documents; each is acknowledged (its promise resolves) only after
 * its journal line is fsynced, and its change set is applied and announced to
 * subscribers before that. Folding into the dataset file follows in the
 * background, coalescing transactions that arrive meanwhile.
 */
export class Committer {
  private queue: Promise<unknown> = Promise.resolve()
  private readonly listeners = new Set<CommitListener>()
  private readonly history: CommittedTransaction[] = []
  private readonly historyLength: number
  /** Journal records applied to `documents` since the journal was last emptied. */
  private appliedRecords = 0
  private folding: Promise<void> | null = null
  private foldAgain = false
  private foldTimer: NodeJS.Timeout | null = null
  private closed = false
  private readonly references: ReferenceIndex

  private constructor(
    readonly datasetPath: string,
    private readonly current: Map<string, StoredDocument>,
    private readonly journal: Journal,
    /** Every transaction within retention, on disk: what the history endpoints answer from. */
    readonly historyLog: HistoryLog,
    readonly recovered: {replayed: number; tornBytes: number; history: HistoryOpening},
    private readonly options: CommitterOptions,
  ) {
    this.historyLength = options.historyLength ?? 1000
    this.references = new ReferenceIndex(current.values())
  }

  static async open(options: CommitterOptions): Promise<Committer> {
    const {log, opening} = await HistoryLog.open(historyPathFor(options.datasetPath), options.historyRetention)
    try {
      // Transactions the journal holds but a crash took from the history file are put back before the journal is emptied.
      const recovered = await recoverDataset(options.datasetPath, options.readDataset, async (replayed) => {
        await log.append(replayed.filter(({record}) => !log.has(record.transactionId)).map(historyRecordOfReplayed))
        await log.sync()
      })
      return new Committer(
        options.datasetPath,
        recovered.documents,
        recovered.journal,
        log,
        {replayed: recovered.replayed, tornBytes: recovered.tornBytes, history: opening},
        options,
      )
    } catch (error) {
      await log.close()
      throw error
    }
  }

  /** The documents as of the last acknowledged transaction. Do not modify. */
  get documents(): ReadonlyMap<string, StoredDocument> {
    return this.current
  }

  subscribe(listener: CommitListener): () => void {
    this.listeners.add(listener)
    return () => this.listeners.delete(listener)
  }

  /**
   * The transaction with this id and every one committed after it, oldest
   * first, or null when it is not among the recent ones (a listener that
   * reconnects must then start over).
   */
  transactionsSince(transactionId: string): CommittedTransaction[] | null {
    const index = this.history.findIndex((transaction) => transaction.transactionId === transactionId)
    return index === -1 ? null : this.history.slice(index)
  }

  /** Runs `build` against a draft of the current documents and commits what it did. */
  transact(build: (draft: TransactionDraft) => Promise<void>, options: CommitOptions = {}): Promise<CommittedTransaction> {
    const run = this.queue.then(async () => {
      if (this.closed) throw new Error('The dataset is closed; the server is shutting down.')
      if (
        options.transactionId !== undefined &&
        (this.historyLog.has(options.transactionId) || this.history.some((transaction) => transaction.transactionId === options.transactionId))
      ) {
        throw new TransactionError(409, [{index: 0, type: 'transactionIdInUseError', description: `Transaction ID "${options.transactionId}" has already been used`}])
      }
      const draft = new TransactionDraft(this.current, options)
      await build(draft)
      const transaction = draft.finish()
      checkReferences(
        draft,
        this.references,
        transaction.changes.map((change) => change.id),
      )
      if (options.dryRun === true || transaction.changes.length === 0) return transaction
      const changes = changeSetOf(transaction)
      await this.journal.append(journalRecordOf(transaction, changes))
      const previous = new Map(transaction.changes.map((change) => [change.id, change.previous]))
      this.references.apply(changes, (id) => previous.get(id) ?? null)
      applyChangeSet(this.current, changes)
      this.appliedRecords += 1
      // Written before the answer; fsynced before the journal, which holds it too, is emptied.
      await this.historyLog.append([historyRecordOf(transaction)]).catch((error: unknown) => console.error(`Could not append to ${this.historyLog.path}:`, error))
      this.history.push(transaction)
      if (this.history.length > this.historyLength) this.history.shift()
      for (const listener of this.listeners) {
        try {
          listener(transaction, changes)
        } catch (error) {
          console.error('A listener of committed transactions failed:', error)
        }
      }
      this.scheduleFold()
      return transaction
    })
    this.queue = run.catch(() => undefined)
    return run
  }

  /** Commits a list of mutations as one transaction. */
  mutate(mutations: readonly unknown[], options: CommitOptions = {}): Promise<CommittedTransaction> {
    return this.transact(async (draft) => {
      for (const [index, mutation] of mutations.entries()) await draft.apply(structuredClone(mutation), index)
    }, options)
  }

  private scheduleFold(): void {
    if (this.folding) {
      this.foldAgain = true
      return
    }
    if (this.foldTimer !== null) return
    this.foldTimer = setTimeout(() => this.startFold(), this.options.foldDelayMs ?? 100)
  }

  private startFold(): void {
    if (this.foldTimer !== null) clearTimeout(this.foldTimer)
    this.foldTimer = null
    if (this.folding) {
      this.foldAgain = true
      return
    }
    this.folding = (async () => {
      do {
        this.foldAgain = false
        const records = this.appliedRecords
        const text = datasetText(this.current.values())
        try {
          // The history holds the transactions on disk before the journal that could rebuild it is emptied.
          await this.historyLog.sync()
          await writeFileDurably(this.datasetPath, text)
          if (await this.journal.truncateIfLength(records)) this.appliedRecords -= records
        } catch (error) {
          ;(this.options.onFoldError ?? ((caught: unknown) => console.error(`Could not write ${this.datasetPath}; the journal keeps every change:`, caught)))(error)
          return
        }
      } while (this.foldAgain)
    })().finally(() => {
      this.folding = null
    })
  }

  /** Resolves when every acknowledged transaction is in the dataset file. */
  async flush(): Promise<void> {
    await this.queue
    if (this.foldTimer !== null) this.startFold()
    while (this.folding) await this.folding
  }

  async close(): Promise<void> {
    await this.flush()
    this.closed = true
    await this.journal.close()
    await this.historyLog.close()
  }
}
