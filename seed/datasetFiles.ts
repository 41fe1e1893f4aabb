import {basename, dirname, join} from 'node:path'

/**
 * The files that travel with a dataset file such as `dataset/production.ndjson`:
 * - `production.seed.json` (committed): which seed sources built it, and a
 *   hash of what the seed wrote, so a changed dataset is recognised as edited;
 * - `.production.journal` (git-ignored): transactions accepted by `npm start`
 *   that are not yet folded into the dataset file.
 */
function stem(datasetPath: string): string {
  return basename(datasetPath).replace(/\.ndjson$/u, '')
}

export function seedRecordPathFor(datasetPath: string): string {
  return join(dirname(datasetPath), `${stem(datasetPath)}.seed.json`)
}

export function journalPathFor(datasetPath: string): string {
  return join(dirname(datasetPath), `.${stem(datasetPath)}.journal`)
}
