import {readFile} from 'node:fs/promises'
import {fileURLToPath} from 'node:url'
import {afterAll, beforeAll, describe, expect, it} from 'vitest'
import type {RunningServer} from '../../lake/server'
import {SOURCE_PATH} from '../../seed/sourceText'
import {sourceUnits, type SourceUnit} from '../../seed/sourceUnits'
import {seededSitePaths, serveSeededPreview} from './support/previewPages'
import {textBlocks} from './support/textBlocks'

const SEEDED_DATASET = fileURLToPath(new URL('../../dataset/production.ndjson', import.meta.url))
/** The pages that only list and link (the index and Klachten); every other page holds content. */
const LISTING_PAGES = new Set(['/', '/klachten'])

/**
 * Passages the leaflet itself gives to more than one page. The closing
 * treatment paragraph follows the sections on vaginisme and on dyspareunie
 * and ends the chapter "vaginisme & dyspareunie", so it belongs to both.
 */
const SHARED_BY_THE_LEAFLET: ReadonlyArray<{opening: string; pages: string[]}> = [
  {opening: 'Bekkenfysiotherapeutische behandeling is bewustwording', pages: ['/aandoeningen/dyspareunie', '/aandoeningen/vaginisme']},
  {opening: 'Terug vertrouwd raken met het eigen lichaam', pages: ['/aandoeningen/dyspareunie', '/aandoeningen/vaginisme']},
]

const fold = (text: string) => text.toLocaleLowerCase('nl').replace(/\s+/gu, ' ').trim()

let server: RunningServer
let units: SourceUnit[]
let summaries: string[]
/** Every page by path, as the text a reader sees. */
const pageText = new Map<string, string>()

beforeAll(async () => {
  units = sourceUnits(await readFile(SOURCE_PATH, 'utf8')).filter((unit) => unit.kind !== 'heading')
  summaries = (await readFile(SEEDED_DATASET, 'utf8'))
    .split('\n')
    .filter((line) => line.trim() !== '')
    .map((line) => JSON.parse(line) as {_type: string; summary?: string})
    .flatMap((document) => (document._type === 'condition' && document.summary ? [fold(document.summary)] : []))
  server = await serveSeededPreview()
  for (const path of await seededSitePaths()) {
    const response = await fetch(`${server.url}${path}`)
    expect(response.status, path).toBe(200)
    pageText.set(path, fold(textBlocks(await response.text()).join('\n')))
  }
})

afterAll(async () => {
  await server?.close()
})

describe('one home per passage, across the whole site', () => {
  it('shows each sentence and list item of the leaflet on one content page, unless the leaflet gives it to more', () => {
    const homes = new Map<string, string[]>()
    for (const unit of units) {
      const pages = [...pageText].filter(([path, text]) => !LISTING_PAGES.has(path) && text.includes(fold(unit.text))).map(([path]) => path)
      homes.set(unit.text, pages)
    }
    const allowed = (unit: string) => SHARED_BY_THE_LEAFLET.find((shared) => unit.startsWith(shared.opening))?.pages
    const wrong = [...homes]
      .filter(([unit, pages]) => (allowed(unit) ? pages.join(' ') !== allowed(unit)?.join(' ') : pages.length > 1))
      .map(([unit, pages]) => `"${unit}" on ${pages.join(', ')}`)
    expect(wrong).toEqual([])
    // The general treatment section (description, components and course) lives on the treatment page only.
    const treatmentOnly = [...homes].filter(([, pages]) => pages.join() === '/behandelingen/bekkenfysiotherapie').length
    expect(treatmentOnly).toBeGreaterThanOrEqual(9)
  })

  it('lets the lists quote no leaflet text but the summary on a card that links to its page', () => {
    const quoted: string[] = []
    for (const path of LISTING_PAGES) {
      const text = pageText.get(path) ?? ''
      for (const unit of units) if (text.includes(fold(unit.text)) && !summaries.some((summary) => summary.includes(fold(unit.text)))) quoted.push(`${path}: "${unit.text}"`)
    }
    expect(quoted).toEqual([])
  })
})
