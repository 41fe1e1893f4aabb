import {createHash} from 'node:crypto'
import {existsSync, readdirSync, readFileSync, statSync} from 'node:fs'
import {dirname, join, relative, sep} from 'node:path'
import {fileURLToPath} from 'node:url'
import {contentJson} from './documentContent'
import {journalPathFor, seedRecordPathFor} from './datasetFiles'
import {writeFileAtomically} from './ndjson'

/**
 * What the seed records next to the dataset it writes (`production.seed.json`):
 * a hash of the seed's sources, so `npm start` can tell by content, not by
 * file times, whether the dataset is current; and a hash of the file it
 * wrote, so an edited dataset is recognised and never overwritten silently.
 */
export interface SeedRecord {
  /** sha256 over every file under seed/ (paths and contents, line endings normalised). */
  seedSources: string
  /** sha256 of the dataset file exactly as the seed wrote it. */
  dataset: string
}

const SEED_DIRECTORY = dirname(fileURLToPath(import.meta.url))

export function contentHash(text: string | Buffer): string {
  return createHash('sha256').update(text).digest('hex')
}

/** A hash of every file under the directories, independent of file times and of CRLF checkouts. */
export function seedSourcesHash(directories: readonly string[] = [SEED_DIRECTORY]): string {
  const hash = createHash('sha256')
  for (const directory of directories) {
    if (!existsSync(directory)) continue
    const files = readdirSync(directory, {recursive: true, withFileTypes: true})
      .filter((entry) => entry.isFile())
      .map((entry) => join(entry.parentPath, entry.name))
      .map((path) => ({path, name: relative(directory, path).split(sep).join('/')}))
      .sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0))
    for (const {path, name} of files) {
      hash.update(`${name}\0`)
      hash.update(readFileSync(path, 'utf8').replace(/\r\n/gu, '\n'))
      hash.update('\0')
    }
  }
  return hash.digest('hex')
}

export function readSeedRecord(datasetPath: string): SeedRecord | null {
  try {
    const record = JSON.parse(readFileSync(seedRecordPathFor(datasetPath), 'utf8')) as Partial<SeedRecord>
    return typeof record.seedSources === 'string' && typeof record.dataset === 'string' ? {seedSources: record.seedSources, dataset: record.dataset} : null
  } catch {
    return null
  }
}

export function writeSeedRecord(datasetPath: string, record: SeedRecord): void {
  writeFileAtomically(seedRecordPathFor(datasetPath), `${JSON.stringify(record, null, 2)}\n`)
}

/** Each line's content by `_id`, without the system fields the local Content Lake adds when it imports the file. */
function idsByContent(ndjson: string): Map<string, string> {
  const lines = new Map<string, string>()
  for (const line of ndjson.split('\n')) {
    if (line.trim() === '') continue
    try {
      const document = JSON.parse(line) as {_id?: unknown}
      lines.set(typeof document._id === 'string' ? document._id : line, contentJson(document))
    } catch {
      lines.set(line, line)
    }
  }
  return lines
}

/** Ids whose documents differ between two NDJSON texts (changed, added or removed); `_rev` and the timestamps do not count. */
export function differingIds(current: string, seedOutput: string): string[] {
  const before = idsByContent(seedOutput)
  const after = idsByContent(current)
  const ids = new Set([...before.keys(), ...after.keys()])
  return [...ids].filter((id) => before.get(id) !== after.get(id)).sort()
}

/**
 * Why the dataset holds edits that the seed would lose, or null when it
 * holds none: transactions still in the journal of `npm start`, or a file
 * that is not what the seed wrote. `seedOutput`, when given, is what the seed
 * would write now; a file equal to it holds nothing to lose either.
 */
export function findLocalEdits(datasetPath: string, seedOutput?: string): string | null {
  const journal = journalPathFor(datasetPath)
  if (existsSync(journal) && statSync(journal).size > 0) {
    return `${journal} holds saved changes not yet folded into the dataset (is npm start still running? stop it first)`
  }
  if (!existsSync(datasetPath)) return null
  const current = readFileSync(datasetPath, 'utf8')
  const record = readSeedRecord(datasetPath)
  if (record !== null && contentHash(current) === record.dataset) return null
  if (seedOutput !== undefined && current === seedOutput) return null
  const changed = seedOutput === undefined ? [] : differingIds(current, seedOutput)
  // Only system fields differ (the local Content Lake stamped them when it saved): nothing the seed would lose.
  if (seedOutput !== undefined && changed.length === 0) return null
  const which = changed.length === 0 ? '' : `; ${changed.length} document(s) differ from the seed's output: ${changed.slice(0, 8).join(', ')}${changed.length > 8 ? ', …' : ''}`
  return record === null
    ? `there is no record of what the seed wrote (${seedRecordPathFor(datasetPath)}) and the file differs from the seed's output${which}`
    : `it was changed after the seed wrote it (by npm start's write API or by hand)${which}`
}
