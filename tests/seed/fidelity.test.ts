import {readFileSync} from 'node:fs'
import {describe, expect, it} from 'vitest'
import {buildDocuments, type Provenance} from '../../seed/build'
import {CORRECTIONS} from '../../seed/corrections'
import type {SeedDocument} from '../../seed/draft'
import {applyCorrections, normalizeWhitespace, SOURCE_PATH, SourceText} from '../../seed/sourceText'
import {sourceUnits} from '../../seed/sourceUnits'

const raw = readFileSync(SOURCE_PATH, 'utf8')
const source = new SourceText(raw)
const built = buildDocuments(source)
if (!built.ok) throw new Error(`the seed must build: ${JSON.stringify(built.problems)}`)
const {documents, provenance} = built
const units = sourceUnits(raw)

/** Keys that hold identifiers and markup; every other string in a document is prose. */
const STRUCTURAL_KEYS = new Set(['_id', '_type', '_key', '_ref', 'path', 'style', 'listItem', 'level', 'marks', 'category', 'qualifier', 'period', 'system', 'status'])

interface Leaf {
  documentId: string
  path: string
  value: string | number
}

function leaves(document: SeedDocument): Leaf[] {
  const out: Leaf[] = []
  const walk = (value: unknown, path: string, key: string) => {
    if (STRUCTURAL_KEYS.has(key)) return
    if (typeof value === 'string' || typeof value === 'number') {
      out.push({documentId: document._id, path, value})
    } else if (Array.isArray(value)) {
      value.forEach((item, index) => walk(item, `${path}[${index}]`, ''))
    } else if (typeof value === 'object' && value !== null) {
      for (const [childKey, item] of Object.entries(value)) walk(item, path === '' ? childKey : `${path}.${childKey}`, childKey)
    }
  }
  walk(document, '', '')
  return out
}

const allLeaves = documents.flatMap(leaves)
const proseTexts = allLeaves.flatMap((leaf) => (typeof leaf.value === 'string' ? [leaf.value] : []))
const editorial = provenance.filter((entry): entry is Extract<Provenance, {kind: 'editorial'}> => entry.kind === 'editorial')
const editorialPaths = new Set(editorial.map((entry) => `${entry.documentId} ${entry.path}`))

function isFound(unit: {kind: string; text: string}): boolean {
  // A sentence may share a paragraph with its neighbours; a heading or a list
  // item is a field or a block of its own.
  return unit.kind === 'sentence' ? proseTexts.some((text) => text.includes(unit.text)) : proseTexts.includes(unit.text)
}

