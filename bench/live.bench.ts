import {createClient, type LiveEvent, type SanityClient} from '@sanity/client'
import {copyFileSync, mkdtempSync, rmSync} from 'node:fs'
import {tmpdir} from 'node:os'
import {join} from 'node:path'
import {performance} from 'node:perf_hooks'
import {CONDITION_PAGE_QUERY} from '../client/queries'
import {readServerConfig} from '../lake/config'
import {openLocalLake} from '../lake/localLake'
import {startServer} from '../lake/server'
import {median, percentile} from './support/statistics'
import {projectDirectory} from './support/serverProcess'

/**
 * The Live Content API of the local Lake, on the seeded dataset (a temporary
 * copy), with the Lake started in this process as the tests start it:
 * - commit → live event: a patch through @sanity/client with the token,
 *   timed from just before `commit()` to the `message` event on an open
 *   `client.live.events()` stream;
 * - the cost of `syncTags` in query answers: the condition-page query at
 *   v2021-03-24 (no syncTags) against v2021-03-25 (syncTags). Both versions
 *   come before v2025-02-19, so both default to the `raw` perspective (and,
 *   without a token, read published content): the answers differ in
 *   `syncTags` alone. Every run has a parameter of its own, so the Lake's
 *   result cache never answers; the two versions alternate.
 *
 *   npm run bench:live
 *   BENCH_COMMITS=200 BENCH_QUERY_RUNS=1000 npm run bench:live
 */

const TOKEN = 'bench-live-token-0123456789'
const COMMITS = Number(process.env.BENCH_COMMITS ?? 200)
const QUERY_RUNS = Number(process.env.BENCH_QUERY_RUNS ?? 1000)
const WARM_UP = 20
const DOCUMENT_ID = 'condition-verzakking'

const ms = (value: number) => value.toFixed(2)

function clientFor(url: string, options: {apiVersion: string; token?: string}): SanityClient {
  return createClient({projectId: 'local', dataset: 'production', apiHost: url, useProjectHostname: false, useCdn: false, maxRetries: 0, ...options})
}

/** A `message` event and when it arrived (performance.now()). */
interface Arrival {
  at: number
  event: Extract<LiveEvent, {type: 'message'}>
}

/** An open `client.live.events()` stream, welcomed; `next()` resolves with the next message. */
interface MessageWaiter {
  next(): Promise<Arrival>
  stop(): void
}

async function openLiveStream(client: SanityClient): Promise<MessageWaiter> {
  let waiting: {resolve(arrival: Arrival): void; reject(error: unknown): void} | undefined
  let failure: unknown
  let welcomed: {resolve(): void; reject(error: unknown): void} = {resolve() {}, reject() {}}
  const welcome = new Promise<void>((resolve, reject) => (welcomed = {resolve, reject}))
  const fail = (error: unknown) => {
    failure ??= error
    welcomed.reject(error)
    waiting?.reject(error)
  }
  const subscription = client.live.events().subscribe({
    next(event) {
      if (event.type === 'welcome') welcomed.resolve()
      else if (event.type === 'message') {
        const at = performance.now()
        if (!waiting) return fail(new Error(`A message nobody waited for: ${event.id}`))
        const {resolve} = waiting
        waiting = undefined
        resolve({at, event})
      } else fail(new Error(`Unexpected live event: ${event.type}`))
    },
    error: fail,
  })
  await welcome
  return {
    next: () =>
      new Promise<Arrival>((resolve, reject) => {
        if (failure !== undefined) return reject(failure)
        waiting = {resolve, reject}
      }),
    stop: () => subscription.unsubscribe(),
  }
}

async function commitToLiveEvent(url: string): Promise<{events: number[]; acknowledged: number[]}> {
  const writer = clientFor(url, {apiVersion: '2025-02-19', token: TOKEN})
  const live = await openLiveStream(clientFor(url, {apiVersion: '2025-02-19'}))
  const {syncTags} = await clientFor(url, {apiVersion: '2025-02-19'}).fetch(CONDITION_PAGE_QUERY, {slug: 'verzakking'}, {filterResponse: false})
  const events: number[] = []
  const acknowledged: number[] = []
  let lastId = ''
  try {
    for (let index = 0; index < WARM_UP + COMMITS; index += 1) {
      const message = live.next()
      const started = performance.now()
      const commit = writer.patch(DOCUMENT_ID).set({benchLive: index}).commit({returnDocuments: false})
      const [arrival] = await Promise.all([message, commit.then(() => acknowledged.push(performance.now() - started))])
      if (!arrival.event.tags.some((tag) => syncTags?.includes(tag))) throw new Error(`The message names ${arrival.event.tags.join(', ')}, not the query's ${syncTags?.join(', ')}`)
      if (arrival.event.id === lastId) throw new Error(`The same event id twice: ${lastId}`)
      lastId = arrival.event.id
      events.push(arrival.at - started)
    }
  } finally {
    live.stop()
  }
  return {events: events.slice(WARM_UP).sort((a, b) => a - b), acknowledged: acknowledged.slice(WARM_UP).sort((a, b) => a - b)}
}

