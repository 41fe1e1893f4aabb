import {afterAll, beforeAll, describe, expect, it} from 'vitest'
import {LAKE_TOKEN, startLocalLake, type TestLake} from '../support/localLake'
import {queryFixtureDocuments} from './fixtures'

/** Anonymous listeners cannot use up the listen limit of the Studio, which listens with the token. */

const TOKEN = LAKE_TOKEN
let lake: TestLake

beforeAll(async () => {
  lake = await startLocalLake(queryFixtureDocuments(0), {maxListeners: 2})
})

afterAll(async () => {
  await lake?.close()
})

/** Opens a listen stream and returns its first event block, keeping the stream open until `close`. */
async function listen(token?: string): Promise<{first: string; close(): Promise<void>}> {
  const response = await fetch(`${lake.url}/v2025-02-19/data/listen/production?query=${encodeURIComponent('*')}`, {headers: token ? {authorization: `Bearer ${token}`} : {}})
  const reader = response.body!.pipeThrough(new TextDecoderStream()).getReader()
  let text = ''
  while (!text.includes('\n\n')) {
    const {value, done} = await reader.read()
    if (done) break
    text += value
  }
  return {first: text.slice(0, text.indexOf('\n\n')), close: () => reader.cancel()}
}

describe('the listen limit', () => {
  it('is counted apart for listeners with the token: the Studio still listens when anonymous clients hold every other place', async () => {
    const anonymous = [await listen(), await listen()]
    const refused = await listen()
    const studio = await listen(TOKEN)
    try {
      expect(anonymous.map((stream) => stream.first.split('\n')[0])).toEqual(['event: welcome', 'event: welcome'])
      expect(refused.first).toContain('event: channelError')
      expect(refused.first).toContain('Too many open listeners without the token (at most 2)')
      expect(studio.first.split('\n')[0]).toBe('event: welcome')
    } finally {
      await Promise.all([...anonymous, refused, studio].map((stream) => stream.close()))
    }
  })
})
