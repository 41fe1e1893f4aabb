import {createClient, type MutationEvent} from '@sanity/client'
import autocannon from 'autocannon'
import {copyFileSync, mkdtempSync, readFileSync, rmSync, writeFileSync} from 'node:fs'
import {tmpdir} from 'node:os'
import {join} from 'node:path'
import {performance} from 'node:perf_hooks'
import {parseNdjson} from '../client/embedded/dataset'
import {CONDITION_PAGE_QUERY} from '../client/queries'
import {journalPathFor} from '../seed/datasetFiles'
import {encodeJournalLine, recoverDataset} from '../lake/store/journal'
import {openLocalLake} from '../lake/localLake'
import {projectDirectory, startServerProcess} from './support/serverProcess'

/**
 * The local write path on the seeded dataset (47 documents), in one run:
 * - patch latency through @sanity/client, fsync included;
 * - condition-page query throughput while 10 patches a second run, against
 *   the same query with no writes;
 * - time from an acknowledged commit to its listen event;
 * - replay of a 10,000-transaction journal at start;
 * - one transaction of 10,000 creates, committed in-process (the server's
 *   thread is busy for that long; it grew with the square of the count once).
 *
 *   npm run bench:write
 */

const TOKEN = 'bench-write-token-0123456789'
const PATCHES = Number(process.env.BENCH_PATCHES ?? 500)
const READ_SECONDS = Number(process.env.BENCH_DURATION ?? 5)
const JOURNAL_TRANSACTIONS = 10_000

function percentile(values: readonly number[], fraction: number): number {
  const sorted = [...values].sort((a, b) => a - b)
  return sorted[Math.min(sorted.length - 1, Math.floor(fraction * sorted.length))] ?? Number.NaN
}

const ms = (value: number) => value.toFixed(2)

async function readThroughput(url: string): Promise<number> {
  const search = new URLSearchParams({query: CONDITION_PAGE_QUERY, $slug: JSON.stringify('verzakking')})
  const target = `${url}/v2025-02-19/data/query/production?${search}`
  await autocannon({url: target, connections: 10, duration: 1})
  const result = await autocannon({url: target, connections: 10, duration: READ_SECONDS})
  if (result.errors + result.timeouts + result.non2xx > 0) throw new Error(`read load had ${result.errors} errors, ${result.non2xx} non-2xx answers`)
  return result.requests.average
}

async function measureServer(directory: string): Promise<string[]> {
  const datasetPath = join(directory, 'production.ndjson')
  copyFileSync(join(projectDirectory, 'dataset', 'production.ndjson'), datasetPath)
  const {url, child} = await startServerProcess(datasetPath, {LOCAL_WRITE_TOKEN: TOKEN})
  try {
    const client = createClient({
      projectId: 'local',
      dataset: 'production',
      apiHost: url,
      useProjectHostname: false,
      useCdn: false,
      apiVersion: '2025-02-19',
      token: TOKEN,
      maxRetries: 0,
    })
    const id = 'condition-verzakking'

    // Baseline: the same client's round trip for the trivial query, one after another.
    const baseline: number[] = []
    for (let index = 0; index < PATCHES; index += 1) {
      const started = performance.now()
      await client.fetch('1', {}, {useCdn: false})
      baseline.push(performance.now() - started)
    }

    // Patch latency, one after another.
    const latencies: number[] = []
    for (let index = 0; index < PATCHES; index += 1) {
      const started = performance.now()
      await client.patch(id).set({benchCounter: index}).commit({returnDocuments: false})
      latencies.push(performance.now() - started)
    }

    // Acknowledged commit to listen event.
    const arrivals = new Map<string, number>()
    const subscription = client.listen('*[_id == $id]', {id}, {includeResult: false, events: ['welcome', 'mutation']})
    let listening: {unsubscribe(): void} | undefined
    const welcomed = new Promise<void>((resolve) => {
      listening = subscription.subscribe((event) => {
        if (event.type === 'welcome') resolve()
        else if (event.type === 'mutation') arrivals.set((event as MutationEvent).transactionId, performance.now())
      })
    })
    await welcomed
    const acknowledged = new Map<string, number>()
    for (let index = 0; index < 200; index += 1) {
      const result = await client.patch(id).set({benchListen: index}).commit({returnDocuments: false})
      acknowledged.set(result.transactionId, performance.now())
      await new Promise((resolve) => setTimeout(resolve, 5))
    }
    await new Promise((resolve) => setTimeout(resolve, 200))
    listening?.unsubscribe()
    // Events are sent before the writer's answer; a negative gap counts as 0.
    const gaps = [...acknowledged].map(([transactionId, at]) => Math.max(0, (arrivals.get(transactionId) ?? Number.POSITIVE_INFINITY) - at))

    // Reads alone and reads while 10 patches a second run, alternated so that load from elsewhere on the machine hits both alike.
    const readOnlyRuns: number[] = []
    const withWritesRuns: number[] = []
    let written = 0
    for (let round = 0; round < 2; round += 1) {
      readOnlyRuns.push(await readThroughput(url))
      let writing = true
      const writer = (async () => {
        while (writing) {
          const started = performance.now()
          await client.patch(id).set({benchDuringReads: written}).commit({returnDocuments: false})
          written += 1
          await new Promise((resolve) => setTimeout(resolve, Math.max(0, 100 - (performance.now() - started))))
        }
      })()
      withWritesRuns.push(await readThroughput(url))
      writing = false
      await writer
    }
    const readOnly = readOnlyRuns.reduce((sum, value) => sum + value, 0) / readOnlyRuns.length
    const withWrites = withWritesRuns.reduce((sum, value) => sum + value, 0) / withWritesRuns.length

    return [
      `| baseline: query \`1\` round trip through @sanity/client, ${PATCHES} sequential | p50 ${ms(percentile(baseline, 0.5))} ms, p99 ${ms(percentile(baseline, 0.99))} ms | |`,
      `| patch latency, ${PATCHES} sequential patches (fsync included) | p50 ${ms(percentile(latencies, 0.5))} ms, p99 ${ms(percentile(latencies, 0.99))} ms | p50 ≤ 5 ms, p99 ≤ 30 ms |`,
      `| condition-page query, mean req/s of 2 alternating runs: read-only ${Math.round(readOnly)}, with 10 patches/s ${Math.round(withWrites)} (${written} patches) | ratio ${(withWrites / readOnly).toFixed(2)} | ≥ 0.8 |`,
      `| acknowledged commit to listen event, 200 patches | p50 ${ms(percentile(gaps, 0.5))} ms, p99 ${ms(percentile(gaps, 0.99))} ms | p99 ≤ 50 ms |`,
    ]
  } finally {
    child.kill('SIGTERM')
  }
}