async function syncTagsOverhead(url: string): Promise<{without: number[]; with: number[]}> {
  const withoutTags = clientFor(url, {apiVersion: '2021-03-24'})
  const withTags = clientFor(url, {apiVersion: '2021-03-25'})
  const [plain, tagged] = await Promise.all([
    withoutTags.fetch(CONDITION_PAGE_QUERY, {slug: 'verzakking'}, {filterResponse: false}),
    withTags.fetch(CONDITION_PAGE_QUERY, {slug: 'verzakking'}, {filterResponse: false}),
  ])
  if ('syncTags' in plain || !tagged.syncTags?.length) throw new Error('v2021-03-24 must answer without syncTags, v2021-03-25 with them')
  if (JSON.stringify(plain.result) !== JSON.stringify(tagged.result)) throw new Error('The two API versions answer with different results')

  const times = {without: [] as number[], with: [] as number[]}
  let cacheAnswers = 0
  const time = async (client: SanityClient, run: number) => {
    const started = performance.now()
    // `run` is a parameter the query does not use: a key of its own in the result cache.
    const answer = await client.fetch(CONDITION_PAGE_QUERY, {slug: 'verzakking', run}, {filterResponse: false})
    if (answer.ms === 0) cacheAnswers += 1
    return performance.now() - started
  }
  for (let index = 0; index < WARM_UP + QUERY_RUNS; index += 1) {
    // Alternating which goes first, so that drift on a shared machine hits both alike.
    const order = index % 2 === 0 ? (['without', 'with'] as const) : (['with', 'without'] as const)
    for (const arm of order) {
      const elapsed = await time(arm === 'with' ? withTags : withoutTags, 2 * index + (arm === 'with' ? 1 : 0))
      if (index >= WARM_UP) times[arm].push(elapsed)
    }
  }
  if (cacheAnswers > 0) throw new Error(`${cacheAnswers} answers came from the result cache`)
  return times
}

async function main(): Promise<void> {
  const directory = mkdtempSync(join(tmpdir(), 'bench-live-'))
  try {
    const datasetPath = join(directory, 'production.ndjson')
    copyFileSync(join(projectDirectory, 'dataset', 'production.ndjson'), datasetPath)
    const config = readServerConfig(['--dataset', datasetPath, '--port', '0'], process.env)
    const lake = await openLocalLake(datasetPath, {env: {LOCAL_WRITE_TOKEN: TOKEN}, tokenPath: join(directory, '.local-write-token')})
    const server = await startServer(config, {store: lake.store, lake})
    try {
      const {events, acknowledged} = await commitToLiveEvent(server.url)
      const queries = await syncTagsOverhead(server.url)
      const without = median(queries.without)
      const withTags = median(queries.with)
      console.log(`\nLocal Lake in process, ${config.queryWorkers} query workers, Node ${process.version}; times in ms.\n`)
      console.log('| measure | result | target |')
      console.log('|---|---|---|')
      console.log(
        `| commit → live \`message\`, ${COMMITS} patches, from just before \`commit()\` to the event | p50 ${ms(percentile(events, 0.5))}, p99 ${ms(percentile(events, 0.99))}, max ${ms(events.at(-1) ?? Number.NaN)} | p99 ≤ 50 ms |`,
      )
      console.log(
        `| the same patches, \`commit()\` acknowledged | p50 ${ms(percentile(acknowledged, 0.5))}, p99 ${ms(percentile(acknowledged, 0.99))}, max ${ms(acknowledged.at(-1) ?? Number.NaN)} | |`,
      )
      console.log(
        `| condition-page query, v2021-03-24 (no syncTags), median of ${queries.without.length} | ${ms(without)} (p99 ${ms(
          percentile(
            [...queries.without].sort((a, b) => a - b),
            0.99,
          ),
        )}) | |`,
      )
      console.log(
        `| condition-page query, v2021-03-25 (syncTags), median of ${queries.with.length} | ${ms(withTags)} (p99 ${ms(
          percentile(
            [...queries.with].sort((a, b) => a - b),
            0.99,
          ),
        )}) | |`,
      )
      console.log(`| syncTags overhead, ratio of medians | ${(withTags / without).toFixed(3)}× | ≤ 1.1× |`)
    } finally {
      await server.close()
      await lake.close()
    }
  } finally {
    rmSync(directory, {recursive: true, force: true})
  }
}

main().catch((error: unknown) => {
  console.error(error)
  process.exit(1)
})
