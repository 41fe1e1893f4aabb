import {createHash} from 'node:crypto'
import {readFile} from 'node:fs/promises'
import {DatasetLoadError, readNdjsonLines, type StoredDocument} from '../../client/embedded/dataset'

/** A dataset file that cannot be served: the message names the file and the line. */
export class DatasetFileError extends Error {
  override readonly name = 'DatasetFileError'
  constructor(
    message: string,
    readonly path: string,
    readonly line?: number,
  ) {
    super(message)
  }
}

export interface DatasetFileContents {
  documents: StoredDocument[]
  /** The documents as one JSON array text, made from the lines without serialising again. */
  documentsJson: string
  /** Derived from the bytes of the file: equal files give equal tags. */
  contentTag: string
  /** Things worth saying that do not stop the file from being served, such as it being empty. */
  warnings: string[]
}

export function contentTagOf(bytes: Buffer | string): string {
  return createHash('sha256').update(bytes).digest('base64url').slice(0, 27)
}

/**
 * Parses and checks NDJSON: one document per non-empty line, each a JSON
 * object with a string `_id` and `_type`, and no `_id` twice. The first
 * problem refuses the whole file, naming its line (both lines for a
 * duplicate `_id`), so that a file is served whole or not at all.
 */
function parseDatasetText(text: string, path: string): DatasetFileContents {
  const documents: StoredDocument[] = []
  const jsonLines: string[] = []
  const lineOfId = new Map<string, number>()
  try {
    for (const {document, json, lineNumber} of readNdjsonLines(text, path)) {
      const earlier = lineOfId.get(document._id)
      if (earlier !== undefined) {
        throw new DatasetFileError(`${path}, lines ${earlier} and ${lineNumber}: both hold a document with _id "${document._id}"; an _id must be unique.`, path, lineNumber)
      }
      lineOfId.set(document._id, lineNumber)
      documents.push(document)
      jsonLines.push(json)
    }
  } catch (error) {
    if (error instanceof DatasetLoadError) throw new DatasetFileError(error.message, path, error.line)
    throw error
  }
  const warnings = documents.length === 0 ? [`${path} holds no documents: serving an empty dataset.`] : []
  return {documents, documentsJson: `[${jsonLines.join(',')}]`, contentTag: contentTagOf(text), warnings}
}

export async function readDatasetFile(path: string): Promise<DatasetFileContents> {
  let text: string
  try {
    text = await readFile(path, 'utf8')
  } catch (error) {
    throw new DatasetFileError(`Cannot read the dataset ${path}: ${error instanceof Error ? error.message : String(error)}`, path)
  }
  return parseDatasetText(text, path)
}
