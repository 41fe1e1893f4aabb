import {createHash} from 'node:crypto'
import {stat} from 'node:fs/promises'
import type {StoredDocument} from '../../client/embedded/dataset'

/**
 * Every document in the Content Lake carries `_rev`, `_createdAt` and
 * `_updatedAt`. The seed leaves them out (its output must not change from run
 * to run), so the local Lake adds them when it takes a file in, as an import
 * into the real Lake does. The Studio depends on them: a document without a
 * `_rev` never matches the `previousRev` of the next listen event, so the open
 * form would keep showing the text from before a publish.
 */

/**
 * A revision made from the content, so it is the same on every start and in
 * every worker until the document changes; the next transaction replaces it.
 */
function importedRevision(document: StoredDocument): string {
  return createHash('sha256').update(JSON.stringify(document)).digest('base64url').slice(0, 22)
}

/** The document with its system fields, adding only those it lacks. */
function withSystemFields(document: StoredDocument, importedAt: string): StoredDocument {
  if (typeof document._rev === 'string' && typeof document._createdAt === 'string' && typeof document._updatedAt === 'string') return document
  const createdAt = typeof document._createdAt === 'string' ? document._createdAt : importedAt
  return {
    ...document,
    _createdAt: createdAt,
    _updatedAt: typeof document._updatedAt === 'string' ? document._updatedAt : createdAt,
    _rev: typeof document._rev === 'string' ? document._rev : importedRevision(document),
  }
}

/**
 * Reads a dataset with `read` and gives each document its system fields. The
 * import time is the file's modification time: it stays the same across
 * restarts until the file is rewritten, and the rewrite stores the fields.
 */
export async function importDataset(path: string, read: (path: string) => Promise<StoredDocument[]>): Promise<StoredDocument[]> {
  const [documents, status] = await Promise.all([read(path), stat(path)])
  const importedAt = status.mtime.toISOString()
  return documents.map((document) => withSystemFields(document, importedAt))
}
