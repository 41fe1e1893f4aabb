import {spawn} from 'node:child_process'
import {mkdtempSync, readFileSync, rmSync, writeFileSync} from 'node:fs'
import {tmpdir} from 'node:os'
import {join} from 'node:path'
import {afterAll, describe, expect, it} from 'vitest'
import {parseNdjson} from '../../client/embedded/dataset'
import {Committer} from '../../lake/write/committer'

const directory = mkdtempSync(join(tmpdir(), 'journal-crash-'))
const datasetPath = join(directory, 'production.ndjson')
const writer = join(import.meta.dirname, 'support', 'journalWriter.ts')

afterAll(() => rmSync(directory, {recursive: true, force: true}))

/** Starts the writer, lets it commit for `runMs` after it is ready, kills it with SIGKILL; returns the acknowledged ids. */
function runAndKill(runMs: number): Promise<string[]> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--import', 'tsx', writer, datasetPath], {stdio: ['ignore', 'pipe', 'inherit']})
    const acknowledged: string[] = []
    let buffered = ''
    child.stdout.setEncoding('utf8')
    child.stdout.on('data', (chunk: string) => {
      buffered += chunk
      const lines = buffered.split('\n')
      buffered = lines.pop() ?? ''
      for (const line of lines) {
        if (line.startsWith('ready')) setTimeout(() => child.kill('SIGKILL'), runMs)
        else if (line.startsWith('ack ')) acknowledged.push(line.slice(4))
      }
    })
    child.once('error', reject)
    child.once('exit', (code, signal) => (signal === 'SIGKILL' ? resolve(acknowledged) : reject(new Error(`writer exited with ${code ?? signal}`))))
  })
}

describe('crash loop', () => {
  it('loses no acknowledged transaction, from the dataset or the history, and always leaves a parseable dataset when killed with SIGKILL', async () => {
    writeFileSync(datasetPath, `${JSON.stringify({_id: 'counter', _type: 'counter', n: 0})}\n`)
    const acknowledged: string[] = []
    const rounds = 12
    for (let round = 0; round < rounds; round += 1) {
      acknowledged.push(...(await runAndKill(100 + ((round * 37) % 400))))
      // Whatever moment the kill hit, the dataset file is complete and parseable.
      expect(() => parseNdjson(readFileSync(datasetPath, 'utf8'), datasetPath)).not.toThrow()
    }
    expect(acknowledged.length).toBeGreaterThan(rounds)

    const committer = await Committer.open({datasetPath})
    const missing = acknowledged.filter((id) => !committer.documents.has(`doc-${id}`))
    expect(missing).toEqual([])
    // Every acknowledged transaction is in the history too, once each, in the order acknowledged.
    const history = committer.historyLog.entries.map((entry) => entry.id)
    expect(acknowledged.filter((id) => !committer.historyLog.has(id))).toEqual([])
    expect(new Set(history).size).toBe(history.length)
    expect(history.filter((id) => acknowledged.includes(id))).toEqual(acknowledged)
    // Each transaction created one document and counted it: both or neither survived.
    const notes = [...committer.documents.values()].filter((document) => document._type === 'note').length
    expect(committer.documents.get('counter')?.n).toBe(notes)
    expect(notes).toBeGreaterThanOrEqual(acknowledged.length)
    expect(notes).toBeLessThanOrEqual(acknowledged.length + rounds)
    await committer.close()
  })
})
