import type {Mutation, SanityClient} from '@sanity/client'
import {contentJson} from './documentContent'
import {batchesInReferenceOrder} from './referenceOrder'
import type {SeedDocument} from './draft'

/** Content Lake limits how much one transaction may carry; 100 mutations stays well inside it. */
const MAX_MUTATIONS_PER_TRANSACTION = 100

/** How long one request may take before it counts as failed and is retried: a hung commit must not hold the import for minutes. */
export const REQUEST_TIMEOUT_MS = 30_000

export type ImportMode = 'createIfNotExists' | 'createOrReplace'

/** What happens to one document: what the import did, or with `--dry-run` what it would do. */
type DocumentAction = 'create' | 'replace' | 'unchanged' | 'kept'

export interface ImportOptions {
  mode: ImportMode
  dryRun: boolean
  batchSize?: number
  /** Attempts per request, and the delay before the first retry (doubled each time). */
  retry?: {attempts: number; baseDelayMs: number}
  /** Per request; defaults to REQUEST_TIMEOUT_MS. */
  requestTimeoutMs?: number
  log: (line: string) => void
}

export interface ImportSummary {
  actions: Array<{id: string; action: DocumentAction}>
  counts: Record<DocumentAction, number>
  transactions: number
}

function statusCodeOf(error: unknown): number | undefined {
  const status = (error as {statusCode?: unknown} | null)?.statusCode
  return typeof status === 'number' ? status : undefined
}

/** Rate limits, server errors and dropped connections are worth another try; a 4xx (bad token, bad mutation) is not. */
function isRetriable(error: unknown): boolean {
  const status = statusCodeOf(error)
  return status === undefined || status === 429 || status >= 500
}

function describeError(error: unknown): string {
  const status = statusCodeOf(error)
  const message = error instanceof Error ? error.message : String(error)
  return status === undefined ? message : `HTTP ${status}: ${message}`
}

async function withRetry<T>(label: string, options: ImportOptions, run: () => Promise<T>): Promise<T> {
  const {attempts, baseDelayMs} = options.retry ?? {attempts: 5, baseDelayMs: 1000}
  for (let attempt = 1; ; attempt += 1) {
    try {
      return await run()
    } catch (error) {
      if (attempt >= attempts || !isRetriable(error)) {
        throw new Error(`${label} failed after ${attempt} attempt(s): ${describeError(error)}`, {cause: error})
      }
      const delay = baseDelayMs * 2 ** (attempt - 1)
      options.log(`  ${label}: ${describeError(error)}; retrying in ${delay} ms (attempt ${attempt + 1} of ${attempts})`)
      await new Promise((resolve) => setTimeout(resolve, delay))
    }
  }
}

function chunks<T>(items: readonly T[], size: number): T[][] {
  const out: T[][] = []
  for (let start = 0; start < items.length; start += size) out.push(items.slice(start, start + size))
  return out
}

async function fetchExisting(client: SanityClient, ids: string[], options: ImportOptions): Promise<Map<string, unknown>> {
  const existing = new Map<string, unknown>()
  for (const batch of chunks(ids, MAX_MUTATIONS_PER_TRANSACTION)) {
    // The raw perspective returns exactly the documents with these ids;
    // editors' drafts live under other ids and are never touched.
    const found = await withRetry('Fetching existing documents', options, () =>
      client.fetch<Array<{_id: string}>>('*[_id in $ids]', {ids: batch}, {perspective: 'raw', timeout: options.requestTimeoutMs ?? REQUEST_TIMEOUT_MS}),
    )
    for (const document of found) existing.set(document._id, document)
  }
  return existing
}

const ACTION_LABEL: Record<DocumentAction, {dryRun: string; done: string}> = {
  create: {dryRun: 'would be created', done: 'created'},
  replace: {dryRun: 'would be replaced', done: 'replaced'},
  unchanged: {dryRun: 'unchanged', done: 'unchanged'},
  kept: {dryRun: 'differs, kept as edited (use --replace to overwrite)', done: 'differs, kept as edited (use --replace to overwrite)'},
}

/**
 * Brings a Content Lake dataset up to date with the seed. Existing documents
 * are fetched first, so only what is missing (or, with createOrReplace,
 * different) is sent; every mutation is itself idempotent, so an import that
 * stopped halfway is finished by running it again.
 */
export async function importDocuments(client: SanityClient, documents: readonly SeedDocument[], options: ImportOptions): Promise<ImportSummary> {
  const batchSize = Math.min(options.batchSize ?? MAX_MUTATIONS_PER_TRANSACTION, MAX_MUTATIONS_PER_TRANSACTION)
  const existing = await fetchExisting(
    client,
    documents.map((document) => document._id),
    options,
  )

  const actions = documents.map((document) => {
    const current = existing.get(document._id)
    let action: DocumentAction
    if (current === undefined) action = 'create'
    else if (contentJson(current) === contentJson(document)) action = 'unchanged'
    else action = options.mode === 'createOrReplace' ? 'replace' : 'kept'
    return {id: document._id, action, document}
  })

  const counts: Record<DocumentAction, number> = {create: 0, replace: 0, unchanged: 0, kept: 0}
  for (const {action} of actions) counts[action] += 1

  if (options.dryRun) {
    for (const {id, action} of actions) options.log(`  ${id}: ${ACTION_LABEL[action].dryRun}`)
    return {actions: actions.map(({id, action}) => ({id, action})), counts, transactions: 0}
  }

  const writes = actions.filter(({action}) => action === 'create' || action === 'replace')
  // A Content Lake refuses a strong reference to a document that does not exist yet: referenced documents go first.
  const batches = batchesInReferenceOrder(writes, ({document}) => document, batchSize).map((batch) =>
    batch.map(({action, document}): Mutation<SeedDocument> => (action === 'create' ? {createIfNotExists: document} : {createOrReplace: document})),
  )
  const mutations = batches.flat()
  let written = 0
  for (const [index, batch] of batches.entries()) {
    await withRetry(`Transaction ${index + 1} of ${batches.length}`, options, () =>
      client.transaction(batch).commit({visibility: 'sync', timeout: options.requestTimeoutMs ?? REQUEST_TIMEOUT_MS}),
    )
    written += batch.length
    options.log(`  transaction ${index + 1}/${batches.length}: ${batch.length} mutation(s), ${written} of ${mutations.length} written`)
  }
  for (const {id, action} of actions) {
    if (action === 'kept') options.log(`  ${id}: ${ACTION_LABEL.kept.done}`)
  }
  return {actions: actions.map(({id, action}) => ({id, action})), counts, transactions: batches.length}
}