async function measureReplay(directory: string): Promise<string> {
  const datasetPath = join(directory, 'replay.ndjson')
  const original = readFileSync(join(projectDirectory, 'dataset', 'production.ndjson'), 'utf8')
  const documents = parseNdjson(original)
  const lines: string[] = []
  for (let index = 0; index < JOURNAL_TRANSACTIONS; index += 1) {
    const document = documents[index % documents.length]!
    lines.push(encodeJournalLine({transactionId: `t${index}`, timestamp: new Date().toISOString(), upserts: [{...document, _rev: `t${index}`, replayCounter: index}], deletes: []}))
  }
  const journal = lines.join('')
  const times: number[] = []
  for (let run = 0; run < 5; run += 1) {
    writeFileSync(datasetPath, original)
    writeFileSync(journalPathFor(datasetPath), journal)
    const started = performance.now()
    const recovered = await recoverDataset(datasetPath)
    times.push(performance.now() - started)
    await recovered.journal.close()
  }
  return `| replay of a ${JOURNAL_TRANSACTIONS}-transaction journal at start (${(journal.length / 1e6).toFixed(1)} MB), median of 5 | ${ms(percentile(times, 0.5))} ms | |`
}

const LARGE_TRANSACTION = 10_000

async function measureLargeTransaction(directory: string): Promise<string> {
  const times: number[] = []
  for (let run = 0; run < 3; run += 1) {
    const datasetPath = join(directory, `large-${run}.ndjson`)
    copyFileSync(join(projectDirectory, 'dataset', 'production.ndjson'), datasetPath)
    const lake = await openLocalLake(datasetPath, {env: {LOCAL_WRITE_TOKEN: TOKEN}, tokenPath: join(directory, '.local-write-token')})
    try {
      const mutations = Array.from({length: LARGE_TRANSACTION}, (_, index) => ({create: {_id: `filler-${run}-${index}`, _type: 'filler', n: index}}))
      const started = performance.now()
      await lake.committer.mutate(mutations)
      times.push(performance.now() - started)
    } finally {
      await lake.close()
    }
  }
  return `| one transaction of ${LARGE_TRANSACTION} creates, committed (journal fsync included), median of 3 | ${ms(percentile(times, 0.5))} ms | |`
}

async function main(): Promise<void> {
  const directory = mkdtempSync(join(tmpdir(), 'bench-write-'))
  try {
    // BENCH_ONLY=replay measures the journal replay alone, without a server.
    const rows = [...(process.env.BENCH_ONLY === 'replay' ? [] : await measureServer(directory)), await measureReplay(directory), await measureLargeTransaction(directory)]
    console.log('\n| measure | result | target |')
    console.log('|---|---|---|')
    for (const row of rows) console.log(row)
  } finally {
    rmSync(directory, {recursive: true, force: true})
  }
}

main().catch((error: unknown) => {
  console.error(error)
  process.exit(1)
})
