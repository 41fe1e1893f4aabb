import {createClient, type SanityClient} from '@sanity/client'
import {writeFileSync, mkdtempSync, readFileSync} from 'node:fs'
import {tmpdir} from 'node:os'
import {join} from 'node:path'
import {afterEach, beforeAll, beforeEach, describe, expect, it} from 'vitest'
import {runSeed} from '../../seed/cli'
import {importDocuments, type ImportOptions} from '../../seed/contentLake'
import type {SeedDocument} from '../../seed/draft'
import {prepareSeed} from '../../seed/pipeline'
import {SOURCE_PATH} from '../../seed/sourceText'
import {FakeContentLake} from './fakeContentLake'

const TOKEN = 'test-write-token'
let documents: SeedDocument[]
let lake: FakeContentLake
let apiHost: string

beforeAll(async () => {
  const prepared = await prepareSeed()
  if (!prepared.ok) throw new Error('the seed must be valid for these tests')
  documents = prepared.documents
})

beforeEach(async () => {
  lake = new FakeContentLake()
  apiHost = await lake.start()
})

afterEach(async () => {
  await lake.stop()
})

function client(): SanityClient {
  return createClient({
    projectId: 'test1234',
    dataset: 'production',
    token: TOKEN,
    apiVersion: '2025-02-19',
    apiHost,
    useProjectHostname: false,
    useCdn: false,
    maxRetries: 0,
  })
}

function options(overrides: Partial<ImportOptions> = {}): ImportOptions & {lines: string[]} {
  const lines: string[] = []
  return {mode: 'createIfNotExists', dryRun: false, retry: {attempts: 3, baseDelayMs: 1}, log: (line) => lines.push(line), lines, ...overrides}
}

function withoutSystemFields(document: Record<string, unknown>): Record<string, unknown> {
  const {_createdAt, _updatedAt, _rev, ...rest} = document
  return rest
}

function stored(id: string): Record<string, unknown> {
  const document = lake.documents.get(id)
  if (!document) throw new Error(`${id} not in the fake dataset`)
  return withoutSystemFields(document)
}

