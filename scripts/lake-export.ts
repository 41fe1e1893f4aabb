import path from 'node:path'
import {fileURLToPath} from 'node:url'
import {DEFAULT_DATASET_PATH} from '../lake/config'
import {exportWorkingDataset, workingDatasetFor} from './workingDataset'

/**
 * `npm run lake:export`: writes the local Lake's working dataset into the
 * shipped `dataset/production.ndjson`. The person who runs it reviews the
 * diff and commits it, or not.
 */
const projectDirectory = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..')
const working = workingDatasetFor(projectDirectory, path.join(projectDirectory, DEFAULT_DATASET_PATH))
const shown = (file: string) => path.relative(process.cwd(), file) || file

try {
  const outcome = exportWorkingDataset(working)
  if (outcome.kind === 'unsavedJournal') {
    console.error(`✗ ${shown(working.path)} still has changes in its journal: stop npm start first (Ctrl+C), then export again. Nothing was written.`)
    process.exit(1)
  }
  if (outcome.kind === 'unchanged') {
    console.log(`${shown(working.shippedPath)} already holds what the working dataset holds; nothing to export.`)
  } else {
    const {changed} = outcome
    console.log(`Wrote ${changed.length} changed document(s) into ${shown(working.shippedPath)}: ${changed.slice(0, 12).join(', ')}${changed.length > 12 ? ', …' : ''}`)
    console.log('Review them with  git diff dataset/  before you commit. npm pack refuses a dataset the seed did not build unless SHIP_EDITED_DATASET=1.')
  }
} catch (error) {
  console.error(`✗ ${error instanceof Error ? error.message : String(error)}. Nothing was written.`)
  process.exit(1)
}
