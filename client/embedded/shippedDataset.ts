import {readFileSync} from 'node:fs'

/**
 * The dataset the package ships, as NDJSON text.
 *
 * In the repository it is read from `dataset/production.ndjson`. The package
 * build (scripts/build-package.ts) replaces this module in `dist/` with one
 * that holds the text itself, so that a bundler that follows the import
 * carries the content along and the code finds it from any directory, with
 * no file-system lookup at run time.
 */
export const SHIPPED_DATASET_ORIGIN = '@bekkenbodem/content dataset/production.ndjson'

export function shippedDatasetText(): string {
  return readFileSync(new URL('../../dataset/production.ndjson', import.meta.url), 'utf8')
}
