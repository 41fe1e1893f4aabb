import {mkdtemp, readFile, rm, writeFile} from 'node:fs/promises'
import {request} from 'node:http'
import {tmpdir} from 'node:os'
import path from 'node:path'
import autocannon from 'autocannon'
import {CONDITION_PAGE_QUERY} from '../client/queries'
import {generateDataset, slugsOf} from './dataset-generator'
import {startServerProcess, type ServerProcess} from './support/serverProcess'
import {percentile} from './support/statistics'

/**
 * The local server under load, on generated datasets, with the default
 * number of query workers. Each figure has its baseline from the same run:
 *
 * - `query=1` latency alone, and while 4 runaway queries keep running;
 * - `query=1` latency while cold `/klachten` pages render, and the cold render time;
 * - condition-page query throughput as a ratio of `query=1`'s;
 * - resident memory at 100k documents for 1, 2 (default here) and 4 query workers;
 * - patch latency and `query=1` latency while 300 anonymous listeners with
 *   heavy filters (about 700 `match` clauses, 15 kB each) are open, against
 *   the same without them, and resident memory before and after.
 *
 *   npm run bench:hardening            (BENCH_DURATION=5 seconds per throughput target)
 */

const DURATION_SECONDS = Number(process.env.BENCH_DURATION ?? 5)
const LATENCY_SAMPLES = Number(process.env.BENCH_SAMPLES ?? 200)
// Counting, for each condition, the conditions with a smaller title: quadratic, seconds at 10k documents.
const RUNAWAY_QUERY = '*[_type == "condition"]{"smaller": count(*[_type == "condition" && title < ^.title])}'

async function stop(server: ServerProcess): Promise<void> {
  const exited = new Promise((resolve) => server.child.once('exit', resolve))
  server.child.kill('SIGTERM')
  await exited
}

/** A GET with any Host header (fetch() does not let one set it). Resolves with the status. */
function get(server: ServerProcess, pathAndQuery: string, host = `127.0.0.1:${server.port}`, signal?: AbortSignal): Promise<number> {
  return new Promise((resolve, reject) => {
    const outgoing = request({host: '127.0.0.1', port: server.port, path: pathAndQuery, headers: {host}, signal}, (response) => {
      let body = ''
      response.on('data', (chunk: Buffer) => (body += chunk.length < 2000 ? chunk.toString() : ''))
      response.on('end', () => {
        if ((response.statusCode ?? 0) >= 500) console.error(`${pathAndQuery.slice(0, 60)}: ${response.statusCode} ${body.slice(0, 300)}`)
        resolve(response.statusCode ?? 0)
      })
    })
    outgoing.on('error', reject)
    outgoing.end()
  })
}

function queryPath(query: string, params: Record<string, unknown> = {}): string {
  const search = new URLSearchParams({query})
  for (const [name, value] of Object.entries(params)) search.set(`$${name}`, JSON.stringify(value))
  return `/v2025-02-19/data/query/production?${search}`
}

interface Latency {
  p50: number
  p99: number
}

/**
 * Sequential `query=1` requests. `cached`: the same request each time,
 * answered from the result cache; otherwise an unused parameter makes every
 * request new, so that each one goes through a query worker.
 */
async function queryOneLatency(server: ServerProcess, cached: boolean): Promise<Latency> {
  const times: number[] = []
  for (let index = 0; index < LATENCY_SAMPLES; index++) {
    const path = cached ? queryPath('1') : queryPath('1', {unused: `${process.pid}-${index}-${Math.random()}`})
    const started = performance.now()
    const status = await get(server, path)
    times.push(performance.now() - started)
    if (status !== 200) throw new Error(`query=1 answered ${status}`)
  }
  times.sort((a, b) => a - b)
  return {p50: percentile(times, 0.5), p99: percentile(times, 0.99)}
}

