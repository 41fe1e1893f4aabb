import autocannon from 'autocannon'
import {CONDITION_PAGE_QUERY} from '../client/queries'
import {startServerProcess} from './support/serverProcess'

/**
 * Load on the local server over loopback: 10 connections for 10 seconds per
 * target, one target at a time. The server runs in its own process, so the
 * load generator does not compete with it for the event loop. The trivial
 * query is the baseline: what HTTP, routing and the worker hand-off cost.
 *
 *   npm run bench:http
 */

const DURATION_SECONDS = Number(process.env.BENCH_DURATION ?? 10)
const CONNECTIONS = 10

function queryPath(query: string, params: Record<string, unknown>): string {
  const search = new URLSearchParams({query})
  for (const [name, value] of Object.entries(params)) search.set(`$${name}`, JSON.stringify(value))
  return `/v2025-02-19/data/query/production?${search}`
}

const targets = [
  {name: 'baseline: query `1`', path: queryPath('1', {})},
  {name: 'condition-page query (verzakking)', path: queryPath(CONDITION_PAGE_QUERY, {slug: 'verzakking'})},
  {name: 'preview page /aandoeningen/verzakking', path: '/aandoeningen/verzakking'},
]

async function main(): Promise<void> {
  const {url, child} = await startServerProcess('dataset/production.ndjson')
  try {
    const rows: string[] = []
    for (const target of targets) {
      // A short warm-up, so that the first measured second is not the JIT's.
      await autocannon({url: `${url}${target.path}`, connections: CONNECTIONS, duration: 1})
      const result = await autocannon({url: `${url}${target.path}`, connections: CONNECTIONS, duration: DURATION_SECONDS})
      const failures = result.errors + result.timeouts + result.non2xx
      rows.push(`| ${target.name} | ${Math.round(result.requests.p50)} | ${Math.round(result.requests.average)} | ${result.latency.p50} | ${result.latency.p99} | ${failures} |`)
      if (failures > 0) process.exitCode = 1
    }
    console.log(`\nautocannon, ${CONNECTIONS} connections, ${DURATION_SECONDS} s per target, loopback (${url})\n`)
    console.log('| target | req/s (median) | req/s (mean) | latency p50 (ms) | latency p99 (ms) | errors + non-2xx |')
    console.log('|---|---:|---:|---:|---:|---:|')
    for (const row of rows) console.log(row)
  } finally {
    child.kill('SIGTERM')
  }
}

main().catch((error: unknown) => {
  console.error(error)
  process.exit(1)
})
