import {copyFileSync, existsSync, mkdtempSync, readFileSync, writeFileSync} from 'node:fs'
import {tmpdir} from 'node:os'
import {join} from 'node:path'
import {describe, expect, it} from 'vitest'
import {DEFAULT_OUTPUT, runSeed} from '../../seed/cli'
import {journalPathFor, seedRecordPathFor} from '../../seed/datasetFiles'
import {seedInputsHash} from '../../seed/pipeline'
import {contentHash, findLocalEdits, readSeedRecord} from '../../seed/seedRecord'
import {openLocalLake} from '../../lake/localLake'

/** Saves one change through the local Content Lake, which also stores the system fields of every other document. */
async function saveThroughLocalLake(output: string, mutations: unknown[]): Promise<void> {
  const lake = await openLocalLake(output, {env: {LOCAL_WRITE_TOKEN: 'seed-edits-test-token-0123456789'}, tokenPath: join(output, '..', '.local-write-token')})
  try {
    await lake.committer.mutate(mutations)
  } finally {
    await lake.close()
  }
}

async function seed(args: string[]): Promise<{code: number; out: string; err: string}> {
  const out: string[] = []
  const err: string[] = []
  const code = await runSeed(args, {env: {}, out: (line) => out.push(line), err: (line) => err.push(line)})
  return {code, out: out.join('\n'), err: err.join('\n')}
}

/** A copy of the committed dataset and its seed record in a fresh directory. */
function seededCopy(): string {
  const directory = mkdtempSync(join(tmpdir(), 'seed-edits-'))
  const output = join(directory, 'production.ndjson')
  copyFileSync(DEFAULT_OUTPUT, output)
  copyFileSync(seedRecordPathFor(DEFAULT_OUTPUT), seedRecordPathFor(output))
  return output
}

describe('the seed never overwrites local edits', () => {
  it('the committed seed record matches the committed dataset and the current seed sources (run `npm run seed` after changing seed/)', () => {
    expect(readSeedRecord(DEFAULT_OUTPUT)).toEqual({seedSources: seedInputsHash(), dataset: contentHash(readFileSync(DEFAULT_OUTPUT))})
  })

  it('recognises edits by content: a changed file, or saved changes still in the journal', () => {
    const output = seededCopy()
    expect(findLocalEdits(output)).toBeNull()
    writeFileSync(journalPathFor(output), 'x\n')
    expect(findLocalEdits(output)).toMatch(/not yet folded/)
    writeFileSync(journalPathFor(output), '')
    writeFileSync(output, readFileSync(output, 'utf8').replace('"title":"Verzakking"', '"title":"Verzakking (bewerkt)"'))
    expect(findLocalEdits(output)).toMatch(/changed after the seed wrote it/)
  })

  it('refuses with what to do, and overwrites only with --discard-edits', async () => {
    const output = seededCopy()
    const edited = readFileSync(output, 'utf8').replace('"title":"Verzakking"', '"title":"Verzakking (bewerkt)"')
    writeFileSync(output, edited)
    writeFileSync(journalPathFor(output), '')

    const refused = await seed(['--out', output])
    expect(refused.code).toBe(1)
    expect(refused.err).toMatch(/holds local edits: .*1 document\(s\) differ from the seed's output: condition-verzakking/u)
    expect(refused.err).toMatch(/--target sanity --from .* --replace/u)
    expect(refused.err).toMatch(/--discard-edits/u)
    expect(readFileSync(output, 'utf8')).toBe(edited)

    const discarded = await seed(['--out', output, '--discard-edits'])
    expect(discarded.code).toBe(0)
    expect(discarded.out).toMatch(/Discarded the local edits/)
    expect(readFileSync(output, 'utf8')).toBe(readFileSync(DEFAULT_OUTPUT, 'utf8'))
    expect(existsSync(journalPathFor(output))).toBe(false)
  })

  it('names only the documents an editor changed, not those the local Content Lake gave _rev and timestamps', async () => {
    const output = seededCopy()
    await saveThroughLocalLake(output, [{patch: {id: 'condition-verzakking', set: {title: 'Verzakking (bewerkt)'}}}])
    const saved = readFileSync(output, 'utf8')
    expect(saved.match(/"_rev":/gu)?.length).toBeGreaterThan(40)

    const refused = await seed(['--out', output])
    expect(refused.code).toBe(1)
    expect(refused.err).toMatch(/1 document\(s\) differ from the seed's output: condition-verzakking\./u)
    expect(readFileSync(output, 'utf8')).toBe(saved)
  })

  it('overwrites a dataset whose only differences are the system fields: there is nothing to lose', async () => {
    const output = seededCopy()
    // A draft made and thrown away: the file is rewritten with system fields, but the content is the seed's.
    await saveThroughLocalLake(output, [{create: {_id: 'drafts.condition-verzakking', _type: 'condition', title: 'Concept'}}])
    await saveThroughLocalLake(output, [{delete: {id: 'drafts.condition-verzakking'}}])
    expect(readFileSync(output, 'utf8')).toContain('"_rev":')

    const reseeded = await seed(['--out', output])
    expect(reseeded.err).toBe('')
    expect(reseeded.code).toBe(0)
    expect(readFileSync(output, 'utf8')).toBe(readFileSync(DEFAULT_OUTPUT, 'utf8'))
  })
})
