/**
 * getCondition on the embedded backend against plain groq-js, at 1k, 10k and
 * 100k synthetic documents. Run: npm run bench:embedded [-- 1000 10000]
 *
 * - groq-js: parse + evaluate over the published documents, no indexes.
 * - embedded (cold): the indexed evaluation, memoisation off, every call a new slug.
 * - embedded (client): createContentClient().getCondition, with contract parsing and memoisation.
 */
import {evaluate, parse} from 'groq-js'
import {createContentClient} from '../client/index'
import {loadDataset} from '../client/embedded/dataset'
import {evaluateQuery} from '../client/embedded/evaluate'
import {queries} from '../client/queries'
import {generateDataset, slugsOf} from './dataset-generator'
import {percentile, timeRuns} from './support/statistics'

const sizes = process.argv
  .slice(2)
  .map(Number)
  .filter((size) => size > 0)
const SIZES = sizes.length > 0 ? sizes : [1_000, 10_000, 100_000]

async function measure(runs: number, run: (index: number) => Promise<unknown>): Promise<{median: number; p99: number}> {
  for (let index = 0; index < Math.min(5, runs); index++) await run(index)
  const times = await timeRuns(runs, run)
  return {median: percentile(times, 0.5), p99: percentile(times, 0.99)}
}

const ms = (value: number) => (value < 1 ? value.toFixed(3) : value.toFixed(1))

const rows: string[] = []
for (const size of SIZES) {
  const documents = generateDataset(size)
  const snapshot = loadDataset(documents)
  const published = snapshot.view('published').documents
  const slugs = slugsOf(documents, 'condition')
  const slugAt = (index: number) => slugs[(index * 7919) % slugs.length] as string
  const tree = parse(queries.getCondition)
  // Plain groq-js takes ~0.3 s a call at 100k; fewer runs keep the benchmark short.
  const baselineRuns = size >= 100_000 ? 30 : size >= 10_000 ? 100 : 300
  const baseline = await measure(baselineRuns, async (index) => (await evaluate(tree, {dataset: published, params: {slug: slugAt(index)}})).get())
  const cold = await measure(2_000, (index) => evaluateQuery(snapshot, queries.getCondition, {slug: slugAt(index)}, {memoize: false}))
  const client = createContentClient({dataset: documents})
  const warm = await measure(2_000, (index) => client.getCondition(slugAt(index % 50)))

  // Rendering every condition page: time per page should not grow with the dataset.
  const renderStarted = performance.now()
  for (const slug of slugs) await evaluateQuery(snapshot, queries.getCondition, {slug}, {memoize: false})
  const renderAll = performance.now() - renderStarted

  rows.push(
    `| ${size.toLocaleString('en')} | ${ms(baseline.median)} | ${ms(baseline.p99)} | ${ms(cold.median)} | ${ms(cold.p99)} | ${Math.round(baseline.median / cold.median)}× | ${ms(warm.median)} | ${ms(warm.p99)} | ${slugs.length.toLocaleString('en')} pages in ${ms(renderAll)} ms (${ms(renderAll / slugs.length)} ms/page) |`,
  )
  console.error(`measured ${size} documents`)
}

console.log(`getCondition, times in ms (node ${process.version}, ${new Date().toISOString().slice(0, 10)})\n`)
console.log('| documents | groq-js median | groq-js p99 | embedded median | embedded p99 | ratio (median) | client median | client p99 | render every condition page |')
console.log('|---:|---:|---:|---:|---:|---:|---:|---:|---|')
for (const row of rows) console.log(row)
