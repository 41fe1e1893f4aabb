import {afterAll, beforeAll, describe, expect, it} from 'vitest'
import {createContentClient, type ContentClient} from '../../client/index'
import * as packageQueries from '../../client/queries'
import {seededDatasetSource, seededDocuments} from './support/datasets'
import {startLocalLake, type TestLake} from '../support/localLake'

let lake: TestLake
let embedded: ContentClient
let sanity: ContentClient

beforeAll(async () => {
  lake = await startLocalLake(seededDocuments(), {readOnly: true})
  embedded = createContentClient({dataset: seededDatasetSource()})
  sanity = createContentClient({sanity: {projectId: 'local', dataset: 'production', apiHost: lake.url, useProjectHostname: false, useCdn: false}})
})

afterAll(async () => {
  await lake.close()
})

/** The `$names` a query text uses: the oracle for the parameters each query takes. */
function parameterNames(query: string): string[] {
  return [...new Set([...query.matchAll(/\$([A-Za-z_][A-Za-z0-9_]*)/gu)].map((match) => match[1] ?? ''))].sort()
}

const QUERIES: [name: string, query: string][] = Object.entries(packageQueries).flatMap(([name, value]) =>
  name.endsWith('_QUERY') && typeof value === 'string' ? [[name, value]] : [],
)

/** A value of the right type for each parameter: slices take numbers, the rest strings. */
function validParameters(names: readonly string[]): Record<string, unknown> {
  return Object.fromEntries(names.map((name) => [name, name === 'start' || name === 'end' ? 0 : 'verzakking']))
}

async function rejection(promise: Promise<unknown>): Promise<Error> {
  const outcome = await promise.then(
    (result) => ({result}),
    (error: unknown) => ({error}),
  )
  if (!('error' in outcome)) throw new Error(`expected a rejection, got ${JSON.stringify(outcome.result)?.slice(0, 100)}`)
  expect(outcome.error).toBeInstanceOf(TypeError)
  return outcome.error as Error
}

describe('parameters of the package queries', () => {
  it('every exported query is checked, and takes exactly the parameters its text uses', async () => {
    expect(QUERIES.length).toBeGreaterThanOrEqual(8)
    for (const [name, query] of QUERIES) {
      const names = parameterNames(query)
      await embedded.fetch<unknown>(query, validParameters(names))
      for (const missing of names) {
        const {[missing]: _left, ...rest} = validParameters(names)
        const error = await rejection(embedded.fetch<unknown>(query, rest))
        expect(error.message).toContain(name)
        expect(error.message).toContain(`$${missing}`)
      }
      const error = await rejection(embedded.fetch<unknown>(query, {...validParameters(names), unexpected: 1}))
      expect(error.message).toContain('$unexpected is not one of its parameters')
    }
  })

  for (const backend of ['embedded', 'sanity'] as const) {
    const client = () => (backend === 'embedded' ? embedded : sanity)

    it(`${backend}: a misspelled parameter fails naming both names, instead of answering null`, async () => {
      const misspelled = {slg: 'verzakking'}
      // The same call through @sanity/client alone answers null: GROQ reads the missing $slug as null.
      expect(await lake.client({token: null}).fetch(packageQueries.CONDITION_PAGE_QUERY, misspelled)).toBeNull()
      // @ts-expect-error -- the type test's point, here at run time: slg is not a parameter of the query.
      const error = await rejection(client().fetch(packageQueries.CONDITION_PAGE_QUERY, misspelled))
      expect(error.message).toBe('CONDITION_PAGE_QUERY takes $slug: $slug must be a string, got nothing; $slg is not one of its parameters')
    })

    it(`${backend}: a missing or mistyped parameter of a list query is named`, async () => {
      // @ts-expect-error -- end is missing.
      expect((await rejection(client().fetch(packageQueries.CONDITIONS_QUERY, {start: 0}))).message).toBe('CONDITIONS_QUERY takes $start, $end: $end must be a number, got nothing')
      // @ts-expect-error -- start must be a number.
      expect((await rejection(client().fetch(packageQueries.CONDITIONS_QUERY, {start: '0', end: 5}))).message).toContain('$start must be a number, got string')
    })

    it(`${backend}: subscribe refuses a missing parameter before it starts`, () => {
      // @ts-expect-error -- symptomSlug is missing.
      expect(() => client().subscribe(packageQueries.CONDITIONS_BY_SYMPTOM_QUERY, {}, () => {})).toThrow(
        new TypeError('CONDITIONS_BY_SYMPTOM_QUERY takes $symptomSlug: $symptomSlug must be a string, got nothing'),
      )
    })
  }

  it("a query of the team's own is not checked: its parameters pass as given", async () => {
    expect(await embedded.fetch<string | null>('*[_type == "condition" && slug.current == $slug][0].title', {slug: 'verzakking'})).toBe('Verzakking')
  })
})
