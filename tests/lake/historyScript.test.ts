import {execFile} from 'node:child_process'
import {rmSync} from 'node:fs'
import {fileURLToPath} from 'node:url'
import {promisify} from 'node:util'
import {afterAll, beforeAll, describe, expect, it} from 'vitest'
import {historyPathFor} from '../../lake/history/historyLog'
import {startLocalLake, type TestLake} from '../support/localLake'

const SCRIPT = fileURLToPath(new URL('../../scripts/history.ts', import.meta.url))
const SEEDED = 'Een verzakking ontstaat door zwakte van het ondersteunende weefsel.'
const EDITED = 'Een verzakking ontstaat door zwakte van de bekkenbodem.'
const KEPT = 'Dit komt veel voor.'

function block(key: string, text: string) {
  return {_type: 'block', _key: key, style: 'normal', markDefs: [], children: [{_type: 'span', _key: `${key}s`, text, marks: []}]}
}

/** `npm run history -- <args>`, as an editor runs it. */
async function history(...args: string[]): Promise<{stdout: string; stderr: string; code: number}> {
  try {
    const {stdout, stderr} = await promisify(execFile)(process.execPath, ['--import', 'tsx', SCRIPT, ...args])
    return {stdout, stderr, code: 0}
  } catch (error) {
    const failed = error as {stdout: string; stderr: string; code: number} // execFile's error carries the output and exit code
    return {stdout: failed.stdout, stderr: failed.stderr, code: failed.code}
  }
}

describe('npm run history', () => {
  let lake: TestLake

  beforeAll(async () => {
    lake = await startLocalLake([{_id: 'condition-verzakking', _type: 'condition', title: 'Verzakking', body: [block('a', SEEDED), block('b', KEPT)]}])
    const client = lake.client()
    await client.createOrReplace({_id: 'drafts.condition-verzakking', _type: 'condition', title: 'Verzakking', body: [block('a', EDITED), block('b', KEPT)]})
    await client.patch('condition-verzakking').set({title: 'Verzakking (prolaps)'}).commit()
    await lake.stop()
  })
  afterAll(() => lake.close())

  it('prints who changed which field when, with the sentence before and after, newest first', async () => {
    const {stdout, code} = await history('condition-verzakking', '--dataset', lake.datasetPath)
    expect(code).toBe(0)
    const titleAt = stdout.indexOf('title:')
    const bodyAt = stdout.indexOf('body:')
    // Newest first: the published title change, then the draft's changed sentence.
    expect(titleAt).toBeGreaterThan(-1)
    expect(bodyAt).toBeGreaterThan(titleAt)
    expect(stdout).toContain('local-write-token  changed the published document')
    expect(stdout).toContain('local-write-token  created the draft document')
    expect(stdout).toContain('    - Verzakking\n    + Verzakking (prolaps)')
    expect(stdout).toContain(`    - ${SEEDED}\n    + ${EDITED}`)
    // The unchanged sentence is not shown as a change.
    expect(stdout).not.toContain(`+ ${KEPT}`)
  })

  it('says so in one line for an unknown id, and for a missing history file', async () => {
    const unknown = await history('condition-bestaat-niet', '--dataset', lake.datasetPath)
    expect(unknown.code).toBe(1)
    expect(unknown.stderr.trim().split('\n')).toHaveLength(1)
    expect(unknown.stderr).toContain('No transaction')
    rmSync(historyPathFor(lake.datasetPath))
    const missing = await history('condition-verzakking', '--dataset', lake.datasetPath)
    expect(missing.code).toBe(1)
    expect(missing.stderr.trim().split('\n')).toHaveLength(1)
    expect(missing.stderr).toContain('There is no history file')
  })
})
