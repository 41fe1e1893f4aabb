import {join} from 'node:path'
import {afterAll, beforeAll, describe, expect, it} from 'vitest'
import {readServerConfig} from '../../lake/config'
import {openLocalLake, type LocalLake} from '../../lake/localLake'
import {startServer, type RunningServer} from '../../lake/server'
import {queryFixtureDocuments, writeTempDataset} from './fixtures'

/** Anonymous listeners cannot use up the listen limit of the Studio, which listens with the token. */

const TOKEN = 'listener-shares-token-0123456789'
let server: RunningServer
let lake: LocalLake
let removeDataset: () => Promise<void>

beforeAll(async () => {
  const dataset = await writeTempDataset(queryFixtureDocuments(0))
  removeDataset = dataset.remove
  lake = await openLocalLake(dataset.datasetPath, {env: {LOCAL_WRITE_TOKEN: TOKEN}, tokenPath: join(dataset.datasetPath, '..', '.local-write-token'), maxListeners: 2})
  server = await startServer(readServerConfig(['--dataset', dataset.datasetPath, '--port', '0'], {QUERY_WORKERS: '1'}), {store: lake.store, lake})
})

afterAll(async () => {
  await server?.close()
  await lake?.close()
  await removeDataset?.()
})

/** Opens a listen stream and returns its first event block, keeping the stream open until `close`. */
async function listen(token?: string): Promise<{first: string; close(): Promise<void>}> {
  const response = await fetch(`${server.url}/v2025-02-19/data/listen/production?query=${encodeURIComponent('*')}`, {headers: token ? {authorization: `Bearer ${token}`} : {}})
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
