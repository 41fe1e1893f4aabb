import {createClient, type SanityClient} from '@sanity/client'
import {performance} from 'node:perf_hooks'
import {CONDITION_PAGE_QUERY} from '../client/queries'
import {readServerConfig} from '../lake/config'
import {startServer} from '../lake/server'
import {median, percentile} from './support/statistics'
import {projectDirectory} from './support/serverProcess'

/**
 * What a Content Source Map costs on the local Lake: the condition-page
 * query on the shipped dataset (read-only server, one query worker), without
 * `resultSourceMap` and with `resultSourceMap=withKeyArraySelector` (what
 * @sanity/client asks for when stega is on). Every run has a parameter of
 * its own, so the result cache never answers; the two kinds alternate.
 * Reported: the round trip at the client, the Lake's own `ms` (evaluation,
 * and the tracing with a source map) and the size of the answer.
 *
 *   npm run bench:source-maps
 *   BENCH_QUERY_RUNS=500 npm run bench:source-maps
 */

const QUERY_RUNS = Number(process.env.BENCH_QUERY_RUNS ?? 200)
const WARM_UP = 20

interface Sample {
  roundTripMs: number
  lakeMs: number
  bytes: number
}

async function sample(client: SanityClient, run: number, resultSourceMap: 'withKeyArraySelector' | undefined): Promise<Sample> {
  const started = performance.now()
  const answer = await client.fetch(CONDITION_PAGE_QUERY, {slug: 'verzakking', run}, {filterResponse: false, ...(resultSourceMap ? {resultSourceMap} : {})})
  const roundTripMs = performance.now() - started
  if ((resultSourceMap !== undefined) !== 'resultSourceMap' in answer) throw new Error('The answer must carry a source map exactly when asked for one')
  return {roundTripMs, lakeMs: answer.ms, bytes: Buffer.byteLength(JSON.stringify(answer))}
}

function row(label: string, samples: Sample[]): string {
  const roundTrips = samples.map((entry) => entry.roundTripMs).sort((a, b) => a - b)
  const lake = median(samples.map((entry) => entry.lakeMs))
  return `| ${label} | ${median(roundTrips).toFixed(2)} (p99 ${percentile(roundTrips, 0.99).toFixed(2)}) | ${lake.toFixed(2)} | ${(median(samples.map((entry) => entry.bytes)) / 1024).toFixed(1)} kB |`
}

async function main(): Promise<void> {
  const config = readServerConfig(['--dataset', `${projectDirectory}/dataset/production.ndjson`, '--port', '0', '--read-only'], {...process.env, QUERY_WORKERS: '1'})
  const server = await startServer(config)
  try {
    const client = createClient({projectId: 'local', dataset: 'production', apiHost: server.url, useProjectHostname: false, useCdn: false, apiVersion: '2025-02-19', maxRetries: 0})
    const without: Sample[] = []
    const withMap: Sample[] = []
    for (let run = 0; run < WARM_UP + QUERY_RUNS; run++) {
      const plain = await sample(client, 2 * run, undefined)
      const mapped = await sample(client, 2 * run + 1, 'withKeyArraySelector')
      if (run < WARM_UP) continue
      without.push(plain)
      withMap.push(mapped)
    }
    console.log(`| condition-page query (Verzakking), median of ${QUERY_RUNS} | round trip, ms | the Lake's ms | answer |`)
    console.log('|---|---|---|---|')
    console.log(row('without resultSourceMap', without))
    console.log(row('resultSourceMap=withKeyArraySelector', withMap))
  } finally {
    await server.close()
  }
}

await main()
