import {createClient, type SanityClient} from '@sanity/client'
import {writeFileSync, mkdtempSync, readFileSync} from 'node:fs'
import {tmpdir} from 'node:os'
import {join} from 'node:path'
import {afterAll, beforeAll, beforeEach, describe, expect, it} from 'vitest'
import {runSeed} from '../../seed/cli'
import {importDocuments, type ImportOptions} from '../../seed/contentLake'
import {referencesIn} from '../../seed/integrity'
import type {SeedDocument} from '../../seed/draft'
import {prepareSeed} from '../../seed/pipeline'
import {SOURCE_PATH} from '../../seed/sourceText'
import {startFaultProxy, type Behaviour, type FaultProxy, type RecordedRequest, type Rule} from '../support/faultProxy'
import {isEndpoint, LAKE_TOKEN, startLocalLake, type TestLake} from '../support/localLake'

let documents: SeedDocument[]
let lake: TestLake
/** Between the import and the Lake: records what the import sends, and fails or hangs chosen requests. */
let proxy: FaultProxy
/** An editor working straight on the Lake (raw perspective, with the token); the proxy does not see it. */
let editor: SanityClient

beforeAll(async () => {
  const prepared = await prepareSeed()
  if (!prepared.ok) throw new Error('the seed must be valid for these tests')
  documents = prepared.documents
  lake = await startLocalLake([])
  proxy = await startFaultProxy(lake.url)
  editor = lake.client({perspective: 'raw'})
})

afterAll(async () => {
  await proxy.close()
  await lake.close()
})

// Each test starts from an empty dataset and a proxy that forwards everything.
beforeEach(async () => {
  proxy.reset()
  await emptyDataset()
})

async function emptyDataset(): Promise<void> {
  await editor.delete({query: '*'})
}

