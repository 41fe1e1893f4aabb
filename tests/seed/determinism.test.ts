import {mkdtempSync, readFileSync} from 'node:fs'
import {tmpdir} from 'node:os'
import {join} from 'node:path'
import {describe, expect, it} from 'vitest'
import {buildDocuments} from '../../seed/build'
import {DEFAULT_OUTPUT, runSeed} from '../../seed/cli'
import {toNdjson} from '../../seed/ndjson'
import {SourceText} from '../../seed/sourceText'

function freshNdjson(): string {
  const built = buildDocuments(SourceText.load())
  if (!built.ok) throw new Error(JSON.stringify(built.problems))
  return toNdjson(built.documents)
}

async function seedInto(path: string): Promise<{code: number; out: string}> {
  const out: string[] = []
  const code = await runSeed(['--out', path], {env: {}, out: (line) => out.push(line), err: (line) => out.push(line)})
  return {code, out: out.join('\n')}
}

describe('deterministic output', () => {
  it('two runs of npm run seed write byte-identical files', async () => {
    const directory = mkdtempSync(join(tmpdir(), 'seed-determinism-'))
    const first = await seedInto(join(directory, 'first.ndjson'))
    const second = await seedInto(join(directory, 'second.ndjson'))
    expect(first.code).toBe(0)
    expect(second.code).toBe(0)
    expect(readFileSync(join(directory, 'second.ndjson'))).toEqual(readFileSync(join(directory, 'first.ndjson')))
    expect(first.out).toMatch(/condition\s+4/u)
    expect(first.out).toContain('first.ndjson')
  })

  it('the committed dataset/production.ndjson is current (run `npm run seed` after changing the seed)', () => {
    expect(readFileSync(DEFAULT_OUTPUT, 'utf8')).toBe(freshNdjson())
  })

  it('writes one document per line, sorted by readable _id, without timestamps', () => {
    const lines = freshNdjson().trimEnd().split('\n')
    const documents = lines.map((line) => JSON.parse(line) as Record<string, unknown>)
    const ids = documents.map((document) => String(document._id))
    expect(ids).toEqual([...ids].sort())
    for (const document of documents) {
      expect(document._id).toMatch(new RegExp(`^${String(document._type)}-[a-z0-9-]+$`, 'u'))
      expect(Object.keys(document)).not.toContain('_createdAt')
      expect(Object.keys(document)).not.toContain('_updatedAt')
    }
    expect(JSON.stringify(documents)).not.toMatch(/\d{4}-\d{2}-\d{2}T\d{2}:/u)
  })

  it('gives every array item a fixed _key that is unique within its array', () => {
    const problems: string[] = []
    const walk = (value: unknown, path: string) => {
      if (!Array.isArray(value)) {
        if (typeof value === 'object' && value !== null) for (const [key, item] of Object.entries(value)) walk(item, `${path}.${key}`)
        return
      }
      const objects = value.filter((item): item is Record<string, unknown> => typeof item === 'object' && item !== null)
      const keys = objects.map((item) => item._key)
      if (keys.some((key) => typeof key !== 'string' || key === '')) problems.push(`${path}: item without _key`)
      if (new Set(keys).size !== keys.length) problems.push(`${path}: duplicate _key`)
      value.forEach((item, index) => walk(item, `${path}[${index}]`))
    }
    for (const line of freshNdjson().trimEnd().split('\n')) {
      const document = JSON.parse(line) as {_id: string}
      walk(document, document._id)
    }
    expect(problems).toEqual([])
  })
})
