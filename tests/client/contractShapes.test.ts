import {readFileSync} from 'node:fs'
import {beforeAll, describe, expect, it} from 'vitest'
import * as z from 'zod/mini'
import {CHECKED_CONTRACTS} from '../../client/checkedContracts'
import {shapeIssues} from '../../client/contractShape'
import {CONTRACT_SHAPES} from '../../client/contractShapes'
import {createContentClient} from '../../client/index'
import {CONDITION_GROUPS_QUERY, CONDITION_PAGE_QUERY, CONDITIONS_BY_SYMPTOM_QUERY, CONDITIONS_QUERY, SYMPTOMS_QUERY, TREATMENT_PAGE_QUERY} from '../../client/queries'
import {CONTRACT_SHAPES_PATH, contractShapesModule} from '../../scripts/contract-shapes'
import {seededDatasetSource} from './support/datasets'

type Name = keyof typeof CHECKED_CONTRACTS
type PathPart = string | number

/** What zod and the shape check both say about an issue. */
function comparable(issue: {code: string; path: readonly PropertyKey[]; expected?: unknown; values?: unknown; keys?: unknown; format?: unknown; prefix?: unknown}) {
  return {code: issue.code, path: issue.path, expected: issue.expected, values: issue.values, keys: issue.keys, format: issue.format, prefix: issue.prefix}
}

/** The first Portable Text block in a value, to give it links: the seeded leaflet text has none. */
function firstBlock(value: unknown): Record<string, unknown> | undefined {
  if (Array.isArray(value)) return value.map(firstBlock).find(Boolean)
  if (typeof value !== 'object' || value === null) return undefined
  const record = value as Record<string, unknown>
  return record._type === 'block' ? record : Object.values(record).map(firstBlock).find(Boolean)
}

function zodIssues(name: Name, value: unknown) {
  const checked = z.safeParse(CHECKED_CONTRACTS[name], value)
  return checked.success ? [] : checked.error.issues.map(comparable)
}

function shapeIssuesOf(name: Name, value: unknown) {
  return shapeIssues(CONTRACT_SHAPES[name].shape, value).map(comparable)
}

/** Every path into a JSON value, the value itself first. */
function pathsIn(value: unknown, path: PathPart[] = []): PathPart[][] {
  if (Array.isArray(value)) return [path, ...value.flatMap((item, index) => pathsIn(item, [...path, index]))]
  if (typeof value === 'object' && value !== null) return [path, ...Object.entries(value).flatMap(([key, item]) => pathsIn(item, [...path, key]))]
  return [path]
}

const REPLACEMENTS: unknown[] = [null, undefined, 7, Number.POSITIVE_INFINITY, 'x', true, [], {}, [1], {unexpected: 1}]

/**
 * Calls `check` with the value whose node at `path` is replaced by `change`,
 * or deleted (`delete`), or given an extra key (`extraKey`), and then puts the
 * node back: the answers are large, and a copy per change would cost more
 * than the checks.
 */
function withChange(value: unknown, path: PathPart[], change: unknown, check: (changed: unknown) => void): void {
  if (path.length === 0) return check(change === 'delete' || change === 'extraKey' ? value : change)
  let parent = value as Record<PathPart, unknown>
  for (const part of path.slice(0, -1)) parent = parent[part] as Record<PathPart, unknown>
  const last = path[path.length - 1]!
  const original = parent[last]
  const node = original as Record<string, unknown>
  if (change === 'extraKey') {
    if (typeof original !== 'object' || original === null || Array.isArray(original)) return check(value)
    node.extra = 1
    check(value)
    delete node.extra
    return
  }
  if (change === 'delete') delete parent[last]
  else parent[last] = change
  check(value)
  parent[last] = original
}

const content = createContentClient({dataset: seededDatasetSource()})

/** Verzakking's page with a web link and an internal link on its first paragraph, so that the links' fields are changed and checked too. */
async function conditionPageWithLinks(): Promise<unknown> {
  const page = await content.fetch(CONDITION_PAGE_QUERY, {slug: 'verzakking'})
  const block = firstBlock(page)
  if (!block) throw new Error('Verzakking has no rich text block')
  block.markDefs = [
    {_type: 'link', _key: 'web', href: 'https://www.thuisarts.nl/'},
    {_type: 'internalLink', _key: 'page', target: {_type: 'treatment', slug: 'bekkenfysiotherapie'}},
  ]
  return page
}
const answers = {} as Record<Name, unknown[]>

beforeAll(async () => {
  // Two items of each list: every node of them is changed below, and each change is checked twice.
  const slice = {start: 0, end: 2}
  const [groups, conditions, symptoms] = await Promise.all([
    content.fetch(CONDITION_GROUPS_QUERY, slice),
    content.fetch(CONDITIONS_QUERY, slice),
    content.fetch(SYMPTOMS_QUERY, slice),
  ])
  Object.assign(answers, {
    conditionGroup: groups.items,
    conditionGroupList: [groups],
    conditionListItem: conditions.items,
    conditionList: [conditions],
    symptom: symptoms.items,
    symptomList: [symptoms],
    anyList: [conditions],
    conditionPage: [await conditionPageWithLinks(), null],
    treatmentPage: [await content.fetch(TREATMENT_PAGE_QUERY, {slug: 'bekkenfysiotherapie'}), null],
    conditionsBySymptom: [await content.fetch(CONDITIONS_BY_SYMPTOM_QUERY, {symptomSlug: 'balgevoel'}), null],
    searchResults: [await content.search('pijn bij')],
    sliceParameters: [{start: 0, end: 3}],
    slugParameters: [{slug: 'verzakking'}],
    symptomSlugParameters: [{symptomSlug: 'balgevoel'}],
    noParameters: [{}],
  } satisfies Record<Name, unknown[]>)
})

describe('the contract shapes the client checks', () => {
  it('client/contractShapes.ts is what scripts/contract-shapes.ts makes of the zod contracts now (else run npm run typegen)', async () => {
    expect(readFileSync(CONTRACT_SHAPES_PATH, 'utf8')).toBe(await contractShapesModule())
  })

  it('the seeded content passes both zod and the shapes', () => {
    for (const name of Object.keys(CHECKED_CONTRACTS) as Name[]) {
      expect(answers[name].length, name).toBeGreaterThan(0)
      for (const answer of answers[name]) {
        expect(zodIssues(name, answer), name).toEqual([])
        expect(shapeIssuesOf(name, answer), name).toEqual([])
      }
    }
  })

  it('report what zod reports, issue for issue, for every node of the content removed, replaced or given an extra key', () => {
    let broken = 0
    let checks = 0
    for (const name of Object.keys(CHECKED_CONTRACTS) as Name[]) {
      for (const answer of answers[name]) {
        for (const path of pathsIn(answer)) {
          for (const change of ['delete', 'extraKey', ...REPLACEMENTS]) {
            withChange(answer, path, change, (value) => {
              const expected = zodIssues(name, value)
              if (expected.length > 0) broken++
              const actual = shapeIssuesOf(name, value)
              // expect() only on a difference, to show it: thousands of passing expects would dominate the test's time.
              if (JSON.stringify(actual) !== JSON.stringify(expected)) expect(actual, `${name} with ${JSON.stringify(path)} → ${String(change)}`).toEqual(expected)
              checks++
            })
          }
        }
        // Put back as it was: every change started from the answer itself.
        expect(zodIssues(name, answer), name).toEqual([])
      }
    }
    // Most changes break the contract: the comparison is not only of passing values.
    expect(broken).toBeGreaterThan(1000)
    expect(broken).toBeLessThan(checks)
  })
})
