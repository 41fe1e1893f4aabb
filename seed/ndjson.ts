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

/** Reads NDJSON documents (one JSON object with string `_id` and `_type` per non-empty line), naming the line of any problem. */
export function parseNdjsonDocuments(text: string, origin: string): SeedDocument[] {
  const documents: SeedDocument[] = []
  for (const [index, line] of text.split('\n').entries()) {
    if (line.trim() === '') continue
    let value: unknown
    try {
      value = JSON.parse(line)
    } catch (error) {
      throw new Error(`${origin}, line ${index + 1}: not valid JSON (${error instanceof Error ? error.message : String(error)})`)
    }
    const record = value as {_id?: unknown; _type?: unknown} | null
    if (typeof record !== 'object' || record === null || Array.isArray(record) || typeof record._id !== 'string' || typeof record._type !== 'string') {
      throw new Error(`${origin}, line ${index + 1}: not a document with a string "_id" and "_type"`)
    }
    // Checked above: an object with the two fields every document has.
    documents.push(value as SeedDocument)
  }
  return documents
}
