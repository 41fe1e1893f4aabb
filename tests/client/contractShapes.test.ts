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
function comparable(issue: {code: string; path: readonly PropertyKey[]; expected?: unknown; values?: unknown; keys?: unknown}) {
  return {code: issue.code, path: issue.path, expected: issue.expected, values: issue.values, keys: issue.keys}
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

/** The value with the node at `path` replaced by `replacement`, or deleted (`delete`), or given an extra key (`extraKey`). */
function mutated(value: unknown, path: PathPart[], change: unknown): unknown {
  const copy = structuredClone(value)
  if (path.length === 0) return change === 'delete' || change === 'extraKey' ? copy : change
  let parent = copy as Record<PathPart, unknown>
  for (const part of path.slice(0, -1)) parent = parent[part] as Record<PathPart, unknown>
  const last = path[path.length - 1]!
  if (change === 'delete') delete parent[last]
  else if (change === 'extraKey') {
    const node = parent[last]
    if (typeof node === 'object' && node !== null && !Array.isArray(node)) (node as Record<string, unknown>).extra = 1
  } else parent[last] = change
  return copy
}

const content = createContentClient({dataset: seededDatasetSource()})
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
    conditionPage: [await content.fetch(CONDITION_PAGE_QUERY, {slug: 'verzakking'}), null],
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
    for (const name of Object.keys(CHECKED_CONTRACTS) as Name[]) {
      for (const answer of answers[name]) {
        for (const path of pathsIn(answer)) {
          for (const change of ['delete', 'extraKey', ...REPLACEMENTS]) {
            const value = mutated(answer, path, change)
            const expected = zodIssues(name, value)
            if (expected.length > 0) broken++
            expect(shapeIssuesOf(name, value), `${name} with ${JSON.stringify(path)} → ${String(change)}`).toEqual(expected)
          }
        }
      }
    }
    // Most changes break the contract: the comparison is not only of passing values.
    expect(broken).toBeGreaterThan(1000)
  })
})
