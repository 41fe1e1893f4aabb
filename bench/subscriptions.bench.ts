import {createClient, type SanityClient} from '@sanity/client'
import {copyFile, mkdtemp, rm} from 'node:fs/promises'
import {tmpdir} from 'node:os'
import {join} from 'node:path'
import {performance} from 'node:perf_hooks'
import {createContentClient} from '../client/index'
import {readServerConfig} from '../lake/config'
import {openLocalLake} from '../lake/localLake'
import {startServer} from '../lake/server'
import {startCountingProxy, type CountingProxy} from './support/countingProxy'
import {projectDirectory} from './support/serverProcess'
import {median} from './support/statistics'

/**
 * What `subscribe` costs with 1, 20 and 200 subscriptions in one content
 * client, against the local Lake started in this process (the seeded
 * dataset, 2 query workers), each count measured BENCH_RUNS times (median):
 *
 * - the live streams, listen streams and TCP connections open at the Lake
 *   (counted by a pass-through proxy in front of it) once every subscription
 *   has its first answer;
 * - memory: heap used after GC with `--expose-gc` (as `npm run` gives it),
 *   else the growth of the resident set; the process holds the Lake too, so
 *   the figure includes the Lake's side of each connection;
 * - the time until every subscription has its first answer, and from an
 *   editor's acknowledged patch until every subscription has the new result.
 *
 * Baseline from the same run: a listen connection per subscription, as
 * `subscribe` worked before (`client.listen('*')`, the query again after
 * every mutation).
 *
 *   npm run bench:subscriptions [-- 1 20 200]     (BENCH_RUNS=5)
 */

const counts = process.argv
  .slice(2)
  .map(Number)
  .filter((count) => count > 0)
const COUNTS = counts.length > 0 ? counts : [1, 20, 200]
const RUNS = Number(process.env.BENCH_RUNS ?? 5)
const TOKEN = 'bench-subscriptions-token-0123456789'
const LIVE = /\/data\/live\/events\//u
const LISTEN = /\/data\/listen\//u
const QUERY = '*[_id == $id][0]{summary, "subscription": $index}'

const collectGarbage = (globalThis as {gc?: () => void}).gc
const memoryMeasure = collectGarbage ? 'heap used after GC' : 'resident set growth (run with --expose-gc for heap used)'

async function memory(): Promise<number> {
  if (collectGarbage) {
    collectGarbage()
    await new Promise((resolve) => setImmediate(resolve))
    collectGarbage()
    return process.memoryUsage().heapUsed
  }
  return process.memoryUsage().rss
}

/** Resolves once `condition` holds, checked every 5 ms; rejects after `timeoutMs`. */
async function until(condition: () => boolean, what: string, timeoutMs = 30_000): Promise<void> {
  const deadline = performance.now() + timeoutMs
  while (!condition()) {
    if (performance.now() > deadline) throw new Error(`Timed out waiting for ${what}`)
    await new Promise((resolve) => setTimeout(resolve, 5))
  }
}

/** N subscriptions opened one way; `summaries[i]` is the last summary subscription i was given. */
interface Subscriptions {
  summaries: Array<string | undefined>
  stop(): void
}

type Mechanism = {name: string; open(count: number, id: string): Subscriptions}

function apiClient(apiHost: string, token?: string): SanityClient {
  return createClient({projectId: 'local', dataset: 'production', apiHost, useProjectHostname: false, useCdn: false, apiVersion: '2025-02-19', ...(token ? {token} : {})})
}

const summaryOf = (result: unknown) => (result as {summary?: string} | null)?.summary

function mechanisms(proxy: CountingProxy): Mechanism[] {
  return [
    {
      name: 'subscribe: one live connection per client',
      open(count, id) {
        const content = createContentClient({sanity: {projectId: 'local', dataset: 'production', apiHost: proxy.url, useProjectHostname: false, useCdn: false}})
        const summaries: Array<string | undefined> = Array(count).fill(undefined)
        const stops = summaries.map((_, index) =>
          content.subscribe(
            QUERY,
            {id, index},
            {
              next: (result) => (summaries[index] = summaryOf(result)),
              error: (error) => console.error(error),
            },
          ),
        )
        return {summaries, stop: () => stops.forEach((stop) => stop())}
      },
    },
    {
      name: 'baseline: a listen connection per subscription (subscribe before)',
      open(count, id) {
        const client = apiClient(proxy.url)
        const summaries: Array<string | undefined> = Array(count).fill(undefined)
        const subscriptions = summaries.map((_, index) => {
          let timer: ReturnType<typeof setTimeout> | undefined
          const refresh = () => void client.fetch(QUERY, {id, index}).then((result: unknown) => (summaries[index] = summaryOf(result)))
          const subscription = client.listen('*', {}, {events: ['welcome', 'mutation'], includeResult: false, visibility: 'query'}).subscribe((event) => {
            if (event.type === 'welcome') refresh()
            else {
              clearTimeout(timer)
              timer = setTimeout(refresh, 50)
            }
          })
          return () => {
            clearTimeout(timer)
            subscription.unsubscribe()
          }
        })
        return {summaries, stop: () => subscriptions.forEach((stop) => stop())}
      },
    },
  ]
}

