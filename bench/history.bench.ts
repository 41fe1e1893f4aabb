import {copyFileSync, mkdtempSync, rmSync, statSync, writeFileSync} from 'node:fs'
import {tmpdir} from 'node:os'
import {join} from 'node:path'
import {performance} from 'node:perf_hooks'
import type {StoredDocument} from '../client/embedded/dataset'
import {documentAt} from '../lake/history/documentAtRevision'
import {historyPathFor} from '../lake/history/historyLog'
import {parseTransactionsRequest, transactionLines} from '../lake/history/historyTransactions'
import {encodeHistoryLine, historyRecordOf} from '../lake/history/historyRecord'
import {openLocalLake} from '../lake/localLake'
import {projectDirectory} from './support/serverProcess'

/**
 * The history the local Lake keeps, on the seeded dataset:
 * - history file bytes per 1000 patches of one leaflet's summary (what the
 *   Studio sends while an editor types), and the commit time with history;
 * - the start of a Lake whose history file holds HISTORY_RECORDS
 *   transactions, against the start without one;
 * - the Studio's history requests over 1000 transactions of one document.
 *
 *   npm run bench:history
 */

const TOKEN = 'bench-history-token-0123456789'
const PATCHES = Number(process.env.BENCH_PATCHES ?? 1000)
const HISTORY_RECORDS = Number(process.env.BENCH_HISTORY_RECORDS ?? 20_000)
const ms = (value: number) => value.toFixed(1)

async function timed<T>(work: () => Promise<T>): Promise<[T, number]> {
  const started = performance.now()
  const result = await work()
  return [result, performance.now() - started]
}

const directory = mkdtempSync(join(tmpdir(), 'bench-history-'))
try {
  const datasetPath = join(directory, 'production.ndjson')
  copyFileSync(join(projectDirectory, 'dataset', 'production.ndjson'), datasetPath)
  const open = () => openLocalLake(datasetPath, {env: {LOCAL_WRITE_TOKEN: TOKEN}, tokenPath: join(directory, '.local-write-token')})

  const [lake, coldStart] = await timed(open)
  const document = lake.committer.documents.get('condition-verzakking')
  console.log(`condition-verzakking: ${Buffer.byteLength(JSON.stringify(document))} bytes of JSON`)
  const started = performance.now()
  for (let index = 0; index < PATCHES; index++) {
    await lake.committer.mutate([{patch: {id: 'condition-verzakking', set: {summary: `Een verzakking ontstaat door zwakte van het weefsel, versie ${index}.`}}}], {
      identity: 'bench',
    })
  }
  const perCommit = (performance.now() - started) / PATCHES
  const historyBytes = statSync(historyPathFor(datasetPath)).size
  console.log(
    `${PATCHES} patches: history file ${(historyBytes / 1024 / 1024).toFixed(2)} MB (${Math.round(historyBytes / PATCHES)} bytes a patch), ${ms(perCommit)} ms a commit (fsync included)`,
  )

  const head = lake.committer.documents.get('condition-verzakking')
  const revision = lake.committer.historyLog.entries[Math.floor(PATCHES / 2)]?.id ?? ''
  const ids = ['condition-verzakking', 'drafts.condition-verzakking']
  const [, studioPage] = await timed(async () => {
    const request = parseTransactionsRequest(
      new URLSearchParams('effectFormat=mendoza&excludeContent=true&excludeMutations=true&includeIdentifiedDocumentsOnly=true&reverse=true&limit=50'),
      ids,
    )
    const lines = []
    for await (const line of transactionLines(lake.committer.historyLog, lake.committer.documents, request)) lines.push(line)
    return lines.length
  })
  const [, atRevision] = await timed(() => documentAt(lake.committer.historyLog, lake.committer.documents, 'condition-verzakking', {revision}))
  console.log(`the Studio's history page (50 newest, mendoza effects): ${ms(studioPage)} ms; a document at a revision in the middle: ${ms(atRevision)} ms`)
  await lake.close()

  // A history file of HISTORY_RECORDS transactions of the same size.
  const base = head as StoredDocument
  const lines: string[] = []
  for (let index = 0; index < HISTORY_RECORDS; index++) {
    const before = {...base, _rev: `r${index}`, summary: `versie ${index}`}
    const after = {...base, _rev: `r${index + 1}`, summary: `versie ${index + 1}`}
    const timestamp = new Date(Date.now() - (HISTORY_RECORDS - index) * 1000).toISOString()
    lines.push(
      encodeHistoryLine(
        historyRecordOf({
          transactionId: `bench-${index}`,
          timestamp,
          identity: 'bench',
          mutations: [{patch: {id: base._id, set: {summary: after.summary}}}],
          changes: [{id: base._id, previous: before, document: after}],
        }),
      ),
    )
  }
  writeFileSync(historyPathFor(datasetPath), lines.join(''))
  const largeBytes = statSync(historyPathFor(datasetPath)).size
  const [withHistory, largeStart] = await timed(open)
  await withHistory.close()
  rmSync(historyPathFor(datasetPath))
  const [without, plainStart] = await timed(open)
  await without.close()
  console.log(
    `start with a history of ${HISTORY_RECORDS} transactions (${(largeBytes / 1024 / 1024).toFixed(0)} MB): ${ms(largeStart)} ms; without history: ${ms(plainStart)} ms (first start, cold: ${ms(coldStart)} ms); memory after: ${Math.round(process.memoryUsage().rss / 1024 / 1024)} MB rss`,
  )
} finally {
  rmSync(directory, {recursive: true, force: true})
}