/** The client the import gets: through the proxy, with the Lake's write token. */
function client(): SanityClient {
  return createClient({
    projectId: 'test1234',
    dataset: 'production',
    token: LAKE_TOKEN,
    apiVersion: '2025-02-19',
    apiHost: proxy.url,
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

/** How many documents the Lake holds, drafts included. */
function storedCount(): Promise<number> {
  return editor.fetch<number>('count(*)')
}

/** Every document in the Lake by id, without the system fields the Lake stamps. */
async function storedDocuments(): Promise<Map<string, Record<string, unknown>>> {
  const all = await editor.fetch<Array<Record<string, unknown> & {_id: string}>>('*')
  return new Map(all.map((document) => [document._id, withoutSystemFields(document)]))
}

async function stored(id: string): Promise<Record<string, unknown>> {
  const document = await editor.fetch<Record<string, unknown> | null>('*[_id == $id][0]', {id})
  if (!document) throw new Error(`${id} not in the Lake`)
  return withoutSystemFields(document)
}

function mutateRequests(): RecordedRequest[] {
  return proxy.requests.filter((request) => isEndpoint(request, 'mutate'))
}

/** `behaviour(n)` for the n-th mutate request (from 1) from now on; every other request is forwarded. */
function onMutate(behaviour: (mutateRequestNumber: number) => Behaviour): Rule {
  let mutates = 0
  return (_attempt, request) => (isEndpoint(request, 'mutate') ? behaviour((mutates += 1)) : 'forward')
}

describe('import into a Content Lake dataset', () => {
  it('creates every document in transactions of at most 100 mutations, with the token', async () => {
    const run = options({batchSize: 20})
    const summary = await importDocuments(client(), documents, run)

    expect(summary.counts.create).toBe(documents.length)
    expect(await storedCount()).toBe(documents.length)
    const all = await storedDocuments()
    for (const document of documents) expect(all.get(document._id)).toEqual(document)

    const mutates = mutateRequests()
    expect(mutates).toHaveLength(Math.ceil(documents.length / 20))
    for (const request of mutates) {
      const mutations = (request.body as {mutations: Array<Record<string, unknown>>}).mutations
      expect(mutations.length).toBeLessThanOrEqual(20)
      expect(mutations.every((mutation) => 'createIfNotExists' in mutation)).toBe(true)
      expect(request.headers.authorization).toBe(`Bearer ${LAKE_TOKEN}`)
    }
    expect(run.lines.filter((line) => /transaction \d+\/\d+/u.test(line))).toHaveLength(mutates.length)
  })

  it('never sends more than 100 mutations in one transaction', async () => {
    const many = Array.from({length: 230}, (_, index) => ({_id: `bodyPart-extra-${index}`, _type: 'bodyPart' as const, title: `Deel ${index}`}))
    await importDocuments(client(), many, options({batchSize: 500}))
    const sizes = mutateRequests().map((request) => (request.body as {mutations: unknown[]}).mutations.length)
    expect(sizes).toEqual([100, 100, 30])
  })

  it('is idempotent: a second run writes nothing and reports every document unchanged', async () => {
    await importDocuments(client(), documents, options())
    const before = mutateRequests().length
    const second = await importDocuments(client(), documents, options())
    expect(mutateRequests().length).toBe(before)
    expect(second.counts.unchanged).toBe(documents.length)
  })

  it('leaves documents edited in the Studio alone by default, and overwrites them with createOrReplace', async () => {
    await importDocuments(client(), documents, options())
    await editor.patch('condition-verzakking').set({summary: 'Door een redacteur aangepast.'}).commit()

    const byDefault = await importDocuments(client(), documents, options())
    expect(byDefault.actions.find((action) => action.id === 'condition-verzakking')?.action).toBe('kept')
    expect((await stored('condition-verzakking')).summary).toBe('Door een redacteur aangepast.')

    const replaced = await importDocuments(client(), documents, options({mode: 'createOrReplace'}))
    expect(replaced.counts).toMatchObject({replace: 1, unchanged: documents.length - 1})
    const lastMutations = (mutateRequests().at(-1)?.body as {mutations: Array<Record<string, {_id: string}>>} | undefined)?.mutations
    expect(lastMutations).toEqual([{createOrReplace: expect.objectContaining({_id: 'condition-verzakking'})}])
    expect(await stored('condition-verzakking')).toEqual(documents.find((document) => document._id === 'condition-verzakking'))
  })

  it('dry run reports per document what would happen and writes nothing', async () => {
    // Ten documents that reference nothing, so that the Lake accepts them on their own.
    const standalone = documents.filter((document) => referencesIn(document, '', []).length === 0).slice(0, 10)
    expect(standalone).toHaveLength(10)
    const later = documents.find((document) => !standalone.includes(document))!
    await importDocuments(client(), standalone, options())
    await editor.patch(standalone[0]!._id).set({title: 'Anders'}).commit()
    const writesBefore = mutateRequests().length

    const run = options({dryRun: true, mode: 'createOrReplace'})
    const summary = await importDocuments(client(), documents, run)

    expect(mutateRequests().length).toBe(writesBefore)
    expect(summary.counts).toEqual({create: documents.length - 10, replace: 1, unchanged: 9, kept: 0})
    expect(run.lines).toContain(`  ${standalone[0]!._id}: would be replaced`)
    expect(run.lines).toContain(`  ${standalone[1]!._id}: unchanged`)
    expect(run.lines).toContain(`  ${later._id}: would be created`)
  })

  it('writes referenced documents before the documents that reference them, as a Lake keeping referential integrity needs', async () => {
    const run = options({batchSize: 5})
    await importDocuments(client(), documents, run)
    expect(await storedCount()).toBe(documents.length)
    // Every transaction only references documents written by it or before it.
    const written = new Set<string>()
    // The proxy parsed each request body: the transaction as @sanity/client sends it.
    const transactions = mutateRequests().map((request) =>
      (request.body as {mutations: Array<Record<string, {_id: string}>>}).mutations.map((mutation) => Object.values(mutation)[0]!),
    )
    expect(transactions.length).toBeGreaterThanOrEqual(Math.ceil(documents.length / 5))
    for (const transaction of transactions) {
      for (const document of transaction) written.add(document._id)
      for (const document of transaction) for (const {ref} of referencesIn(document, '', [])) expect(written.has(ref), `${document._id} → ${ref}`).toBe(true)
    }
    expect(written.size).toBe(documents.length)
  })

  it('retries a transaction after 429 and 5xx answers, with backoff', async () => {
    proxy.behave(onMutate((n) => (n === 1 ? {status: 429} : 'forward')))
    const run = options({batchSize: 100})
    await importDocuments(client(), documents, run)
    expect(await storedCount()).toBe(documents.length)
    expect(run.lines.some((line) => /HTTP 429.*retrying in 1 ms \(attempt 2 of 3\)/u.test(line))).toBe(true)

    proxy.behave(onMutate((n) => (n === 1 ? {status: 503} : 'forward')))
    await emptyDataset()
    const again = options()
    await importDocuments(client(), documents, again)
    expect(await storedCount()).toBe(documents.length)
    expect(again.lines.some((line) => /HTTP 503.*retrying in 1 ms \(attempt 2 of 3\)/u.test(line))).toBe(true)
  })

  it('does not retry a client error such as a rejected token', async () => {
    proxy.behave(onMutate(() => ({status: 403})))
    await expect(importDocuments(client(), documents, options())).rejects.toThrow(/after 1 attempt\(s\): HTTP 403/u)
    expect(mutateRequests()).toHaveLength(1)

    // A token the Lake does not know is refused at the first request, the read of what exists.
    proxy.behave(() => 'forward')
    const stranger = client().withConfig({token: 'not-the-lake-token-0123456789'})
    await expect(importDocuments(stranger, documents, options())).rejects.toThrow(/Fetching existing documents failed after 1 attempt\(s\): HTTP 401/u)
    expect(mutateRequests()).toHaveLength(1)
    expect(await storedCount()).toBe(0)
  })

  it('an import interrupted midway converges when it is run again', async () => {
    // The server goes down after the second transaction and stays down longer than the retries last.
    proxy.behave(onMutate((n) => (n > 2 ? {status: 503} : 'forward')))
    await expect(importDocuments(client(), documents, options({batchSize: 10}))).rejects.toThrow(/Transaction 3 of \d+ failed after 3 attempt\(s\): HTTP 503/u)
    expect(await storedCount()).toBe(20)

    proxy.behave(() => 'forward')
    const rerun = await importDocuments(client(), documents, options({batchSize: 10}))
    expect(rerun.counts).toMatchObject({create: documents.length - 20, unchanged: 20})
    expect(await storedCount()).toBe(documents.length)
    const all = await storedDocuments()
    for (const document of documents) expect(all.get(document._id)).toEqual(document)
  })
})

describe('a hung Content Lake request', () => {
  it('times out and is retried instead of holding the import', async () => {
    proxy.behave(onMutate((n) => (n === 1 ? 'hang' : 'forward')))
    const run = options({requestTimeoutMs: 300})
    const started = Date.now()
    const summary = await importDocuments(client(), documents, run)
    expect(Date.now() - started).toBeLessThan(10_000)
    expect(summary.counts.create).toBe(documents.length)
    expect(mutateRequests().map((request) => request.status ?? 'hung')).toEqual(['hung', 200])
    expect(run.lines.join('\n')).toMatch(/Transaction 1 of 1: .*retrying/u)
  })
})

describe('npm run seed -- --target sanity', () => {
  function env(): NodeJS.ProcessEnv {
    return {
      SANITY_STUDIO_PROJECT_ID: 'test1234',
      SANITY_STUDIO_DATASET: 'production',
      SANITY_API_WRITE_TOKEN: LAKE_TOKEN,
      SANITY_API_HOST: proxy.url,
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
    expect(await storedCount()).toBe(documents.length)

    const second = await cli(['--target', 'sanity'], env())
    expect(second.code).toBe(0)
    expect(second.out).toMatch(new RegExp(`0 created, 0 replaced, ${documents.length} unchanged`, 'u'))
  })

  it('--from moves the documents of an edited dataset file to the Content Lake', async () => {
    expect((await cli(['--target', 'sanity'], env())).code).toBe(0)
    const directory = mkdtempSync(join(tmpdir(), 'seed-from-'))
    const edited = join(directory, 'production.ndjson')
    const lines = documents.map((document) => JSON.stringify(document._id === 'condition-verzakking' ? {...document, title: 'Verzakking (bewerkt)', _rev: 'local1'} : document))
    writeFileSync(edited, `${lines.join('\n')}\n`)

    const kept = await cli(['--target', 'sanity', '--from', edited], env())
    expect(kept.out).toMatch(/0 created, 0 replaced, \d+ unchanged, 1 kept as edited/u)
    const moved = await cli(['--target', 'sanity', '--from', edited, '--replace'], env())
    expect(moved.code).toBe(0)
    expect(moved.out).toMatch(/0 created, 1 replaced/u)
    expect((await stored('condition-verzakking')).title).toBe('Verzakking (bewerkt)')
    // The revision the local Lake gave it is not sent: the project's Lake stamps its own.
    expect(JSON.stringify(mutateRequests().at(-1)?.body)).not.toContain('local1')
    expect((await cli(['--target', 'sanity', '--from', join(directory, 'missing.ndjson')], env())).err).toMatch(/does not exist/)
  })

  it('--dry-run lists every document and sends no mutation', async () => {
    const result = await cli(['--target', 'sanity', '--dry-run'], env())
    expect(result.code).toBe(0)
    expect(mutateRequests()).toHaveLength(0)
    expect(result.out).toContain('condition-verzakking: would be created')
    expect(result.out).toContain('Dry run, nothing written')
  })

  it('refuses to start without the three environment variables', async () => {
    const {SANITY_API_WRITE_TOKEN, ...withoutToken} = env()
    const result = await cli(['--target', 'sanity'], withoutToken)
    expect(result.code).toBe(2)
    expect(result.err).toContain('SANITY_API_WRITE_TOKEN')
    expect(proxy.requests).toHaveLength(0)
  })

  it('does not start the import when the seed fails its checks', async () => {
    const directory = mkdtempSync(join(tmpdir(), 'seed-source-'))
    const changedSource = join(directory, 'leaflet.txt')
    writeFileSync(changedSource, readFileSync(SOURCE_PATH, 'utf8').replace('Oefeningen bij bekkenklachten', 'Oefeningen bij rugklachten'))

    const result = await cli(['--target', 'sanity', '--source', changedSource], env())
    expect(result.code).toBe(1)
    expect(result.err).toContain('treatmentComponent-oefeningen-bij-bekkenklachten › title')
    expect(proxy.requests).toHaveLength(0)
  })
})
