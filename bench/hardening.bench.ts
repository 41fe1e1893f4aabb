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
 * - resident memory at 100k documents for 1, 2 (default here) and 4 query workers.
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
      response.resume()
      response.on('end', () => resolve(response.statusCode ?? 0))
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

async function main(): Promise<void> {
  const directory = await mkdtemp(path.join(tmpdir(), 'bench-hardening-'))
  const rows: string[][] = []
  try {
    const small = await writeDataset(directory, 10_000)
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

    const large = await writeDataset(directory, 100_000)
    for (const workers of ['1', '2', '4']) {
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