interface Sample {
  live: number
  listen: number
  sockets: number
  memoryBytes: number
  firstMs: number
  editMs: number
}

const work = await mkdtemp(join(tmpdir(), 'subscriptions-bench-'))
const datasetPath = join(work, 'production.ndjson')
await copyFile(join(projectDirectory, 'dataset', 'production.ndjson'), datasetPath)
const lake = await openLocalLake(datasetPath, {env: {LOCAL_WRITE_TOKEN: TOKEN}, tokenPath: join(work, '.local-write-token')})
const server = await startServer(readServerConfig(['--dataset', datasetPath, '--port', '0'], {QUERY_WORKERS: '2'}), {store: lake.store, lake})
const proxy = await startCountingProxy(server.url)
const editor = apiClient(server.url, TOKEN)
let edits = 0

/** Starts from quiet: no client connections, every exchange with the Lake over, and a moment for the Lake to drop its side. */
async function quiet(): Promise<void> {
  proxy.closeIdle()
  await until(() => proxy.openSockets === 0 && proxy.openUpstream === 0, 'the connections to close')
  await new Promise((resolve) => setTimeout(resolve, 50))
}

async function measure(mechanism: Mechanism, count: number, id: string): Promise<Sample> {
  await quiet()
  const before = await memory()
  const started = performance.now()
  const subscriptions = mechanism.open(count, id)
  try {
    await until(() => subscriptions.summaries.every((summary) => summary !== undefined), `${count} first answers`)
    const firstMs = performance.now() - started
    const memoryBytes = (await memory()) - before
    const open = {live: proxy.openRequests(LIVE), listen: proxy.openRequests(LISTEN), sockets: proxy.openSockets}
    const summary = `Benchmarkwijziging ${++edits}.`
    const edited = performance.now()
    await editor.patch(id).set({summary}).commit({returnDocuments: false})
    await until(() => subscriptions.summaries.every((heard) => heard === summary), `${count} subscriptions to hear the edit`)
    return {...open, memoryBytes, firstMs, editMs: performance.now() - edited}
  } finally {
    subscriptions.stop()
    await until(() => proxy.openRequests(LIVE) + proxy.openRequests(LISTEN) === 0, 'the streams to close')
  }
}

const rows: string[] = []
try {
  const id = await editor.fetch<string>('*[_type == "condition" && slug.current == $slug][0]._id', {slug: 'verzakking'})
  for (const mechanism of mechanisms(proxy)) {
    // Warm-up: modules, JIT and the Lake's caches, outside the figures.
    await measure(mechanism, Math.max(...COUNTS), id)
    for (const count of COUNTS) {
      const samples: Sample[] = []
      for (let run = 0; run < RUNS; run++) samples.push(await measure(mechanism, count, id))
      const middle = (pick: (sample: Sample) => number) => median(samples.map(pick))
      const kB = middle((sample) => sample.memoryBytes) / 1024
      rows.push(
        `| ${mechanism.name} | ${count} | ${middle((sample) => sample.live)} | ${middle((sample) => sample.listen)} | ${middle((sample) => sample.sockets)} | ${kB.toFixed(0)} kB (${(kB / count).toFixed(1)} kB each) | ${middle((sample) => sample.firstMs).toFixed(1)} | ${middle((sample) => sample.editMs).toFixed(1)} |`,
      )
      console.error(rows.at(-1))
    }
  }
} finally {
  await proxy.close()
  await server.close()
  await lake.close()
  await rm(work, {recursive: true, force: true})
}

console.log(`Memory: ${memoryMeasure}. Medians of ${RUNS} runs per row; connections counted at the Lake once every subscription had its first answer.\n`)
console.log('| mechanism | subscriptions | live streams open | listen streams open | TCP connections open | memory | first answers, all (ms) | edit → all heard (ms) |')
console.log('|---|---:|---:|---:|---:|---:|---:|---:|')
for (const row of rows) console.log(row)
