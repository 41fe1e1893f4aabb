import {closeSync, fsyncSync, mkdirSync, openSync, renameSync, rmSync, writeSync} from 'node:fs'
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
 * file in place. The file is flushed to disk before the rename, and the
 * directory after it, so that a power cut cannot leave an empty file behind
 * a rename that survived.
 */
export function writeFileAtomically(path: string, content: string): void {
  const directory = dirname(path)
  mkdirSync(directory, {recursive: true})
  const temporary = join(directory, `.${basename(path)}.${process.pid}.tmp`)
  try {
    const handle = openSync(temporary, 'w', 0o644)
    try {
      writeSync(handle, content, null, 'utf8')
      fsyncSync(handle)
    } finally {
      closeSync(handle)
    }
    renameSync(temporary, path)
  } catch (error) {
    rmSync(temporary, {force: true})
    throw error
  }
  syncDirectory(directory)
}

function syncDirectory(directory: string): void {
  let handle: number
  try {
    handle = openSync(directory, 'r')
  } catch {
    // Some systems (Windows) cannot open a directory; the rename is as durable as they make it.
    return
  }
  try {
    fsyncSync(handle)
  } catch {
    // A file system that cannot sync a directory (some network mounts) has done what it can.
  } finally {
    closeSync(handle)
  }
}

/** A failed write as one line: which file, and what to do, without a stack trace. */
export function describeWriteError(error: unknown, path: string): string {
  const {code, syscall} = (error ?? {}) as {code?: unknown; syscall?: unknown}
  const reason =
    code === 'EISDIR'
      ? 'it is a directory; give a file name, e.g. --out dataset/production.ndjson'
      : code === 'EACCES' || code === 'EPERM'
        ? `no permission to write in ${dirname(path)}`
        : code === 'EROFS'
          ? `${dirname(path)} is on a read-only file system`
          : code === 'ENOSPC'
            ? 'the disk is full'
            : code === 'ENOTDIR' || (code === 'EEXIST' && syscall === 'mkdir')
              ? 'a part of the path is a file, not a directory'
              : error instanceof Error
                ? error.message
                : String(error)
  return `Could not write ${path}: ${reason}. Nothing was changed.`
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
