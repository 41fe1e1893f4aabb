import {execFile} from 'node:child_process'
import {cpSync, existsSync, mkdtempSync, readFileSync, rmSync, symlinkSync} from 'node:fs'
import {tmpdir} from 'node:os'
import {join, resolve} from 'node:path'
import {promisify} from 'node:util'
import {afterAll, describe, expect, it} from 'vitest'

const run = promisify(execFile)
const root = resolve(import.meta.dirname, '../..')

/** What `npm run typegen` reads: the schema, the queries and contracts, the CLI configuration, the contract-shape script, and the prettier configuration it formats its output with. */
const TYPEGEN_INPUTS = [
  'schemas',
  'client',
  'scripts/contract-shapes.ts',
  'sanity.cli.ts',
  'sanity.config.ts',
  'studio.env.ts',
  'package.json',
  'tsconfig.json',
  'prettier.config.js',
  '.prettierignore',
]
const TYPEGEN_OUTPUTS = ['schema.json', 'sanity.types.ts', 'client/contractShapes.ts']

describe('generated schema and query types', () => {
  const work = mkdtempSync(join(tmpdir(), 'typegen-check-'))
  afterAll(() => rmSync(work, {recursive: true, force: true}))

  it('are what `npm run typegen` writes from the current schema and queries', async () => {
    // Regenerating in a copy leaves the committed files untouched, so a
    // stale file fails the test instead of being silently refreshed.
    for (const entry of TYPEGEN_INPUTS) {
      if (existsSync(join(root, entry))) cpSync(join(root, entry), join(work, entry), {recursive: true})
    }
    symlinkSync(join(root, 'node_modules'), join(work, 'node_modules'), 'dir')
    await run('npm', ['run', 'typegen'], {cwd: work, env: {...process.env, DO_NOT_TRACK: '1', NO_UPDATE_NOTIFIER: '1'}})
    for (const output of TYPEGEN_OUTPUTS) {
      const committed = readFileSync(join(root, output), 'utf8')
      const regenerated = readFileSync(join(work, output), 'utf8')
      expect(regenerated, `${output} is stale: run \`npm run typegen\` and commit the result`).toBe(committed)
    }
  }, 180_000)
})
