import {existsSync, mkdirSync, readFileSync, rmSync, statSync} from 'node:fs'
import path from 'node:path'
import {journalPathFor} from '../seed/datasetFiles'
import {withoutSystemFields} from '../seed/documentContent'
import {parseNdjsonDocuments, toNdjson, writeFileAtomically} from '../seed/ndjson'
import {contentHash, differingIds} from '../seed/seedRecord'

/**
 * The local Content Lake edits a working copy of the shipped dataset, never
 * the shipped file itself: `.lake/production.ndjson` (git-ignored), started
 * from `dataset/production.ndjson`. The shipped file changes only when a
 * person runs `npm run seed` or `npm run lake:export` and reviews the diff.
 *
 * Beside the working copy lies the shipped file it started from
 * (`production.origin.ndjson`): the working copy's edits are what differs
 * from it, and a new shipped dataset replaces a working copy without edits.
 */

const WORKING_DIRECTORY = '.lake'

export interface WorkingDataset {
  /** The file the local Lake serves and writes. */
  path: string
  /** The shipped dataset it follows. */
  shippedPath: string
}

export function workingDatasetFor(projectDirectory: string, shippedPath: string): WorkingDataset {
  return {path: path.join(projectDirectory, WORKING_DIRECTORY, path.basename(shippedPath)), shippedPath}
}

function originPathOf(working: WorkingDataset): string {
  return working.path.replace(/\.ndjson$/u, '.origin.ndjson')
}

/** Whether `npm start` left transactions in the journal that are not yet in the working copy (it is running, or was killed). */
function hasUnsavedJournal(working: WorkingDataset): boolean {
  const journal = journalPathFor(working.path)
  return existsSync(journal) && statSync(journal).size > 0
}

/** Ids the working copy changed since it started from the shipped dataset; a journal not yet folded counts as edits too. */
function editsInWorkingCopy(working: WorkingDataset): string[] | 'unsavedJournal' {
  if (hasUnsavedJournal(working)) return 'unsavedJournal'
  const origin = originPathOf(working)
  if (!existsSync(working.path)) return []
  if (!existsSync(origin)) return differingIds(readFileSync(working.path, 'utf8'), '')
  return differingIds(readFileSync(working.path, 'utf8'), readFileSync(origin, 'utf8'))
}

/** Starts the working copy from the shipped dataset, replacing what was there. */
function startWorkingCopy(working: WorkingDataset): void {
  mkdirSync(path.dirname(working.path), {recursive: true})
  const shipped = readFileSync(working.shippedPath, 'utf8')
  writeFileAtomically(originPathOf(working), shipped)
  // An old journal belongs to the old working copy: replayed over the new one, it would bring the old edits back.
  rmSync(journalPathFor(working.path), {force: true})
  writeFileAtomically(working.path, shipped)
}

/** Notes that the working copy now matches the shipped dataset (after an export), so neither counts as changed. */
function markWorkingCopyShipped(working: WorkingDataset): void {
  writeFileAtomically(originPathOf(working), readFileSync(working.shippedPath, 'utf8'))
}

/**
 * Makes sure the working copy exists and follows the shipped dataset: made
 * when missing, replaced when the shipped dataset changed and the working
 * copy holds no edits, kept (with a warning that says what to do) when it does.
 */
export function prepareWorkingDataset(working: WorkingDataset, log: {info(message: string): void; warn(message: string): void}): void {
  const shown = (file: string) => path.relative(process.cwd(), file) || file
  if (!existsSync(working.path)) {
    startWorkingCopy(working)
    log.info(`Started the working dataset ${shown(working.path)} from ${shown(working.shippedPath)}; edits go there, never into the shipped file.`)
    return
  }
  const origin = originPathOf(working)
  const shippedHash = contentHash(readFileSync(working.shippedPath))
  if (existsSync(origin) && contentHash(readFileSync(origin)) === shippedHash) return
  const edits = editsInWorkingCopy(working)
  if (edits !== 'unsavedJournal' && edits.length === 0) {
    startWorkingCopy(working)
    log.info(`${shown(working.shippedPath)} changed; the working dataset follows it (it held no edits).`)
    return
  }
  const which = edits === 'unsavedJournal' ? 'changes still in its journal' : `${edits.length} edited document(s): ${edits.slice(0, 8).join(', ')}${edits.length > 8 ? ', …' : ''}`
  log.warn(
    [
      `${shown(working.shippedPath)} changed since the working dataset ${shown(working.path)} started from it, and the working dataset holds ${which}.`,
      'Serving the working dataset as it is. To follow the shipped dataset:',
      `  keep the edits:    npm run lake:export   (writes them into ${shown(working.shippedPath)}; review with git diff)`,
      `  or move them:      npm run seed -- --target sanity --from ${shown(working.path)} --replace`,
      `  discard the edits: delete ${shown(path.dirname(working.path))}/ and start again`,
    ].join('\n'),
  )
}

export type ExportOutcome = {kind: 'unsavedJournal'} | {kind: 'unchanged'} | {kind: 'written'; changed: string[]}

/**
 * Writes the working dataset into the shipped file as the seed writes it (one
 * document a line, sorted by id, without `_rev` and timestamps), so that
 * `git diff` shows exactly what the editors changed.
 */
export function exportWorkingDataset(working: WorkingDataset): ExportOutcome {
  // Only the journal matters here: reading and comparing both files to learn it would be wasted.
  if (hasUnsavedJournal(working)) return {kind: 'unsavedJournal'}
  const documents = parseNdjsonDocuments(readFileSync(working.path, 'utf8'), working.path).map(withoutSystemFields)
  const text = toNdjson(documents)
  const changed = differingIds(text, readFileSync(working.shippedPath, 'utf8'))
  if (changed.length === 0) return {kind: 'unchanged'}
  writeFileAtomically(working.shippedPath, text)
  markWorkingCopyShipped(working)
  return {kind: 'written', changed}
}
