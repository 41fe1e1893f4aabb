import {mkdtemp, rm, utimes, writeFile, mkdir} from 'node:fs/promises'
import {tmpdir} from 'node:os'
import path from 'node:path'
import {describe, expect, it} from 'vitest'
import {ConfigError, readServerConfig} from '../../lake/config'
import {isOwnOrigin, originAllowed} from '../../lake/http/cors'
import {datasetStaleReason} from '../../scripts/seedFreshness'
import {journalPathFor} from '../../seed/datasetFiles'
import {contentHash, seedSourcesHash, writeSeedRecord} from '../../seed/seedRecord'

describe('server settings', () => {
  it('defaults to 127.0.0.1:3333 and the seeded dataset', () => {
    const config = readServerConfig([], {}, '/project')
    expect(config).toMatchObject({host: '127.0.0.1', port: 3333, datasetPath: '/project/dataset/production.ndjson', datasetName: 'production', datasetChosen: false})
  })

  it('takes PORT, HOST and --dataset', () => {
    const config = readServerConfig(['--dataset', 'other/staging.ndjson'], {PORT: '4000', HOST: '::1'}, '/project')
    expect(config).toMatchObject({host: '::1', port: 4000, datasetPath: '/project/other/staging.ndjson', datasetName: 'staging', datasetChosen: true, remoteAccess: false})
    expect(readServerConfig(['--port=5000'], {PORT: '4000'}).port).toBe(5000)
  })

  it('refuses a HOST other machines reach unless ALLOW_REMOTE_ACCESS says so on purpose', () => {
    for (const host of ['0.0.0.0', '::', '192.168.1.20', 'my-laptop.example']) {
      expect(() => readServerConfig(['--host', host], {}), host).toThrow(/ALLOW_REMOTE_ACCESS=1/)
    }
    for (const host of ['127.0.0.1', '127.0.0.2', 'localhost', '::1']) expect(readServerConfig(['--host', host], {}).remoteAccess, host).toBe(false)
    expect(readServerConfig([], {HOST: '0.0.0.0', ALLOW_REMOTE_ACCESS: '1'})).toMatchObject({host: '0.0.0.0', remoteAccess: true})
  })

  it('takes --read-only, which needs no value; writes are on by default', () => {
    expect(readServerConfig([], {}, '/project').readOnly).toBe(false)
    expect(readServerConfig(['--read-only', '--port', '0'], {}, '/project')).toMatchObject({readOnly: true, port: 0})
  })

  it('names what is wrong with a bad setting', () => {
    expect(() => readServerConfig([], {PORT: 'abc'})).toThrow(new ConfigError('PORT must be a whole number, got "abc".'))
    expect(() => readServerConfig(['--dataset', 'data.json'], {})).toThrow(/--dataset must name an .ndjson file/)
    expect(() => readServerConfig(['--dataset'], {})).toThrow(/--dataset needs a value/)
    expect(() => readServerConfig(['--verbose', 'yes'], {})).toThrow(/Unknown option --verbose/)
    expect(() => readServerConfig([], {QUERY_TIMEOUT_MS: '0'})).toThrow(/QUERY_TIMEOUT_MS must be a whole number above 0/)
  })

  it('reads CORS origins, with patterns for any port', () => {
    const {corsOrigins} = readServerConfig([], {CORS_ORIGINS: 'https://site.example, http://localhost:*'})
    expect(corsOrigins).toEqual(['https://site.example', 'http://localhost:*'])
    expect(originAllowed('http://localhost:5173', corsOrigins)).toBe(true)
    expect(originAllowed('http://localhost.evil.example', corsOrigins)).toBe(false)
    expect(originAllowed('https://site.example.evil', corsOrigins)).toBe(false)
    expect(originAllowed('https://anything.example', ['*'])).toBe(true)
  })

  it('lets its own pages call it, also from a loopback page to a name below .localhost on the same port', () => {
    expect(isOwnOrigin('http://127.0.0.1:3333', '127.0.0.1:3333')).toBe(true)
    expect(isOwnOrigin('http://127.0.0.1:3333', 'listen-7.localhost:3333')).toBe(true)
    expect(isOwnOrigin('http://localhost:3333', 'listen-7.localhost:3333')).toBe(true)
    expect(isOwnOrigin('http://127.0.0.1:5173', 'listen-7.localhost:3333')).toBe(false)
    expect(isOwnOrigin('http://evil.example:3333', 'listen-7.localhost:3333')).toBe(false)
    expect(isOwnOrigin('http://127.0.0.1:3333', 'content.test:3333')).toBe(false)
    expect(isOwnOrigin('null', 'listen-7.localhost:3333')).toBe(false)
  })
})

describe('when npm start builds the dataset', () => {
  async function project(): Promise<{directory: string; seed: string; source: string; dataset: string; record: () => Promise<void>}> {
    const directory = await mkdtemp(path.join(tmpdir(), 'seed-freshness-'))
    const seed = path.join(directory, 'seed')
    await mkdir(path.join(seed, 'mapping'), {recursive: true})
    const source = path.join(seed, 'mapping', 'documents.ts')
    const dataset = path.join(directory, 'production.ndjson')
    await writeFile(source, 'export {}\n')
    const record = async () => {
      const text = '{"_id":"a","_type":"t"}\n'
      await writeFile(dataset, text)
      writeSeedRecord(dataset, {seedSources: seedSourcesHash([seed]), dataset: contentHash(text)})
    }
    return {directory, seed, source, dataset, record}
  }

  it('builds it when it is missing, and decides freshness by content, not by file times', async () => {
    const {directory, seed, source, dataset, record} = await project()
    try {
      expect(await datasetStaleReason(dataset, [seed])).toMatch(/does not exist yet/)
      await record()
      // A fresh clone checks files out in any order: a newer seed file with the same content is still current.
      await utimes(dataset, new Date('2025-01-01'), new Date('2025-01-01'))
      await utimes(source, new Date('2025-01-03'), new Date('2025-01-03'))
      expect(await datasetStaleReason(dataset, [seed])).toBeNull()
      await writeFile(source, 'export const changed = true\n')
      expect(await datasetStaleReason(dataset, [seed])).toMatch(/the seed's sources changed/)
    } finally {
      await rm(directory, {recursive: true, force: true})
    }
  })

  it('never rebuilds a dataset that holds local edits, and says how to keep or discard them', async () => {
    const {directory, seed, source, dataset, record} = await project()
    try {
      await record()
      await writeFile(source, 'export const changed = true\n')
      await writeFile(dataset, '{"_id":"a","_type":"t","title":"edited"}\n')
      const warnings: string[] = []
      expect(await datasetStaleReason(dataset, [seed], (message) => warnings.push(message))).toBeNull()
      expect(warnings.join()).toMatch(/holds local edits.*--discard-edits/su)

      await record()
      await writeFile(source, 'export const changedAgain = true\n')
      await writeFile(journalPathFor(dataset), 'pending\n')
      expect(await datasetStaleReason(dataset, [seed], (message) => warnings.push(message))).toBeNull()
      expect(warnings.at(-1)).toMatch(/not yet folded/)
    } finally {
      await rm(directory, {recursive: true, force: true})
    }
  })
})
