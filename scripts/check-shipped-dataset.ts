import path from 'node:path'
import {fileURLToPath} from 'node:url'
import {readFileSync} from 'node:fs'
import {DEFAULT_DATASET_PATH} from '../lake/config'
import {toNdjson} from '../seed/ndjson'
import {prepareSeed} from '../seed/pipeline'
import {differingIds} from '../seed/seedRecord'

/**
 * Runs before `npm pack` (and publish): the dataset that ships must be what
 * the seed builds from its sources, so that local edits never leave the
 * machine by accident. `SHIP_EDITED_DATASET=1` ships an edited dataset on
 * purpose (after `npm run lake:export` and a review).
 */
const projectDirectory = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..')
const shipped = path.join(projectDirectory, DEFAULT_DATASET_PATH)
const prepared = await prepareSeed()
if (!prepared.ok) {
  console.error('✗ The seed does not build: run npm run seed to see why. Nothing was packed.')
  process.exit(1)
}
const changed = differingIds(readFileSync(shipped, 'utf8'), toNdjson(prepared.documents))
if (changed.length === 0) process.exit(0)
const which = `${changed.length} document(s) differ from what the seed builds: ${changed.slice(0, 12).join(', ')}${changed.length > 12 ? ', …' : ''}`
if (process.env.SHIP_EDITED_DATASET === '1') {
  console.warn(`Shipping an edited ${DEFAULT_DATASET_PATH} (SHIP_EDITED_DATASET=1): ${which}.`)
  process.exit(0)
}
console.error(`✗ ${DEFAULT_DATASET_PATH} is not what the seed builds: ${which}.`)
console.error('  rebuild it:          npm run seed')
console.error('  or ship it on purpose: SHIP_EDITED_DATASET=1 npm pack')
process.exit(1)
