import {readFile} from 'node:fs/promises'
import {afterAll, beforeAll, describe, expect, it} from 'vitest'
import type {RunningServer} from '../../lake/server'
import {SOURCE_PATH} from '../../seed/sourceText'
import {sourceUnits} from '../../seed/sourceUnits'
import {jsonLdByPage, seededSitePaths, serveSeededPreview} from './support/previewPages'

let server: RunningServer
let pages: Map<string, unknown>
let units: string[]

beforeAll(async () => {
  server = await serveSeededPreview()
  pages = await jsonLdByPage(server, await seededSitePaths())
  units = sourceUnits(await readFile(SOURCE_PATH, 'utf8')).map((unit) => unit.text)
})

afterAll(async () => {
  await server?.close()
})

/** Every `description` in a JSON-LD value, with where it is. */
function descriptions(value: unknown, path = '$'): Array<{path: string; text: string}> {
  if (Array.isArray(value)) return value.flatMap((item, index) => descriptions(item, `${path}[${index}]`))
  if (typeof value !== 'object' || value === null) return []
  return Object.entries(value).flatMap(([key, item]) =>
    key === 'description' && typeof item === 'string' ? [{path: `${path}.${key}`, text: item}] : descriptions(item, `${path}.${key}`),
  )
}

const sameStart = (a: string, b: string) => a.slice(0, 1).toLocaleLowerCase('nl') === b.slice(0, 1).toLocaleLowerCase('nl') && a.slice(1) === b.slice(1)

/**
 * Whether `text` is made of whole sentences or list items of the leaflet, one
 * after another (a first letter may be capitalised for display).
 */
function isWholeUnits(text: string, from = 0): boolean {
  if (from === text.length) return true
  return units.some((unit) => {
    const piece = text.slice(from, from + unit.length)
    if (!sameStart(piece, unit)) return false
    const next = from + unit.length
    if (next === text.length) return true
    return text[next] === ' ' && isWholeUnits(text, next + 1)
  })
}

describe('JSON-LD descriptions', () => {
  it('are on every condition and treatment page', () => {
    expect([...pages.keys()]).toEqual([
      '/aandoeningen/dyspareunie',
      '/aandoeningen/vaginisme',
      '/aandoeningen/verzakking',
      '/aandoeningen/vulvair-vestibulitis-syndroom',
      '/behandelingen/bekkenfysiotherapie',
    ])
    for (const [page, jsonLd] of pages)
      expect(
        descriptions(jsonLd).map(({path}) => path),
        page,
      ).toEqual(expect.arrayContaining(['$.description', '$.mainEntity.description']))
  })

  it('are whole sentences or list items of the leaflet, starting with a capital, never cut off mid-sentence', () => {
    const broken: string[] = []
    let checked = 0
    for (const [page, jsonLd] of pages) {
      for (const {path, text} of descriptions(jsonLd)) {
        checked += 1
        if (!/^\p{Lu}/u.test(text) || /[:;,]$/u.test(text) || !isWholeUnits(text)) broken.push(`${page} ${path}: "${text}"`)
      }
    }
    // Each condition page and its condition, the causes of Vaginisme and Verzakking, the complaints of VVS and four treatments (one per condition); the treatment page and its therapy.
    expect(checked).toBe(23)
    expect(broken).toEqual([])
  })

  it('recognise a cut-off description as broken', () => {
    expect(isWholeUnits('Afhankelijk van de resultaten uit het onderzoek wordt er een persoonlijk')).toBe(false)
    expect(isWholeUnits('Oefeningen voor de bekkenbodem Oefeningen bij bekkenklachten')).toBe(true)
  })
})
