import {readFile} from 'node:fs/promises'
import {afterAll, beforeAll, describe, expect, it} from 'vitest'
import type {RunningServer} from '../../lake/server'
import {SOURCE_PATH} from '../../seed/sourceText'
import {sourceUnits, type SourceUnit} from '../../seed/sourceUnits'
import {seededSitePaths, serveSeededPreview} from './support/previewPages'
import {textBlocks} from './support/textBlocks'

const fold = (text: string) => text.toLocaleLowerCase('nl').replace(/\s+/gu, ' ').trim()

let server: RunningServer
/** The leaflet's sentences and list items, in its order (headings are short and may recur). */
let units: SourceUnit[]
/** Every page that holds content (a condition or a treatment), by path, as its sections: each a list of text blocks, split at the h2 headings. */
const sectionsByPage = new Map<string, string[][]>()

function sectionsOf(html: string): string[][] {
  return html.split(/<h2\b/u).map((part, index) => textBlocks(index === 0 ? part : `<h2${part}`))
}

/** The leaflet units a text block holds, in the order they stand in the block. */
function unitsIn(block: string): number[] {
  const text = fold(block)
  const found: Array<{unit: number; at: number}> = []
  units.forEach((unit, index) => {
    const at = text.indexOf(fold(unit.text))
    if (at !== -1) found.push({unit: index, at})
  })
  return found.sort((a, b) => a.at - b.at).map((entry) => entry.unit)
}

beforeAll(async () => {
  units = sourceUnits(await readFile(SOURCE_PATH, 'utf8')).filter((unit) => unit.kind !== 'heading')
  server = await serveSeededPreview()
  for (const path of await seededSitePaths()) {
    if (!path.startsWith('/aandoeningen/') && !path.startsWith('/behandelingen/')) continue
    const response = await fetch(`${server.url}${path}`)
    expect(response.status, path).toBe(200)
    sectionsByPage.set(path, sectionsOf(await response.text()))
  }
})

afterAll(async () => {
  await server?.close()
})

describe("each page in the leaflet's order and scope", () => {
  it('shows the leaflet sentences of each section in the order of the leaflet', () => {
    const outOfOrder: string[] = []
    for (const [path, sections] of sectionsByPage) {
      for (const blocks of sections) {
        const order = blocks.flatMap(unitsIn)
        order.forEach((unit, index) => {
          const previous = order[index - 1]
          if (previous !== undefined && unit <= previous) outOfOrder.push(`${path}: "${units[unit]?.text}" after "${units[previous]?.text}"`)
        })
      }
    }
    expect(outOfOrder).toEqual([])
  })

  it('keeps a sentence that introduces a list right above the first item of that list', () => {
    const introductions = units.map((unit, index) => ({unit, next: units[index + 1]})).filter(({unit}) => unit.text.endsWith(':'))
    // "… oorzaken hebben:", "De behandeling bestaat over het algemeen uit:" and "… met klachten als:".
    expect(introductions).toHaveLength(3)
    const separated: string[] = []
    let shown = 0
    for (const [path, sections] of sectionsByPage) {
      const blocks = sections.flat().map(fold)
      for (const {unit, next} of introductions) {
        const at = blocks.findIndex((block) => block.endsWith(fold(unit.text)))
        if (at === -1 || !next) continue
        shown++
        if (!blocks[at + 1]?.startsWith(fold(next.text))) separated.push(`${path}: "${unit.text}" is followed by "${blocks[at + 1]}"`)
      }
    }
    expect(shown).toBeGreaterThanOrEqual(3)
    expect(separated).toEqual([])
  })

  it('shows the closing treatment paragraph of "vaginisme & dyspareunie" on both conditions', () => {
    const closing = units.find((unit) => unit.text.startsWith('Bekkenfysiotherapeutische behandeling is bewustwording'))
    if (!closing) throw new Error('The leaflet has no closing treatment paragraph.')
    const pagesWith = [...sectionsByPage].filter(([, sections]) => fold(sections.flat().join('\n')).includes(fold(closing.text))).map(([path]) => path)
    expect(pagesWith).toEqual(['/aandoeningen/dyspareunie', '/aandoeningen/vaginisme'])
  })
})
