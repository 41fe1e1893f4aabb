import {chmodSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, writeFileSync} from 'node:fs'
import {tmpdir} from 'node:os'
import {join} from 'node:path'
import {describe, expect, it} from 'vitest'
import {runSeed} from '../../seed/cli'
import {editorial, passage, ref, type DraftDocument, type DraftOf} from '../../seed/draft'
import {mappedDocuments} from '../../seed/mapping'
import {formatProblem, seedLocal, type PrepareOptions} from '../../seed/pipeline'
import {SOURCE_PATH} from '../../seed/sourceText'
import type {Condition, Symptom} from '../../sanity.types'

const PREVIOUS = '{"_id":"bodyPart-vorige-versie","_type":"bodyPart","title":"Vorige versie"}\n'

/** A directory holding a previous dataset file, to show a failed run leaves it as it was. */
function previousDataset(): {directory: string; output: string} {
  const directory = mkdtempSync(join(tmpdir(), 'seed-bad-input-'))
  const output = join(directory, 'production.ndjson')
  writeFileSync(output, PREVIOUS)
  return {directory, output}
}

function expectUntouched({directory, output}: {directory: string; output: string}): void {
  expect(readFileSync(output, 'utf8')).toBe(PREVIOUS)
  expect(readdirSync(directory)).toEqual(['production.ndjson'])
}

async function failingSeed(options: PrepareOptions) {
  const target = previousDataset()
  const result = await seedLocal(target.output, options)
  if (result.ok) throw new Error('expected the seed to fail')
  expectUntouched(target)
  return {...result, messages: result.problems.map(formatProblem)}
}

function withDrafts(change: (drafts: DraftDocument[]) => DraftDocument[]): PrepareOptions {
  return {drafts: change(mappedDocuments())}
}

function changed<T extends DraftDocument>(drafts: DraftDocument[], id: string, edit: (draft: T) => T): DraftDocument[] {
  return drafts.map((draft) => (draft._id === id ? edit(draft as T) : draft))
}

function position(id: string): number {
  return mappedDocuments().findIndex((draft) => draft._id === id) + 1
}

function sourceWith(replace: [string, string]): string {
  const directory = mkdtempSync(join(tmpdir(), 'seed-source-'))
  const path = join(directory, 'leaflet.txt')
  const original = readFileSync(SOURCE_PATH, 'utf8')
  expect(original).toContain(replace[0])
  writeFileSync(path, original.replace(replace[0], replace[1]))
  return path
}