/** Keeps `count` runaway queries running (each restarted when it ends) until the returned stop is called. */
function keepRunaways(server: ServerProcess, count: number): () => Promise<void> {
  const controller = new AbortController()
  const loops = Array.from({length: count}, async (_, index) => {
    for (let round = 0; !controller.signal.aborted; round++) {
      // Distinct slices, so that each one is new to the result cache.
      await get(server, queryPath(`${RUNAWAY_QUERY}[${index}...${100_000 + round}]`), undefined, controller.signal).catch(() => 0)
    }
  })
  return async () => {
    controller.abort()
    await Promise.all(loops)
  }
}

/** Keeps cold `/klachten` renders going: every Host under .localhost is a page not rendered yet. Returns the render times. */
function keepColdRenders(server: ServerProcess): {stop: () => Promise<number[]>} {
  let running = true
  const times: number[] = []
  const loop = (async () => {
    for (let round = 0; running; round++) {
      const started = performance.now()
      const status = await get(server, '/klachten', `r${round}-${Math.random().toString(36).slice(2)}.localhost:${server.port}`)
      if (status !== 200) throw new Error(`/klachten answered ${status}`)
      times.push(performance.now() - started)
    }
  })()
  return {
    // At least five renders, so that the figure is not one worker's first (JIT-cold) render.
    stop: async () => {
      while (times.length < 5) await new Promise((resolve) => setTimeout(resolve, 50))
      running = false
      await loop
      return times
    },
  }
}

async function throughput(server: ServerProcess, pathAndQuery: string): Promise<number> {
  await autocannon({url: `${server.url}${pathAndQuery}`, connections: 10, duration: 1})
  const result = await autocannon({url: `${server.url}${pathAndQuery}`, connections: 10, duration: DURATION_SECONDS})
  if (result.errors + result.timeouts + result.non2xx > 0) throw new Error(`${pathAndQuery.slice(0, 80)}: ${result.non2xx} non-2xx, ${result.errors} errors`)
  return result.requests.average
}

async function residentMegabytes(pid: number): Promise<number> {
  const status = await readFile(`/proc/${pid}/status`, 'utf8')
  const kilobytes = Number(/VmRSS:\s+(\d+)/.exec(status)?.[1] ?? Number.NaN)
  return kilobytes / 1024
}

async function writeDataset(directory: string, size: number): Promise<{datasetPath: string; documents: ReturnType<typeof generateDataset>}> {
  const documents = generateDataset(size)
  const datasetPath = path.join(directory, `${size}`, 'production.ndjson')
  await import('node:fs/promises').then(({mkdir}) => mkdir(path.dirname(datasetPath), {recursive: true}))
  await writeFile(datasetPath, documents.map((document) => JSON.stringify(document)).join('\n') + '\n')
  return {datasetPath, documents}
}

const fixed = (value: number, digits = 1) => value.toFixed(digits)

/** BENCH_ONLY=write-and-listen runs only that scenario. */
const ONLY_WRITE_AND_LISTEN = process.env.BENCH_ONLY === 'write-and-listen'
const WRITE_TOKEN = 'bench-hardening-write-token-0123456789'
const HEAVY_LISTENERS = Number(process.env.BENCH_LISTENERS ?? 300)
const PATCH_SAMPLES = Number(process.env.BENCH_PATCHES ?? 100)

/** A listen filter of about 700 `match` clauses (15 kB), different for each listener so that none share an evaluation. */
function heavyFilter(listener: number): string {
  const clauses = Array.from({length: 700}, (_, index) => (index === 0 ? `title match "listener${listener}"` : `title match "x${index}"`))
  return `*[_type == "condition" && (${clauses.join(' || ')})]`
}

/** Opens a listen stream without a token and keeps it open, reading what comes. */
function openListener(server: ServerProcess, query: string): Promise<() => void> {
  return new Promise((resolve, reject) => {
    const outgoing = request({host: '127.0.0.1', port: server.port, path: `/v2025-02-19/data/listen/production?${new URLSearchParams({query})}`}, (response) => {
      response.resume()
      resolve(() => outgoing.destroy())
    })
    outgoing.on('error', reject)
    outgoing.end()
  })
}

