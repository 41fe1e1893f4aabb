import {loadDataset, parseNdjson, type DatasetSnapshot} from '../embedded/dataset'
import {evaluateQuery} from '../embedded/evaluate'
import {SHIPPED_DATASET_ORIGIN, shippedDatasetText} from '../embedded/shippedDataset'
import type {ContentBackend, ContentPerspective} from './backend'

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

export function createEmbeddedBackend(options: {dataset?: string | readonly unknown[]; perspective: ContentPerspective}): ContentBackend {
  let snapshot: DatasetSnapshot | null = null
  return {
    kind: 'embedded',
    async query(query, params) {
      snapshot ??= snapshotFor(options.dataset)
      return evaluateQuery(snapshot, query, params, {perspective: options.perspective})
    },
  }
}
