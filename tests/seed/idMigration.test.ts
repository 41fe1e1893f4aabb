import {createClient} from '@sanity/client'
import {mkdtempSync, readFileSync, writeFileSync} from 'node:fs'
import {tmpdir} from 'node:os'
import path from 'node:path'
import {afterAll, beforeAll, describe, expect, it} from 'vitest'
import {runIdMigration} from '../../scripts/migrate-ids'
import {DEFAULT_OUTPUT} from '../../seed/cli'
import type {SeedDocument} from '../../seed/draft'
import {migrateContentLake} from '../../seed/migrations/migrateContentLake'
import {migratedDataset, planRootPathIds, rootPathIdOf} from '../../seed/migrations/rootPathIds'
import {LAKE_TOKEN, startLocalLake, type TestLake} from '../support/localLake'

/**
 * The oracle: the seed's own output. A dataset built with the old ids
 * (`condition.verzakking`), migrated, must be the seeded dataset again, with
 * the local edits kept.
 */

const seeded = readFileSync(DEFAULT_OUTPUT, 'utf8')
  .trim()
  .split('\n')
  .map((line) => JSON.parse(line) as SeedDocument)

/** The same dataset as the seed wrote it before ids moved to the root path. */
function withOldIds(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(withOldIds)
  if (typeof value !== 'object' || value === null) return value
  return Object.fromEntries(
    Object.entries(value).map(([key, item]) => [key, (key === '_id' || key === '_ref') && typeof item === 'string' ? item.replace(/^([a-zA-Z]+)-/u, '$1.') : withOldIds(item)]),
  )
}
const oldSeeded = seeded.map((document) => withOldIds(document) as SeedDocument)
const EDITED_SUMMARY = 'Lokaal bewerkte samenvatting.'
const edited = (documents: SeedDocument[]) =>
  documents.map((document) => (document._id.endsWith('condition.verzakking') || document._id === 'condition-verzakking' ? {...document, summary: EDITED_SUMMARY} : document))
const draftOf = (document: SeedDocument, id: string) => ({...document, _id: id, title: 'Verzakking (concept)'}) as SeedDocument

describe('moving ids to the root path', () => {
  it('maps an old <type>.<name> id, with its draft and release versions, and leaves other ids alone', () => {
    expect(rootPathIdOf('condition.verzakking', 'condition')).toBe('condition-verzakking')
    expect(rootPathIdOf('drafts.condition.verzakking', 'condition')).toBe('drafts.condition-verzakking')
    expect(rootPathIdOf('versions.r1.condition.verzakking', 'condition')).toBe('versions.r1.condition-verzakking')
    expect(rootPathIdOf('settings.site', 'siteSettings')).toBeNull()
    expect(rootPathIdOf('condition-verzakking', 'condition')).toBeNull()
  })

  it('gives back exactly the seeded dataset, edits kept, every reference rewritten', () => {
    const old = edited(oldSeeded)
    const plan = planRootPathIds(old)
    expect(plan.moved).toHaveLength(seeded.length)
    expect(plan.rewritten).toEqual([])
    expect(migratedDataset(old, plan)).toEqual(edited(seeded))
  })
})

describe('npm run migrate:ids -- --file', () => {
  it('shows what it would do without --apply, then migrates the file', async () => {
    const file = path.join(mkdtempSync(path.join(tmpdir(), 'migrate-ids-')), 'production.ndjson')
    const old = [
      ...edited(oldSeeded),
      draftOf(
        oldSeeded.find((document) => document._id === 'condition.verzakking')!,
        'drafts.condition.verzakking',
      ),
    ]
    const text = old.map((document) => `${JSON.stringify(document)}\n`).join('')
    writeFileSync(file, text)
    const out: string[] = []
    const io = {env: {}, out: (line: string) => out.push(line), err: (line: string) => out.push(line)}
    expect(await runIdMigration(['--file', file], io)).toBe(0)
    expect(readFileSync(file, 'utf8')).toBe(text)
    expect(out[0]).toBe(`${seeded.length + 1} document(s) move to an id on the root path; 0 other document(s) get their references rewritten.`)
    expect(out).toContain('  condition.verzakking → condition-verzakking')
    expect(await runIdMigration(['--file', file, '--apply'], io)).toBe(0)
    const migrated = readFileSync(file, 'utf8')
      .trim()
      .split('\n')
      .map((line) => JSON.parse(line) as SeedDocument)
    expect(migrated).toEqual([
      ...edited(seeded),
      draftOf(
        seeded.find((document) => document._id === 'condition-verzakking')!,
        'drafts.condition-verzakking',
      ),
    ])
  })
})

describe('npm run migrate:ids -- --target sanity, against a Lake that keeps referential integrity', () => {
  let lake: TestLake
  beforeAll(async () => {
    lake = await startLocalLake([
      ...edited(oldSeeded),
      draftOf(
        oldSeeded.find((document) => document._id === 'condition.verzakking')!,
        'drafts.condition.verzakking',
      ),
    ])
  })
  afterAll(async () => {
    await lake?.close()
  })

  it('moves every document in small transactions, each accepted by the Lake, keeps the edits, and is done after one run', async () => {
    const client = createClient({
      projectId: 'local',
      dataset: 'production',
      apiHost: lake.url,
      useProjectHostname: false,
      useCdn: false,
      apiVersion: '2025-02-19',
      token: LAKE_TOKEN,
    })
    const dryRun = await migrateContentLake(client, {apply: false, batchSize: 7, log: () => undefined})
    expect(dryRun.transactions).toBe(0)
    expect(await client.fetch('count(*[_id == "condition.verzakking"])', {}, {perspective: 'raw'})).toBe(1)

    const lines: string[] = []
    const {plan, transactions} = await migrateContentLake(client, {apply: true, batchSize: 7, log: (line) => lines.push(line)})
    expect(plan.moved).toHaveLength(seeded.length + 1)
    expect(transactions).toBe(lines.length)
    expect(transactions).toBeGreaterThanOrEqual(2 * Math.ceil((seeded.length + 1) / 7))
    const ids = await client.fetch<string[]>('*._id', {}, {perspective: 'raw'})
    expect(ids.sort()).toEqual([...seeded.map((document) => document._id), 'drafts.condition-verzakking'].sort())
    expect(await client.fetch('*[_id == "condition-verzakking"][0].summary')).toBe(EDITED_SUMMARY)
    expect(await client.fetch('count(*[references("condition.verzakking") || references("symptom.balgevoel")])', {}, {perspective: 'raw'})).toBe(0)

    const again = await migrateContentLake(client, {apply: true, batchSize: 7, log: () => undefined})
    expect([again.plan.moved.length, again.plan.rewritten.length, again.transactions]).toEqual([0, 0, 0])
  })
})
