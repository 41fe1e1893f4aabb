import {type ClientError, type SanityClient} from '@sanity/client'
import {afterAll, beforeAll, describe, expect, it, vi} from 'vitest'
import {startLocalLake, type TestLake} from '../support/localLake'
import {queryFixtureDocuments} from './fixtures'

/**
 * Deletes and patches by query run their GROQ where every query runs: in the
 * query pool, with the nesting check and the time limit, never on the
 * server's own thread.
 */

const FILLERS = 1000
// For each filler, for each smaller filler, count the fillers below that one: about 10^8 steps, far past the time limit.
const RUNAWAY_FILTER = '*[_type == "filler" && count(*[_type == "filler" && n < ^.n && count(*[_type == "filler" && n < ^.n]) >= 0]) < 0]'

let lake: TestLake

beforeAll(async () => {
  lake = await startLocalLake(queryFixtureDocuments(FILLERS), {queryWorkers: 2, settings: {QUERY_TIMEOUT_MS: '1500', MAX_GROQ_DEPTH: '20'}})
})

afterAll(async () => {
  await lake?.close()
})

function client(): SanityClient {
  return lake.client()
}

async function refusal(promise: Promise<unknown>): Promise<ClientError> {
  const error = await promise.then(
    () => null,
    (caught: unknown) => caught,
  )
  if (error === null || typeof error !== 'object' || !('statusCode' in error)) throw new Error(`expected the Lake to refuse, got ${String(error)}`)
  return error as ClientError // @sanity/client rejects with a ClientError for every answer with an error status
}

/** The first error item of a refused transaction, as the Lake's body carries it. */
function firstItem(error: ClientError): Record<string, unknown> {
  const body = error.response.body as {error?: {items?: Array<{error: Record<string, unknown>; index: number}>}}
  const item = body.error?.items?.[0]
  if (!item) throw new Error(`no error item in ${JSON.stringify(body)}`)
  return {...item.error, index: item.index}
}

describe('mutations by query', () => {
  it('delete by query removes exactly the documents the query returns', async () => {
    await client().mutate([{create: {_id: 'tmp.a', _type: 'tmp'}}, {create: {_id: 'tmp.b', _type: 'tmp'}}, {create: {_id: 'keep.c', _type: 'keep'}}])
    const result = await client().mutate([{delete: {query: '*[_type == $type]', params: {type: 'tmp'}}}], {returnFirst: false, returnDocuments: false})
    expect(result.results.map((entry) => entry.id).sort()).toEqual(['tmp.a', 'tmp.b'])
    expect(await client().fetch('*[_type in ["tmp", "keep"]]._id', {}, {perspective: 'raw'})).toEqual(['keep.c'])
  })

  it('patch by query patches every document it selects, drafts included', async () => {
    await client().mutate([{create: {_id: 'batch.a', _type: 'batch'}}, {create: {_id: 'drafts.batch.b', _type: 'batch'}}])
    await client().patch({query: '*[_type == "batch"]'}).set({checked: true}).commit()
    expect(await client().fetch('*[_type == "batch"] | order(_id){_id, checked}', {}, {perspective: 'raw'})).toEqual([
      {_id: 'batch.a', checked: true},
      {_id: 'drafts.batch.b', checked: true},
    ])
  })

  it("sees the transaction's own earlier writes", async () => {
    // Had the query run over the documents from before the transaction, own.a would outlive it.
    await client().mutate([{create: {_id: 'own.a', _type: 'own'}}, {delete: {query: '*[_type == "own"]'}}])
    expect(await client().fetch('count(*[_type == "own"])', {}, {perspective: 'raw'})).toBe(0)
  })

  it('refuses a query that does not parse, with its position, and changes nothing', async () => {
    const error = await refusal(client().mutate([{create: {_id: 'parse.a', _type: 'parse'}}, {delete: {query: '*[_type == ]'}}]))
    expect(error.statusCode).toBe(400)
    expect(firstItem(error)).toMatchObject({index: 1, type: 'queryParseError', query: '*[_type == ]', start: 10, end: 11})
    expect(await client().fetch('count(*[_id == "parse.a"])', {}, {perspective: 'raw'})).toBe(0)
  })

  it('refuses a query nested deeper than MAX_GROQ_DEPTH, as the query API does', async () => {
    const nested = `*[${'('.repeat(30)}_type == "filler"${')'.repeat(30)}]`
    const error = await refusal(client().delete({query: nested}))
    expect(error.statusCode).toBe(400)
    expect(firstItem(error)).toMatchObject({index: 0, type: 'queryParseError'})
    expect(String(firstItem(error).description)).toContain('MAX_GROQ_DEPTH')
    expect(await client().fetch('count(*[_type == "filler"])')).toBe(FILLERS)
  })

  it('refuses a query that returns something other than documents', async () => {
    const error = await refusal(client().delete({query: '*[_type == "filler"].n'}))
    expect(error.statusCode).toBe(400)
    expect(firstItem(error)).toMatchObject({index: 0, type: 'invalidMutationError'})
    expect(await client().fetch('count(*[_type == "filler"])')).toBe(FILLERS)
  })

  it('stops a runaway cross-join at the time limit while other queries are answered, and deletes nothing', async () => {
    const settled: string[] = []
    const runaway = refusal(client().delete({query: RUNAWAY_FILTER})).finally(() => settled.push('runaway delete'))
    // The delete's query is running in a worker: the server's thread is free for everyone else.
    await vi.waitFor(() => expect(lake.queries.load().running).toBeGreaterThan(0), {timeout: 10_000})
    const quick = await client().fetch('count(*[_type == "condition"])')
    settled.push('quick query')
    const error = await runaway
    expect(settled).toEqual(['quick query', 'runaway delete'])
    expect(quick).toBe(1)
    expect(error.statusCode).toBe(504)
    expect(firstItem(error)).toMatchObject({index: 0, type: 'queryTimeout'})
    expect(await client().fetch('count(*[_type == "filler"])')).toBe(FILLERS)
  })
})
