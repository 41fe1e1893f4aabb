import {readFileSync} from 'node:fs'
import {fileURLToPath} from 'node:url'
import {parseNdjson, type StoredDocument} from '../../../client/embedded/dataset'

/** The dataset `npm run seed` writes and the package ships. */
export const SEEDED_DATASET_PATH = fileURLToPath(new URL('../../../dataset/production.ndjson', import.meta.url))

/** The documents of the seeded dataset, e.g. for a local Content Lake to serve. */
export function seededDocuments(): StoredDocument[] {
  return parseNdjson(readFileSync(SEEDED_DATASET_PATH, 'utf8'), SEEDED_DATASET_PATH)
}

export function seededDatasetSource(): string {
  return SEEDED_DATASET_PATH
}
