import {existsSync} from 'node:fs'
import {fileURLToPath} from 'node:url'
import {loadDataset, type DatasetSnapshot} from '../../../client/embedded/dataset'
import {smallDataset} from '../fixtures/smallDataset'

export const SEEDED_DATASET_PATH = fileURLToPath(new URL('../../../dataset/production.ndjson', import.meta.url))

/** The dataset `npm run seed` writes, which the package ships; the small fixture until it exists. */
export function seededSnapshot(): DatasetSnapshot {
  return existsSync(SEEDED_DATASET_PATH) ? loadDataset(SEEDED_DATASET_PATH) : loadDataset(smallDataset())
}

export function seededDatasetSource(): string | readonly unknown[] {
  return existsSync(SEEDED_DATASET_PATH) ? SEEDED_DATASET_PATH : smallDataset()
}
