import {readFile} from 'node:fs/promises'
import {fileURLToPath} from 'node:url'
import {afterAll, beforeAll, describe, expect, it} from 'vitest'
import {readServerConfig} from '../../lake/config'
import {startServer, type RunningServer} from '../../lake/server'
import {createPreviewSite} from '../../preview/site'
import {SOURCE_PATH} from '../../seed/sourceText'
import {sourceUnits} from '../../seed/sourceUnits'
import {textBlocks} from './support/textBlocks'

const SEEDED_DATASET = fileURLToPath(new URL('../../dataset/production.ndjson', import.meta.url))
/** Shorter blocks (a name, "Verzakking", a heading such as "Verloop") may well recur on a page. */
const MIN_REPEATED_BLOCK = 40

interface StoredDocument {
  _id: string
  _type: string
  slug?: {current: string}
  prevalence?: {statement: string; valueReview?: {status: string}}
}

let documents: StoredDocument[] = []

let server: RunningServer
/** Every page of the site, by path, as the text blocks a reader sees. */
const pages = new Map<string, string[]>()

beforeAll(async () => {
  documents = (await readFile(SEEDED_DATASET, 'utf8'))
    .split('\n')
    .filter((line) => line.trim() !== '')
    .map((line) => JSON.parse(line) as StoredDocument)
  const config = readServerConfig(['--dataset', SEEDED_DATASET, '--port', '0'], {QUERY_WORKERS: '1'})
  server = await startServer(config, {pages: (store) => createPreviewSite({store})})
  const paths = [
    '/',
    '/klachten',
    ...documents.filter((document) => document._type === 'condition').map((document) => `/aandoeningen/${document.slug?.current}`),
    ...documents.filter((document) => document._type === 'treatment').map((document) => `/behandelingen/${document.slug?.current}`),
  ]
  for (const path of paths) {
    const response = await fetch(`${server.url}${path}`)
    expect(response.status, path).toBe(200)
    pages.set(path, textBlocks(await response.text()))
  }
})

afterAll(async () => {
  await server?.close()
})

const fold = (text: string) => text.toLocaleLowerCase('nl').replace(/\s+/gu, ' ').trim()

describe('textBlocks', () => {
  it('gives each paragraph and list item its own text, decoded, without scripts', () => {
    const blocks = textBlocks(
      '<head><title>T</title><script>{"a":"verborgen"}</script></head><body><ul><li><strong>Titel</strong><p>Tekst &#38; <a href="#">link</a></p></li></ul><p>Twee<br>regels</p></body>',
    )
    expect(blocks).toEqual(['Tekst & link', 'Titel', 'Twee regels'])
  })
})

describe('every page of the preview site', () => {
  it('is found: the index, Klachten, every condition and every treatment', () => {
    expect([...pages.keys()]).toEqual([
      '/',
      '/klachten',
      '/aandoeningen/dyspareunie',
      '/aandoeningen/vaginisme',
      '/aandoeningen/verzakking',
      '/aandoeningen/vulvair-vestibulitis-syndroom',
      '/behandelingen/bekkenfysiotherapie',
    ])
  })

  it(`shows no text block of ${MIN_REPEATED_BLOCK} characters or more twice, nor inside another block (case aside)`, () => {
    const repeated: string[] = []
    for (const [path, blocks] of pages) {
      const folded = blocks.map(fold)
      folded.forEach((block, index) => {
        if (block.length < MIN_REPEATED_BLOCK) return
        const also = folded.filter((other, otherIndex) => otherIndex !== index && other.includes(block))
        if (also.length > 0) repeated.push(`${path}: "${block}" also in "${also[0]}"`)
      })
    }
    expect([...new Set(repeated)]).toEqual([])
  })

  it('shows every sentence and list item of the leaflet, and none of them twice on one page, but a figure that awaits its medical check', async () => {
    const units = sourceUnits(await readFile(SOURCE_PATH, 'utf8')).filter((unit) => unit.kind !== 'heading')
    // The leaflet's 29 sentences and 14 list items.
    expect(units).toHaveLength(43)
    const missing: string[] = []
    const twice: string[] = []
    for (const unit of units) {
      const needle = fold(unit.text)
      let shown = 0
      for (const [path, blocks] of pages) {
        const text = fold(blocks.join('\n'))
        const count = text.split(needle).length - 1
        if (count > 1) twice.push(`${path}: "${unit.text}" (${count}×)`)
        shown += count
      }
      if (shown === 0) missing.push(`line ${unit.line}: ${unit.text}`)
    }
    // "Bijna 50% …" gives a figure without a source: it is in the dataset, and on the page once a clinician has approved it.
    const awaitingReview = documents.flatMap((document) =>
      document._type === 'condition' && document.prevalence && document.prevalence.valueReview?.status !== 'approved' ? [document.prevalence.statement] : [],
    )
    expect(awaitingReview).toEqual(['Bijna 50% van alle vrouwen krijgt ooit in haar leven een verzakking.'])
    expect(missing).toEqual(awaitingReview.map((statement) => `line ${units.find((unit) => unit.text === statement)?.line}: ${statement}`))
    expect(twice).toEqual([])
  })
})