describe('fidelity to the source text', () => {
  it('the unit parser covers the whole source: headings, sentences and list items, with only list markers left out', () => {
    const withoutMarkers = applyCorrections(raw)
      .split('\n')
      .map((line) =>
        line
          .trim()
          .replace(/^(?:o|•)\s+/u, '')
          .replace(/^\d+\.\s*/u, ''),
      )
      .join('\n')
    expect(units.map((unit) => unit.text).join(' ')).toBe(normalizeWhitespace(withoutMarkers))
  })

  it('every heading, sentence and list item of the source appears in the dataset', () => {
    const missing = units.filter((unit) => !isFound(unit))
    const found = units.length - missing.length
    console.log(`Source coverage: ${found}/${units.length} units found (${((found / units.length) * 100).toFixed(1)}%)`)
    for (const kind of ['heading', 'sentence', 'listItem'] as const) {
      const ofKind = units.filter((unit) => unit.kind === kind)
      console.log(`  ${kind.padEnd(9)} ${ofKind.filter(isFound).length}/${ofKind.length}`)
    }
    expect(missing.map((unit) => `line ${unit.line} (${unit.kind}): ${unit.text}`)).toEqual([])
  })

  it('no prose field holds text that is not in the source, unless the seed marks it editorial', () => {
    const unmarked = allLeaves.filter((leaf) => {
      if (editorialPaths.has(`${leaf.documentId} ${leaf.path}`)) return false
      return typeof leaf.value === 'number' || !source.text.includes(leaf.value)
    })
    console.log(`Editorial values (${editorial.length}), not taken from the source:`)
    const slugs = editorial.filter((entry) => entry.path === 'slug.current')
    console.log(`  slug.current: ${slugs.length} slugs, one per document with an address (${slugs.map((entry) => entry.value).join(', ')})`)
    const distinct = new Map<string, string[]>()
    for (const entry of editorial) {
      if (entry.path === 'slug.current') continue
      const label = `${entry.path.replace(/\[\d+\]/gu, '[]')}: ${JSON.stringify(entry.value)}`
      distinct.set(label, [...(distinct.get(label) ?? []), entry.documentId])
    }
    for (const [label, ids] of distinct) console.log(`  ${label}  (${ids.length > 2 ? `${ids.length} documents` : ids.join(', ')})`)
    expect(unmarked.map((leaf) => `${leaf.documentId} › ${leaf.path}: ${JSON.stringify(leaf.value)}`)).toEqual([])
  })

  it('an empty or blank prose value cannot slip through as "found in the source"', () => {
    expect(allLeaves.filter((leaf) => typeof leaf.value === 'string' && leaf.value.trim() === '')).toEqual([])
  })

  it('applies each correction, and only through the corrections list', () => {
    const everything = proseTexts.join('\n')
    for (const correction of CORRECTIONS) {
      expect(raw.split(correction.find).length - 1).toBe(correction.count)
    }
    expect(everything).not.toContain('”na')
    expect(everything).toContain('“napijn” na seksueel contact')
    expect(everything).not.toContain('))')
    expect(everything).not.toContain('ontspannen Terug')
    expect(everything).toContain('het spannen en ontspannen. Terug vertrouwd raken met het eigen lichaam')
    expect(source.text).toBe(normalizeWhitespace(applyCorrections(raw)))
  })

  it('keeps no line-wrapping white space or bullet characters in the text', () => {
    // Every string of prose in the 50 seeded documents.
    expect(proseTexts).toHaveLength(154)
    for (const text of proseTexts) {
      expect(text).not.toMatch(/\s{2}|\n|^\s|\s$/u)
      expect(text).not.toMatch(/^(?:o|•)\s/u)
    }
  })

  it('turns the bulleted complaints into Portable Text bullet blocks', () => {
    const vvs = documents.find((document) => document._id === 'condition-vulvair-vestibulitis-syndroom')
    const blocks = vvs?._type === 'condition' ? vvs.description : []
    const bullets = blocks.filter((block) => block.listItem === 'bullet')
    expect(bullets.map((block) => block.level)).toEqual([1, 1, 1, 1])
    const listItems = units.filter((unit) => unit.kind === 'listItem').map((unit) => unit.text)
    for (const block of bullets) expect(listItems).toContain(block.children?.[0]?.text)
  })

  it('claims no medical review: no imported text has a review date, reviewer, role or reviewed revision, only the date of its first check', () => {
    const conditions = documents.filter((document) => document._type === 'condition' || document._type === 'treatment')
    expect(conditions.map((condition) => condition._id).sort()).toEqual([
      'condition-dyspareunie',
      'condition-vaginisme',
      'condition-verzakking',
      'condition-vulvair-vestibulitis-syndroom',
      'treatment-bekkenfysiotherapie',
    ])
    for (const condition of conditions) {
      const review = 'review' in condition ? condition.review : undefined
      expect(review, condition._id).toEqual({_type: 'review', nextReview: expect.stringMatching(/^\d{4}-\d{2}-\d{2}$/u)})
    }
  })

  it('marks as editorial only values the content model allows: titles, slugs, order, body parts, codes with their versions, explanations of difficult words, source record and the date of the first check', () => {
    const allowed = /^(title|slug\.current|order|codes\[\d+\]\.(code|version)|explanation|notes|prevalence\.(percentage|population)|review\.nextReview)$/u
    expect(editorial.filter((entry) => !allowed.test(entry.path)).map((entry) => `${entry.documentId} ${entry.path}`)).toEqual([])
    const codes = editorial.filter((entry) => /^codes\[\d+\]\.code$/u.test(entry.path)).map((entry) => `${entry.documentId}=${entry.value}`)
    expect(codes.sort()).toEqual(['condition-dyspareunie=N94.1', 'condition-vaginisme=N94.2', 'condition-verzakking=N81', 'condition-vulvair-vestibulitis-syndroom=N94.810'])
  })
})