/** Sequential patches of one condition, each through /data/mutate with the token; their latencies, sorted. */
async function patchLatency(server: ServerProcess, id: string, samples: number): Promise<Latency> {
  const times: number[] = []
  for (let index = 0; index < samples; index++) {
    const body = JSON.stringify({mutations: [{patch: {id, set: {summary: `Bijgewerkt ${index} ${Math.random()}`}}}]})
    const started = performance.now()
    const response = await fetch(`${server.url}/v2025-02-19/data/mutate/production`, {
      method: 'POST',
      headers: {authorization: `Bearer ${WRITE_TOKEN}`, 'content-type': 'application/json'},
      body,
    })
    await response.arrayBuffer()
    times.push(performance.now() - started)
    if (response.status !== 200) throw new Error(`the patch answered ${response.status}`)
  }
  times.sort((a, b) => a - b)
  return {p50: percentile(times, 0.5), p99: percentile(times, 0.99)}
}

/** Patches and `query=1` side by side: the latencies of each while the other runs. */
async function patchesWithQueries(server: ServerProcess, id: string): Promise<{patch: Latency; query: Latency}> {
  const [patch, query] = await Promise.all([patchLatency(server, id, PATCH_SAMPLES), queryOneLatency(server, false)])
  return {patch, query}
}

async function writeAndListen(datasetPath: string, conditionId: string, rows: string[][]): Promise<void> {
  const server = await startServerProcess(datasetPath, {WATCH_DATASET: '0', LOCAL_WRITE_TOKEN: WRITE_TOKEN})
  try {
    await patchLatency(server, conditionId, 10)
    console.error('write and listen: without listeners…')
    const alone = await patchesWithQueries(server, conditionId)
    console.error(`write and listen: opening ${HEAVY_LISTENERS} heavy listeners…`)
    const rssBefore = await residentMegabytes(server.child.pid ?? 0)
    const closers = await Promise.all(Array.from({length: HEAVY_LISTENERS}, (_, listener) => openListener(server, heavyFilter(listener))))
    console.error('write and listen: with them…')
    const loaded = await patchesWithQueries(server, conditionId)
    const rssLoaded = await residentMegabytes(server.child.pid ?? 0)
    for (const close of closers) close()
    // Closed listeners' work is dropped: the next patches run as without them.
    const after = await patchesWithQueries(server, conditionId)
    const rssAfter = await residentMegabytes(server.child.pid ?? 0)
    rows.push([`patch, alone (baseline; ${PATCH_SAMPLES} sequential, \`query=1\` beside them)`, fixed(alone.patch.p50), fixed(alone.patch.p99), ''])
    rows.push(['`query=1` beside those patches (baseline)', fixed(alone.query.p50), fixed(alone.query.p99), ''])
    rows.push([
      `patch, with ${HEAVY_LISTENERS} heavy anonymous listeners open`,
      fixed(loaded.patch.p50),
      fixed(loaded.patch.p99),
      `p99 ${fixed(loaded.patch.p99 / alone.patch.p99)}× alone (target ≤ 5×)`,
    ])
    rows.push([
      `\`query=1\` beside them, with ${HEAVY_LISTENERS} heavy listeners open`,
      fixed(loaded.query.p50),
      fixed(loaded.query.p99),
      `p99 ${fixed(loaded.query.p99 / alone.query.p99)}× alone (target ≤ 5×)`,
    ])
    rows.push(['patch, after those listeners closed', fixed(after.patch.p50), fixed(after.patch.p99), `p99 ${fixed(after.patch.p99 / alone.patch.p99)}× alone`])
    rows.push(['RSS: before the listeners, with them, after they closed', '', '', `${fixed(rssBefore, 0)} MB, ${fixed(rssLoaded, 0)} MB, ${fixed(rssAfter, 0)} MB`])
  } finally {
    await stop(server)
  }
}