describe('bad input is reported clearly and nothing is written', () => {
  it('a document that fails the schema rules', async () => {
    const result = await failingSeed(
      withDrafts((drafts) => changed<DraftOf<Symptom>>(drafts, 'symptom-balgevoel', (draft) => ({...draft, slug: {_type: 'slug', current: editorial('Bal Gevoel')}}))),
    )
    expect(result.stage).toBe('Validating against the schema')
    expect(result.messages).toContain('symptom-balgevoel › slug: Gebruik alleen kleine letters, cijfers en koppeltekens, bijvoorbeeld "verzakking".')
  })

  it('a required field left empty is named with its path', async () => {
    const result = await failingSeed(withDrafts((drafts) => changed<DraftOf<Condition>>(drafts, 'condition-vaginisme', ({review, ...rest}) => rest as DraftOf<Condition>)))
    expect(result.messages).toContain('condition-vaginisme › review: Vul de controlegegevens in.')
  })

  it('a reference that does not resolve inside the dataset', async () => {
    const result = await failingSeed(
      withDrafts((drafts) => changed<DraftOf<Condition>>(drafts, 'condition-vaginisme', (draft) => ({...draft, causes: [ref('cause-bestaat-niet')]}))),
    )
    expect(result.stage).toBe('Checking ids, slugs and references')
    expect(result.messages).toEqual(['condition-vaginisme › causes[0]._ref: reference to "cause-bestaat-niet" does not resolve: no document with that _id in the dataset'])
  })

  it('a duplicate _id', async () => {
    const result = await failingSeed(withDrafts((drafts) => [...drafts, {_id: 'bodyPart-blaas', _type: 'bodyPart', title: editorial('Blaas (dubbel)')}]))
    expect(result.messages).toEqual([
      `bodyPart-blaas › _id: duplicate _id: documents #${position('bodyPart-blaas')} and #${mappedDocuments().length + 1} in the seed both use "bodyPart-blaas"`,
    ])
  })

  it('a duplicate slug within a type', async () => {
    const duplicate: DraftOf<Symptom> = {
      _id: 'symptom-balgevoel-2',
      _type: 'symptom',
      title: passage('balgevoel'),
      slug: {_type: 'slug', current: editorial('balgevoel')},
      category: 'pressure',
    }
    const result = await failingSeed(withDrafts((drafts) => [...drafts, duplicate]))
    expect(result.messages).toEqual(['symptom-balgevoel-2 › slug.current: duplicate slug "balgevoel" for type symptom: already used by symptom-balgevoel'])
  })

  it('a source passage that can no longer be found names the document, field and passage', async () => {
    const sourcePath = sourceWith(['Oefeningen voor de bekkenbodem', 'Oefeningen voor de buikspieren'])
    const result = await failingSeed({sourcePath})
    expect(result.messages).toEqual([
      'treatmentComponent-bekkenbodemoefeningen › title: source passage "Oefeningen voor de bekkenbodem" not found: opening words "Oefeningen voor de bekkenbodem" not found',
    ])
  })

  it('a passage whose closing words disappeared is reported for every field that uses it', async () => {
    const sourcePath = sourceWith(['op de plaats houden). ', 'op hun plaats houden). '])
    const result = await failingSeed({sourcePath})
    expect(result.messages).toEqual([
      'condition-verzakking › summary: source passage "Een verzakking ontstaat door zwakte" … "op de plaats houden)." not found: closing words "op de plaats houden)." not found after "Een verzakking ontstaat door zwakte"',
      'condition-verzakking › description[1].children[0].text: source passage "Een verzakking ontstaat door zwakte" … "op de plaats houden)." not found: closing words "op de plaats houden)." not found after "Een verzakking ontstaat door zwakte"',
    ])
  })

  it('a correction that no longer matches the source is an error, not a silent no-op', async () => {
    const sourcePath = sourceWith(['“napijn”na', '“napijn” na'])
    const result = await failingSeed({sourcePath})
    expect(result.messages[0]).toContain('Correction "“napijn”na" → "“napijn” na" (seed/corrections.ts) expects 1 occurrence(s) in the source, found 0.')
  })

  it('a passage whose opening words occur more than once must say where it is', async () => {
    const result = await failingSeed(
      withDrafts((drafts) => changed<DraftOf<Symptom>>(drafts, 'symptom-balgevoel', (draft) => ({...draft, description: passage('Verzakkingsklachten kunnen')}))),
    )
    expect(result.messages).toEqual([
      'symptom-balgevoel › description: source passage "Verzakkingsklachten kunnen" not found: opening words "Verzakkingsklachten kunnen" occur more than once; give an "after" landmark',
    ])
  })

  it('a source file that does not exist', async () => {
    const result = await failingSeed({sourcePath: join(tmpdir(), 'no-such-leaflet.txt')})
    expect(result.messages).toEqual([`(source) › ${join(tmpdir(), 'no-such-leaflet.txt')}: the source file does not exist`])
  })

  it('the command exits non-zero, prints the problem and keeps the previous file', async () => {
    const target = previousDataset()
    const sourcePath = sourceWith(['Klachten rond vagina', 'Klachten rond de vagina'])
    const err: string[] = []
    const code = await runSeed(['--source', sourcePath, '--out', target.output], {env: {}, out: () => undefined, err: (line) => err.push(line)})
    expect(code).toBe(1)
    expect(err.join('\n')).toContain('condition-vulvair-vestibulitis-syndroom › description[0].children[0].text: source passage "Klachten rond vagina" not found')
    expect(err.at(-1)).toBe('Nothing was written.')
    expectUntouched(target)
  })

  it('a failed write leaves the previous file and no temporary file', async () => {
    const target = previousDataset()
    // A directory where the file should go makes the rename fail after the temporary file was written.
    const blocked = join(target.directory, 'blocked.ndjson')
    writeFileSync(join(target.directory, 'placeholder'), '')
    mkdirSync(join(blocked, 'inside'), {recursive: true})
    await expect(seedLocal(blocked)).rejects.toThrow()
    expect(readdirSync(target.directory).sort()).toEqual(['blocked.ndjson', 'placeholder', 'production.ndjson'])
    expect(existsSync(join(blocked, 'inside'))).toBe(true)
    expect(readFileSync(target.output, 'utf8')).toBe(PREVIOUS)
  })

  it('--out naming a directory, or a directory it may not write in, is one clear line each, with no stack trace', async () => {
    const target = previousDataset()
    const elsewhere = mkdtempSync(join(tmpdir(), 'seed-out-'))
    writeFileSync(join(elsewhere, 'a-file'), '')
    const cases: Array<{out: string; expected: RegExp}> = [
      {out: target.directory, expected: /it is a directory; give a file name/},
      {out: join(elsewhere, 'a-file', 'production.ndjson'), expected: /a part of the path is a file, not a directory/},
    ]
    // A read-only directory stops its owner only when that owner is not root (CI runs as root in some containers).
    const readOnly = join(elsewhere, 'read-only')
    mkdirSync(readOnly)
    chmodSync(readOnly, 0o555)
    if (process.getuid?.() !== 0) cases.push({out: join(readOnly, 'production.ndjson'), expected: /no permission to write in/})
    try {
      for (const {out, expected} of cases) {
        const err: string[] = []
        const code = await runSeed(['--out', out], {env: {}, out: () => undefined, err: (line) => err.push(line)})
        expect(code, out).not.toBe(0)
        expect(err, out).toHaveLength(1)
        expect(err[0]).toMatch(expected)
        expect(err[0]).toMatch(/^✗ Could not write .*Nothing was changed\.$/)
        expect(err[0]).not.toMatch(/\n\s+at /)
      }
    } finally {
      chmodSync(readOnly, 0o755)
    }
    expectUntouched(target)
  })
})
