import {existsSync, readFileSync} from 'node:fs'
import {dirname, join} from 'node:path'
import {fileURLToPath} from 'node:url'
import {loadDataset, type DatasetSnapshot} from '../embedded/dataset'
import {evaluateQuery} from '../embedded/evaluate'
import type {ContentBackend, ContentPerspective} from './backend'

const PACKAGE_NAME = '@bekkenbodem/content'
const DEFAULT_DATASET = join('dataset', 'production.ndjson')

/** The package root, found upwards from this file so that it works from the sources and from dist/. */
function packageRoot(): string {
  let directory = dirname(fileURLToPath(import.meta.url))
  for (;;) {
    const manifest = join(directory, 'package.json')
    if (existsSync(manifest)) {
      const {name} = JSON.parse(readFileSync(manifest, 'utf8')) as {name?: unknown}
      if (name === PACKAGE_NAME) return directory
    }
    const parent = dirname(directory)
    if (parent === directory) throw new Error(`Cannot find the ${PACKAGE_NAME} package root above ${fileURLToPath(import.meta.url)}`)
    directory = parent
  }
}

export function defaultDatasetPath(): string {
  return join(packageRoot(), DEFAULT_DATASET)
}

// One snapshot per file: loading 100k documents is the slow part, queries are not.
const snapshotsByPath = new Map<string, DatasetSnapshot>()

function snapshotFor(dataset: string | readonly unknown[] | undefined): DatasetSnapshot {
  if (dataset !== undefined && typeof dataset !== 'string') return loadDataset(dataset)
  const path = dataset ?? defaultDatasetPath()
  let snapshot = snapshotsByPath.get(path)
  if (!snapshot) {
    snapshot = loadDataset(path)
    snapshotsByPath.set(path, snapshot)
  }
  return snapshot
}

export function createEmbeddedBackend(options: {
  dataset?: string | readonly unknown[]
  perspective: ContentPerspective
}): ContentBackend {
  let snapshot: DatasetSnapshot | null = null
  return {
    kind: 'embedded',
    async query(query, params) {
      snapshot ??= snapshotFor(options.dataset)
      return evaluateQuery(snapshot, query, params, {perspective: options.perspective})
    },
  }
}
