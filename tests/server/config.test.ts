import {mkdtemp, rm, utimes, writeFile, mkdir} from 'node:fs/promises'
import {tmpdir} from 'node:os'
import path from 'node:path'
import {describe, expect, it} from 'vitest'
import {ConfigError, readServerConfig} from '../../scripts/server/config'
import {originAllowed} from '../../scripts/server/cors'
import {datasetStaleReason} from '../../scripts/seedFreshness'

describe('server settings', () => {
  it('defaults to 127.0.0.1:3333 and the seeded dataset', () => {
    const config = readServerConfig([], {}, '/project')
    expect(config).toMatchObject({host: '127.0.0.1', port: 3333, datasetPath: '/project/dataset/production.ndjson', datasetName: 'production', datasetChosen: false})
  })

  it('takes PORT, HOST and --dataset', () => {
    const config = readServerConfig(['--dataset', 'other/staging.ndjson'], {PORT: '4000', HOST: '0.0.0.0'}, '/project')
    expect(config).toMatchObject({host: '0.0.0.0', port: 4000, datasetPath: '/project/other/staging.ndjson', datasetName: 'staging', datasetChosen: true})
    expect(readServerConfig(['--port=5000'], {PORT: '4000'}).port).toBe(5000)
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
})

describe('when npm start builds the dataset', () => {
  it('builds it when it is missing or older than the seed sources', async () => {
    const directory = await mkdtemp(path.join(tmpdir(), 'seed-freshness-'))
    try {
      const seed = path.join(directory, 'seed', 'mapping')
      await mkdir(seed, {recursive: true})
      const source = path.join(seed, 'documents.ts')
      const dataset = path.join(directory, 'production.ndjson')
      await writeFile(source, 'export {}\n')
      expect(await datasetStaleReason(dataset, [path.join(directory, 'seed')])).toMatch(/does not exist yet/)
      await writeFile(dataset, '')
      await utimes(source, new Date('2025-01-01'), new Date('2025-01-01'))
      await utimes(dataset, new Date('2025-01-02'), new Date('2025-01-02'))
      expect(await datasetStaleReason(dataset, [path.join(directory, 'seed')])).toBeNull()
      await utimes(source, new Date('2025-01-03'), new Date('2025-01-03'))
      expect(await datasetStaleReason(dataset, [path.join(directory, 'seed')])).toMatch(/files under seed\/ are newer than/)
    } finally {
      await rm(directory, {recursive: true, force: true})
    }
  })
})