describe('import into a Content Lake dataset', () => {
  it('creates every document in transactions of at most 100 mutations, with the token', async () => {
    const run = options({batchSize: 20})
    const summary = await importDocuments(client(), documents, run)

    expect(summary.counts.create).toBe(documents.length)
    expect(lake.documents.size).toBe(documents.length)
    for (const document of documents) expect(stored(document._id)).toEqual(document)

    const mutates = lake.mutateRequests()
    expect(mutates).toHaveLength(Math.ceil(documents.length / 20))
    for (const request of mutates) {
      const mutations = (request.body as {mutations: Array<Record<string, unknown>>}).mutations
      expect(mutations.length).toBeLessThanOrEqual(20)
      expect(mutations.every((mutation) => 'createIfNotExists' in mutation)).toBe(true)
      expect(request.authorization).toBe(`Bearer ${TOKEN}`)
    }
    expect(run.lines.filter((line) => /transaction \d+\/\d+/u.test(line))).toHaveLength(mutates.length)
  })

  it('never sends more than 100 mutations in one transaction', async () => {
    const many = Array.from({length: 230}, (_, index) => ({_id: `bodyPart.extra-${index}`, _type: 'bodyPart' as const, title: `Deel ${index}`}))
    await importDocuments(client(), many, options({batchSize: 500}))
    const sizes = lake.mutateRequests().map((request) => (request.body as {mutations: unknown[]}).mutations.length)
    expect(sizes).toEqual([100, 100, 30])
  })

  it('is idempotent: a second run writes nothing and reports every document unchanged', async () => {
    await importDocuments(client(), documents, options())
    const before = lake.mutateRequests().length
    const second = await importDocuments(client(), documents, options())
    expect(lake.mutateRequests().length).toBe(before)
    expect(second.counts.unchanged).toBe(documents.length)
  })

  it('leaves documents edited in the Studio alone by default, and overwrites them with createOrReplace', async () => {
    await importDocuments(client(), documents, options())
    const edited = {...lake.documents.get('condition.verzakking'), summary: 'Door een redacteur aangepast.'} as {_id: string; _type: string}
    lake.documents.set('condition.verzakking', edited)

    const byDefault = await importDocuments(client(), documents, options())
    expect(byDefault.actions.find((action) => action.id === 'condition.verzakking')?.action).toBe('kept')
    expect(stored('condition.verzakking').summary).toBe('Door een redacteur aangepast.')

    const replaced = await importDocuments(client(), documents, options({mode: 'createOrReplace'}))
    expect(replaced.counts).toMatchObject({replace: 1, unchanged: documents.length - 1})
    const lastMutations = (lake.mutateRequests().at(-1)?.body as {mutations: Array<Record<string, {_id: string}>>} | undefined)?.mutations
    expect(lastMutations).toEqual([{createOrReplace: expect.objectContaining({_id: 'condition.verzakking'})}])
    expect(stored('condition.verzakking')).toEqual(documents.find((document) => document._id === 'condition.verzakking'))
  })

  it('dry run reports per document what would happen and writes nothing', async () => {
    await importDocuments(client(), documents.slice(0, 10), options())
    lake.documents.set(documents[0]!._id, {...documents[0]!, title: 'Anders'})
    const writesBefore = lake.mutateRequests().length

    const run = options({dryRun: true, mode: 'createOrReplace'})
    const summary = await importDocuments(client(), documents, run)

    expect(lake.mutateRequests().length).toBe(writesBefore)
    expect(summary.counts).toEqual({create: documents.length - 10, replace: 1, unchanged: 9, kept: 0})
    expect(run.lines).toContain(`  ${documents[0]!._id}: would be replaced`)
    expect(run.lines).toContain(`  ${documents[1]!._id}: unchanged`)
    expect(run.lines).toContain(`  ${documents[10]!._id}: would be created`)
  })

  it('retries a transaction after 429 and 5xx answers, with backoff', async () => {
    lake.failure = {status: 429, when: (n) => n === 1}
    const run = options({batchSize: 100})
    await importDocuments(client(), documents, run)
    expect(lake.documents.size).toBe(documents.length)
    expect(run.lines.some((line) => /HTTP 429.*retrying in 1 ms \(attempt 2 of 3\)/u.test(line))).toBe(true)

    lake.failure = {status: 503, when: (n) => n === 2}
    lake.documents.clear()
    await importDocuments(client(), documents, options())
    expect(lake.documents.size).toBe(documents.length)
  })

  it('does not retry a client error such as a rejected token', async () => {
    lake.failure = {status: 403, when: () => true}
    await expect(importDocuments(client(), documents, options())).rejects.toThrow(/after 1 attempt\(s\): HTTP 403/u)
    expect(lake.mutateRequests()).toHaveLength(1)
  })

  it('an import interrupted midway converges when it is run again', async () => {
    // The server goes down after the second transaction and stays down longer than the retries last.
    lake.failure = {status: 503, when: (n) => n > 2}
    await expect(importDocuments(client(), documents, options({batchSize: 10}))).rejects.toThrow(/Transaction 3 of \d+ failed after 3 attempt\(s\): HTTP 503/u)
    expect(lake.documents.size).toBe(20)

    lake.failure = undefined
    const rerun = await importDocuments(client(), documents, options({batchSize: 10}))
    expect(rerun.counts).toMatchObject({create: documents.length - 20, unchanged: 20})
    expect(lake.documents.size).toBe(documents.length)
    for (const document of documents) expect(stored(document._id)).toEqual(document)
  })
})

describe('a hung Content Lake request', () => {
  it('times out and is retried instead of holding the import', async () => {
    lake.hangs = (request) => request === 1
    const run = options({requestTimeoutMs: 300})
    const started = Date.now()
    const summary = await importDocuments(client(), documents, run)
    expect(Date.now() - started).toBeLessThan(10_000)
    expect(summary.counts.create).toBe(documents.length)
    expect(lake.mutateRequests()).toHaveLength(2)
    expect(run.lines.join('\n')).toMatch(/Transaction 1 of 1: .*retrying/u)
  })
})

