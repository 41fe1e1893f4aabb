import {describe, expect, it} from 'vitest'
import {loadDataset} from '../../client/embedded/dataset'
import {evaluateQuery, evaluateQueryWithoutIndexes} from '../../client/embedded/evaluate'
import {describeInvalidQuery} from '../../client/embedded/queryErrors'
import {createContentClient} from '../../client/index'

const snapshot = loadDataset([
  {_id: 'a', _type: 'x', n: 1, slug: {current: 'a'}},
  {_id: 'b', _type: 'y', n: 2},
  {_id: 'c', _type: 'x', n: 3},
  {_id: 'd', _type: 'x', n: 4},
])

async function rejectionOf(promise: Promise<unknown>): Promise<Error> {
  try {
    await promise
  } catch (error) {
    if (error instanceof Error) return error
    throw new Error(`Rejected with a non-error: ${String(error)}`)
  }
  throw new Error('Expected the evaluation to fail.')
}

describe('GROQ as the Content Lake accepts it, in the embedded backend', () => {
  it('slices with parameters, as Studio paginates', async () => {
    const query = '*[_type == "x"] | order(n desc) [$start...$end]._id'
    expect(await evaluateQuery(snapshot, query, {start: 1, end: 3})).toEqual(['c', 'a'])
    expect(await evaluateQuery(snapshot, query, {start: 0, end: 1})).toEqual(['d'])
    expect(await evaluateQuery(snapshot, '*[_type == "x"][0...$__limit]._id', {__limit: 2})).toEqual(['a', 'c'])
  })

  it('keeps date-times and paths intact when a result comes from the memo', async () => {
    for (let attempt = 0; attempt < 2; attempt++) {
      const result = await evaluateQuery(snapshot, '{"at": dateTime("2002-10-02T12:34:56Z"), "p": path("a.b")}')
      expect(JSON.parse(JSON.stringify(result))).toEqual({at: '2002-10-02T12:34:56Z', p: 'a.b'})
    }
  })

  it('gives every result copy its own objects', async () => {
    const first = (await evaluateQuery(snapshot, '*[_id == "a"][0]{n}')) as {n: number}
    first.n = 99
    expect(await evaluateQuery(snapshot, '*[_id == "a"][0]{n}')).toEqual({n: 1})
  })

  it('returns each document once when a type is listed twice', async () => {
    expect(await evaluateQuery(snapshot, '*[_type in ["x", "x"]]._id')).toEqual(['a', 'c', 'd'])
    expect(await evaluateQuery(snapshot, '*[_type in ["x", "x"] && slug.current == "a"]._id')).toEqual(['a'])
    expect(await evaluateQuery(snapshot, '*[_type in ["y", "x", "y"]]._id')).toEqual(await evaluateQueryWithoutIndexes(snapshot, '*[_type in ["y", "x", "y"]]._id'))
  })

  it('reports query errors as invalid queries, with the position where there is one', async () => {
    const count = await rejectionOf(evaluateQuery(snapshot, 'count(1, 2)'))
    expect(describeInvalidQuery(count, 'count(1, 2)')).toEqual({type: 'queryParseError', description: expect.stringContaining('count()')})
    const asc = await rejectionOf(evaluateQuery(snapshot, '*[0] | asc(n)'))
    expect(describeInvalidQuery(asc, '*[0] | asc(n)')?.type).toBe('queryParseError')
    const syntax = await rejectionOf(evaluateQuery(snapshot, '*[_type == ]'))
    expect(describeInvalidQuery(syntax, '*[_type == ]')).toMatchObject({type: 'queryParseError', start: 10, end: 11})
  })

  it('answers deep nesting with a GROQ error instead of a stack overflow', async () => {
    const parentheses = `${'('.repeat(8000)}1${')'.repeat(8000)}`
    const nested = await rejectionOf(evaluateQuery(snapshot, parentheses))
    expect(nested.message).toContain('deeper than 64 levels')
    expect(describeInvalidQuery(nested, parentheses)).toMatchObject({type: 'queryParseError', start: 64})
    const brackets = `*${'[0]'.repeat(10)}${'{"a": '.repeat(100)}1${'}'.repeat(100)}`
    expect((await rejectionOf(evaluateQuery(snapshot, brackets))).message).toContain('deeper than 64 levels')
    expect(await evaluateQuery(snapshot, '{"a": [(1)]}', {}, {maxGroqDepth: 3})).toEqual({a: [1]})
  })
})

describe('JSON values, as the Content Lake answers them', () => {
  it('gives dateTime() and path() as the strings the Lake sends, from the content client too', async () => {
    const content = createContentClient({dataset: [{_id: 'a', _type: 'x', at: '2002-10-02T12:34:56Z'}]})
    expect(await content.fetch('dateTime("2002-10-02T12:34:56Z")')).toBe('2002-10-02T12:34:56Z')
    expect(await content.fetch('*[0]{"at": dateTime(at), "where": path("a.b")}')).toEqual({at: '2002-10-02T12:34:56Z', where: 'a.b'})
    expect(await evaluateQuery(snapshot, '[1, dateTime("2002-10-02T12:34:56Z") - 5]')).toStrictEqual([1, '2002-10-02T12:34:51Z'])
    // JSON has no -0.
    expect(Object.is(await evaluateQuery(snapshot, '-0'), 0)).toBe(true)
  })
})
