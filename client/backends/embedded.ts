import {watch, type FSWatcher} from 'node:fs'
import {basename, dirname, resolve} from 'node:path'
import {loadDataset, parseNdjson, type DatasetSnapshot, type Perspective} from '../embedded/dataset'
import {evaluateQuery} from '../embedded/evaluate'
import {buildSearchIndex, type SearchDocument, type SearchIndex} from '../embedded/searchIndex'
import {SHIPPED_DATASET_ORIGIN, shippedDatasetText} from '../embedded/shippedDataset'
import {SEARCH_DOCUMENTS_QUERY} from '../queries'
import type {ContentBackend, ContentPerspective, QueryListener, Unsubscribe} from './backend'

// One snapshot per file: loading 100k documents is the slow part, queries are not.
const snapshotsByPath = new Map<string, DatasetSnapshot>()
let shippedSnapshot: DatasetSnapshot | null = null

function snapshotFor(dataset: string | readonly unknown[] | undefined): DatasetSnapshot {
  if (dataset === undefined) {
    shippedSnapshot ??= loadDataset(parseNdjson(shippedDatasetText(), SHIPPED_DATASET_ORIGIN))
    return shippedSnapshot
  }
  if (typeof dataset !== 'string') return loadDataset(dataset)
  let snapshot = snapshotsByPath.get(dataset)
  if (!snapshot) {
    snapshot = loadDataset(dataset)
    snapshotsByPath.set(dataset, snapshot)
  }
  return snapshot
}

// A snapshot never changes, so its search index is built once and lives as long as the snapshot.
const searchIndexes = new WeakMap<DatasetSnapshot, Map<Perspective, Promise<SearchIndex>>>()

function searchIndexFor(snapshot: DatasetSnapshot, perspective: Perspective): Promise<SearchIndex> {
  let byPerspective = searchIndexes.get(snapshot)
  if (!byPerspective) searchIndexes.set(snapshot, (byPerspective = new Map()))
  let index = byPerspective.get(perspective)
  if (!index) {
    index = evaluateQuery(snapshot, SEARCH_DOCUMENTS_QUERY, {}, {perspective, anonymous: perspective === 'published', memoize: false}).then((documents) =>
      // SEARCH_DOCUMENTS_QUERY projects exactly the fields of SearchDocument.
      buildSearchIndex(documents as SearchDocument[]),
    )
    byPerspective.set(perspective, index)
  }
  return index
}

/** After the file changes, wait this long for the writer to finish before reading it. */
const RELOAD_DELAY_MS = 50

export function createEmbeddedBackend(options: {dataset?: string | readonly unknown[]; perspective: ContentPerspective}): ContentBackend {
  const {dataset, perspective} = options
  // Published content is read as a visitor of a public dataset reads it: only documents on the root path.
  const readAs = {perspective, anonymous: perspective === 'published'}
  let snapshot: DatasetSnapshot | null = null
  const current = (): DatasetSnapshot => (snapshot ??= snapshotFor(dataset))

  const listeners = new Set<QueryListener & {run(): void}>()
  let watcher: FSWatcher | null = null
  let reloadTimer: ReturnType<typeof setTimeout> | undefined

  function reload(path: string): void {
    try {
      const fresh = loadDataset(path)
      snapshotsByPath.set(path, fresh)
      snapshot = fresh
    } catch (error) {
      // A half-written or broken file keeps the last good content; subscribers hear why.
      for (const listener of listeners) listener.error(error)
      return
    }
    for (const listener of listeners) listener.run()
  }

  function startWatching(): void {
    if (watcher || typeof dataset !== 'string') return
    const path = resolve(dataset)
    // The folder, not the file: a writer that replaces the file (write, then
    // rename) would leave a watch on the old file silent.
    watcher = watch(dirname(path), {persistent: false}, (_event, name) => {
      if (name !== null && name !== basename(path)) return
      clearTimeout(reloadTimer)
      reloadTimer = setTimeout(() => reload(dataset), RELOAD_DELAY_MS)
    })
  }

  function stopWatchingWhenUnused(): void {
    if (listeners.size > 0) return
    clearTimeout(reloadTimer)
    watcher?.close()
    watcher = null
  }

  return {
    kind: 'embedded',
    async query(query, params, {signal}) {
      signal?.throwIfAborted()
      const result = await evaluateQuery(current(), query, params, readAs)
      signal?.throwIfAborted()
      return result
    },
    async search(request, {signal}) {
      signal?.throwIfAborted()
      const index = await searchIndexFor(current(), perspective)
      signal?.throwIfAborted()
      return index.search(request)
    },
    subscribe(query: string, params: Record<string, unknown>, listener: QueryListener): Unsubscribe {
      let stopped = false
      let delivered: string | null = null
      const run = () => {
        let evaluated: Promise<unknown>
        try {
          evaluated = evaluateQuery(current(), query, params, readAs)
        } catch (error) {
          listener.error(error)
          return
        }
        evaluated.then(
          (result) => {
            const serialised = JSON.stringify(result)
            if (stopped || serialised === delivered) return
            delivered = serialised
            listener.next(result)
          },
          (error: unknown) => {
            if (!stopped) listener.error(error)
          },
        )
      }
      const subscription = {
        run,
        next: listener.next,
        error(error: unknown) {
          if (!stopped) listener.error(error)
        },
      }
      listeners.add(subscription)
      startWatching()
      run()
      return () => {
        stopped = true
        listeners.delete(subscription)
        stopWatchingWhenUnused()
      }
    },
  }
}
