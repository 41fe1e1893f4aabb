import {fileURLToPath} from 'node:url'
import {loadDataset, type DatasetSnapshot} from '../../../client/embedded/dataset'

/** The dataset `npm run seed` writes and the package ships. */
const SEEDED_DATASET_PATH = fileURLToPath(new URL('../../../dataset/production.ndjson', import.meta.url))

export function seededSnapshot(): DatasetSnapshot {
  return loadDataset(SEEDED_DATASET_PATH)
}

export function seededDatasetSource(): string {
  return SEEDED_DATASET_PATH
}