describe('npm run seed -- --target sanity', () => {
  function env(): NodeJS.ProcessEnv {
    return {
      SANITY_STUDIO_PROJECT_ID: 'test1234',
      SANITY_STUDIO_DATASET: 'production',
      SANITY_API_WRITE_TOKEN: TOKEN,
      SANITY_API_HOST: apiHost,
    }
  }

  async function cli(args: string[], environment: NodeJS.ProcessEnv) {
    const out: string[] = []
    const err: string[] = []
    const code = await runSeed(args, {env: environment, out: (line) => out.push(line), err: (line) => err.push(line)})
    return {code, out: out.join('\n'), err: err.join('\n')}
  }

  it('imports, then reports everything unchanged on a second run', async () => {
    const first = await cli(['--target', 'sanity'], env())
    expect(first.code).toBe(0)
    expect(first.out).toMatch(new RegExp(`Done: ${documents.length} created, 0 replaced, 0 unchanged`, 'u'))
    expect(lake.documents.size).toBe(documents.length)

    const second = await cli(['--target', 'sanity'], env())
    expect(second.code).toBe(0)
    expect(second.out).toMatch(new RegExp(`0 created, 0 replaced, ${documents.length} unchanged`, 'u'))
  })

  it('--from moves the documents of an edited dataset file to the Content Lake', async () => {
    expect((await cli(['--target', 'sanity'], env())).code).toBe(0)
    const directory = mkdtempSync(join(tmpdir(), 'seed-from-'))
    const edited = join(directory, 'production.ndjson')
    const lines = documents.map((document) => JSON.stringify(document._id === 'condition.verzakking' ? {...document, title: 'Verzakking (bewerkt)', _rev: 'local1'} : document))
    writeFileSync(edited, `${lines.join('\n')}\n`)

    const kept = await cli(['--target', 'sanity', '--from', edited], env())
    expect(kept.out).toMatch(/0 created, 0 replaced, \d+ unchanged, 1 kept as edited/u)
    const moved = await cli(['--target', 'sanity', '--from', edited, '--replace'], env())
    expect(moved.code).toBe(0)
    expect(moved.out).toMatch(/0 created, 1 replaced/u)
    expect(stored('condition.verzakking').title).toBe('Verzakking (bewerkt)')
    // The revision the local Lake gave it is not sent: the project's Lake stamps its own.
    expect(JSON.stringify(lake.mutateRequests().at(-1)?.body)).not.toContain('local1')
    expect((await cli(['--target', 'sanity', '--from', join(directory, 'missing.ndjson')], env())).err).toMatch(/does not exist/)
  })

  it('--dry-run lists every document and sends no mutation', async () => {
    const result = await cli(['--target', 'sanity', '--dry-run'], env())
    expect(result.code).toBe(0)
    expect(lake.mutateRequests()).toHaveLength(0)
    expect(result.out).toContain('condition.verzakking: would be created')
    expect(result.out).toContain('Dry run, nothing written')
  })

  it('refuses to start without the three environment variables', async () => {
    const {SANITY_API_WRITE_TOKEN, ...withoutToken} = env()
    const result = await cli(['--target', 'sanity'], withoutToken)
    expect(result.code).toBe(2)
    expect(result.err).toContain('SANITY_API_WRITE_TOKEN')
    expect(lake.requests).toHaveLength(0)
  })

  it('does not start the import when the seed fails its checks', async () => {
    const directory = mkdtempSync(join(tmpdir(), 'seed-source-'))
    const changedSource = join(directory, 'leaflet.txt')
    writeFileSync(changedSource, readFileSync(SOURCE_PATH, 'utf8').replace('Oefeningen bij bekkenklachten', 'Oefeningen bij rugklachten'))

    const result = await cli(['--target', 'sanity', '--source', changedSource], env())
    expect(result.code).toBe(1)
    expect(result.err).toContain('treatmentComponent.oefeningen-bij-bekkenklachten › title')
    expect(lake.requests).toHaveLength(0)
  })
})
