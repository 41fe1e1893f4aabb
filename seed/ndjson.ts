import {mkdirSync, renameSync, rmSync, writeFileSync} from 'node:fs'
import {dirname, basename, join} from 'node:path'
import type {SeedDocument} from './draft'

/** Sorted by `_id` so the file does not change when the mapping is reordered; one JSON document per line. */
export function toNdjson(documents: readonly SeedDocument[]): string {
  return [...documents]
    .sort((a, b) => (a._id < b._id ? -1 : a._id > b._id ? 1 : 0))
    .map((document) => JSON.stringify(document))
    .join('\n')
    .concat('\n')
}

/**
 * Writes next to the target and renames over it: readers see the old file or
 * the new one, never a half-written one, and a failed write leaves the old
 * file in place.
 */
export function writeFileAtomically(path: string, content: string): void {
  mkdirSync(dirname(path), {recursive: true})
  const temporary = join(dirname(path), `.${basename(path)}.${process.pid}.tmp`)
  try {
    writeFileSync(temporary, content, 'utf8')
    renameSync(temporary, path)
  } catch (error) {
    rmSync(temporary, {force: true})
    throw error
  }
}
