/**
 * Search at 1k and 10k synthetic documents, on the embedded backend and
 * through the local server (`npm start` with the synthetic dataset), each
 * against the way search used to work in the same run: fetch the searchable
 * text of every document and match it in JavaScript.
 * Run: npm run bench:search [-- 1000 10000]
 *
 * - embedded index: createContentClient({dataset}).search, the index built once per dataset version.
 * - embedded, match everything: SEARCH_DOCUMENTS_QUERY evaluated, then every document matched in JavaScript.
 * - server, one GROQ query: the Content Lake backend's search against the local server; only the hits travel.
 * - server, download everything: SEARCH_DOCUMENTS_QUERY over HTTP, then matched in JavaScript.
 * Every call uses other words, so that no cache answers it.
 */
import {mkdtempSync, rmSync, writeFileSync} from 'node:fs'
import {tmpdir} from 'node:os'
import {join} from 'node:path'
import {createContentClient} from '../client/index'
import {loadDataset} from '../client/embedded/dataset'
import {evaluateQuery} from '../client/embedded/evaluate'
import type {SearchDocument} from '../client/embedded/searchIndex'
import {SEARCH_DOCUMENTS_QUERY} from '../client/queries'
import {foldForSearch, searchWords} from '../client/search/words'
import {generateDataset} from './dataset-generator'
import {startServerProcess} from './support/serverProcess'
import {percentile, timeRuns} from './support/statistics'

const sizes = process.argv
  .slice(2)
  .map(Number)
  .filter((size) => size > 0)
const SIZES = sizes.length > 0 ? sizes : [1_000, 10_000]

const STEMS = ['bekkenbodem', 'blaas', 'darm', 'pijn', 'druk', 'spanning', 'dyspareunie', 'verzakking', 'oefening', 'houding', 'uberbelasting', 'vrijen']
/** The n-th search: one or two word starts of 3 to 7 letters, never the same twice in a run of 120. */
function searchText(index: number): string {
  const first = STEMS[index % STEMS.length] ?? 'pijn'
  const length = 3 + (Math.floor(index / STEMS.length) % 5)
  const second = index % 2 === 0 ? ` ${STEMS[(index * 5 + 3) % STEMS.length]?.slice(0, 4)}` : ''
  return `${first.slice(0, length)}${second}`
}

/** The old way: every word must occur somewhere in the folded text. */
function matchEverything(documents: readonly SearchDocument[], text: string): SearchDocument[] {
  const words = searchWords(text)
  return documents.filter((document) => {
    const haystack = foldForSearch([document.title, document.summary ?? '', ...document.names, document.text ?? ''].join(' '))
    return words.every((word) => haystack.includes(word))
  })
}

async function measure(runs: number, run: (index: number) => Promise<unknown>): Promise<{median: number; p99: number}> {
  for (let index = 0; index < 3; index++) await run(runs + index)
  const times = await timeRuns(runs, run)
  return {median: percentile(times, 0.5), p99: percentile(times, 0.99)}
}

const ms = (value: number) => (value < 1 ? value.toFixed(3) : value.toFixed(1))
const rows: string[] = []
const work = mkdtempSync(join(tmpdir(), 'search-bench-'))

try {
  for (const size of SIZES) {
    const documents = generateDataset(size)
    const datasetPath = join(work, `dataset-${size}.ndjson`)
    writeFileSync(datasetPath, documents.map((document) => JSON.stringify(document)).join('\n'))
    const snapshot = loadDataset(documents)

    const embedded = createContentClient({dataset: documents})
    const buildStarted = performance.now()
    await embedded.search('bekken')
    const indexBuild = performance.now() - buildStarted
    const indexed = await measure(120, (index) => embedded.search(searchText(index), {limit: 20}))
    const everything = await measure(30, async (index) => {
      const all = (await evaluateQuery(snapshot, SEARCH_DOCUMENTS_QUERY, {}, {memoize: false})) as SearchDocument[]
      return matchEverything(all, searchText(index))
    })

    const {url, child} = await startServerProcess(datasetPath)
    try {
      const lake = createContentClient({
        sanity: {projectId: 'local', dataset: `dataset-${size}`, apiHost: url, useProjectHostname: false, useCdn: false},
      })
      const viaServer = await measure(60, (index) => lake.search(searchText(index), {limit: 20}))
      let downloaded = 0
      const downloadAll = await measure(10, async (index) => {
        const response = await fetch(`${url}/v2025-02-19/data/query/dataset-${size}?${new URLSearchParams({query: SEARCH_DOCUMENTS_QUERY, $run: String(index)})}`)
        const body = await response.text()
        downloaded = body.length
        return matchEverything((JSON.parse(body) as {result: SearchDocument[]}).result, searchText(index))
      })
      const hitsBody = JSON.stringify(await lake.search(searchText(0), {limit: 20})).length
      rows.push(
        `| ${size.toLocaleString('en')} | ${ms(indexBuild)} | ${ms(indexed.median)} | ${ms(indexed.p99)} | ${ms(everything.median)} | ${ms(viaServer.median)} | ${ms(viaServer.p99)} | ${ms(downloadAll.median)} | ${(hitsBody / 1024).toFixed(1)} kB vs ${(downloaded / 1024).toFixed(0)} kB |`,
      )
    } finally {
      child.kill()
    }
    console.error(`measured ${size} documents`)
  }
} finally {
  rmSync(work, {recursive: true, force: true})
}

console.log(`search, times in ms (node ${process.version}, ${new Date().toISOString().slice(0, 10)})\n`)
console.log(
  '| documents | embedded: index build (once) | embedded: search median | p99 | embedded: match everything median | server: one GROQ query median | p99 | server: download everything median | bytes: hits vs everything |',
)
console.log('|---:|---:|---:|---:|---:|---:|---:|---:|---|')
for (const row of rows) console.log(row)