/** `query=1` alone, beside runaway queries and cold renders; throughput of the condition-page query. */
async function queryScenarios(small: {datasetPath: string; documents: ReturnType<typeof generateDataset>}, rows: string[][]): Promise<void> {
  const server = await startServerProcess(small.datasetPath, {WATCH_DATASET: '0'})
  try {
    const cachedAlone = await queryOneLatency(server, true)
    const alone = await queryOneLatency(server, false)
    rows.push(['`query=1`, cached, alone', fixed(cachedAlone.p50), fixed(cachedAlone.p99), ''])
    rows.push(['`query=1`, through a worker, alone (baseline)', fixed(alone.p50), fixed(alone.p99), ''])

    const stopRunaways = keepRunaways(server, 4)
    await new Promise((resolve) => setTimeout(resolve, 1000))
    const duringRunaways = await queryOneLatency(server, false)
    await stopRunaways()
    // Let the stopped workers' replacements start before the next measurement.
    await new Promise((resolve) => setTimeout(resolve, 3000))
    rows.push([
      '`query=1`, through a worker, while 4 runaway queries run',
      fixed(duringRunaways.p50),
      fixed(duringRunaways.p99),
      `p99 ${fixed(duringRunaways.p99 / alone.p99)}× alone (target ≤ 5×)`,
    ])

    const renders = keepColdRenders(server)
    const duringRenders = await queryOneLatency(server, false)
    const renderTimes = (await renders.stop()).sort((a, b) => a - b)
    rows.push([
      '`query=1`, through a worker, while cold `/klachten` pages render',
      fixed(duringRenders.p50),
      fixed(duringRenders.p99),
      `p99 ${fixed(duringRenders.p99 / alone.p99)}× alone (target ≤ 5×)`,
    ])
    rows.push([`cold \`/klachten\` render (${renderTimes.length} renders)`, fixed(percentile(renderTimes, 0.5)), fixed(percentile(renderTimes, 0.99)), 'target ≤ 1000 ms'])

    const slug = slugsOf(small.documents, 'condition')[0] ?? ''
    const queryOnePerSecond = await throughput(server, queryPath('1'))
    const conditionPerSecond = await throughput(server, queryPath(CONDITION_PAGE_QUERY, {slug}))
    rows.push(['throughput, req/s: `query=1` (baseline)', fixed(queryOnePerSecond, 0), '', ''])
    rows.push(['throughput, req/s: condition-page query', fixed(conditionPerSecond, 0), '', `${fixed(conditionPerSecond / queryOnePerSecond, 2)} of \`query=1\` (target ≥ 0.6)`])
  } finally {
    await stop(server)
  }
}

async function main(): Promise<void> {
  const directory = await mkdtemp(path.join(tmpdir(), 'bench-hardening-'))
  const rows: string[][] = []
  try {
    const small = await writeDataset(directory, 10_000)
    if (!ONLY_WRITE_AND_LISTEN) await queryScenarios(small, rows)
    const conditionId = small.documents.find((document) => document._type === 'condition' && !document._id.startsWith('drafts.'))?._id ?? ''
    await writeAndListen(small.datasetPath, conditionId, rows)

    const large = await writeDataset(directory, ONLY_WRITE_AND_LISTEN ? 0 : 100_000)
    for (const workers of ONLY_WRITE_AND_LISTEN ? [] : ['1', '2', '4']) {
      const started = performance.now()
      const server = await startServerProcess(large.datasetPath, {WATCH_DATASET: '0', QUERY_WORKERS: workers})
      const startMs = performance.now() - started
      try {
        // One page and one query, so that the preview worker and a query worker have built their indexes.
        await get(server, '/')
        await get(server, queryPath('count(*[_type == "condition"])'))
        rows.push([`RSS at 100k documents, QUERY_WORKERS=${workers}`, '', '', `${fixed(await residentMegabytes(server.child.pid ?? 0), 0)} MB (start ${fixed(startMs / 1000)} s)`])
      } finally {
        await stop(server)
      }
    }
  } finally {
    await rm(directory, {recursive: true, force: true})
  }
  console.log(
    `\nnpm run bench:hardening: 10k generated documents unless noted, default workers, ${LATENCY_SAMPLES} sequential requests per latency row, autocannon 10 connections × ${DURATION_SECONDS} s per throughput row\n`,
  )
  console.log('| measurement | p50 (ms) | p99 (ms) | result |')
  console.log('|---|---:|---:|---|')
  for (const row of rows) console.log(`| ${row.join(' | ')} |`)
}

main().catch((error: unknown) => {
  console.error(error)
  process.exit(1)
})
