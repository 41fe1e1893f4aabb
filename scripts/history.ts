import {existsSync, readFileSync} from 'node:fs'
import type {StoredDocument} from '../client/embedded/dataset'
import path from 'node:path'
import {fileURLToPath} from 'node:url'
import {DEFAULT_DATASET_PATH} from '../lake/config'
import {auditTrail, coversDocument} from '../lake/history/auditTrail'
import {historyPathFor} from '../lake/history/historyLog'
import {decodeHistoryLine, type HistoryRecord} from '../lake/history/historyRecord'
import {workingDatasetFor} from './workingDataset'

/**
 * `npm run history -- <document id> [--dataset path.ndjson]`: the audit
 * trail of a document, read from the history file the local Lake keeps
 * beside its dataset: when, who, which fields changed, and the text before
 * and after, newest first. It reads the file only, so it works whether or not
 * `npm start` runs.
 */
const projectDirectory = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..')
const shown = (file: string) => path.relative(process.cwd(), file) || file

function fail(message: string): never {
  console.error(`✗ ${message}`)
  process.exit(1)
}

const argv = process.argv.slice(2)
const datasetIndex = argv.indexOf('--dataset')
const datasetFlag = datasetIndex === -1 ? undefined : argv[datasetIndex + 1]
if (datasetIndex !== -1 && (datasetFlag === undefined || datasetFlag.startsWith('--'))) fail('--dataset needs the path of a dataset file, e.g. --dataset .lake/production.ndjson.')
const ids = argv.filter((_, index) => datasetIndex === -1 || (index !== datasetIndex && index !== datasetIndex + 1))
const documentId = ids[0]
if (documentId === undefined || ids.length !== 1 || documentId.startsWith('--'))
  fail('Usage: npm run history -- <document id> [--dataset path.ndjson], e.g. npm run history -- condition-verzakking')
const published = documentId.replace(/^drafts\./u, '')

const datasetPath = datasetFlag === undefined ? workingDatasetFor(projectDirectory, path.join(projectDirectory, DEFAULT_DATASET_PATH)).path : path.resolve(datasetFlag)
const historyPath = historyPathFor(datasetPath)
if (!existsSync(historyPath)) fail(`There is no history file at ${shown(historyPath)}: history is kept from the first edit made with npm start (without --read-only).`)

const records: HistoryRecord[] = readFileSync(historyPath, 'utf8')
  .split('\n')
  .flatMap((line) => {
    const record = line === '' ? null : decodeHistoryLine(line)
    return record === null ? [] : [record]
  })
if (!records.some((record) => record.documents.some((change) => coversDocument(change.id, published)))) {
  fail(`No transaction in ${shown(historyPath)} changed "${published}" (or its draft): check the id (e.g. condition-verzakking), or it was not edited since the history began.`)
}
const current = existsSync(datasetPath)
  ? (readFileSync(datasetPath, 'utf8')
      .split('\n')
      .filter((line) => line.includes(JSON.stringify(published)))
      .map((line) => JSON.parse(line) as StoredDocument) // lines of the dataset file the Lake wrote: one document each
      .find((document) => document._id === published) ?? null)
  : null
console.log(`History of ${published} (newest first), from ${shown(historyPath)}:\n`)
for (const line of auditTrail(records, published, current)) console.log(line)
