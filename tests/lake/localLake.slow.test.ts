import {spawn, type ChildProcess} from 'node:child_process'
import {createClient} from '@sanity/client'
import {readFileSync} from 'node:fs'
import {join} from 'node:path'
import {fileURLToPath} from 'node:url'
import {describe, expect, it} from 'vitest'
import {parseNdjson} from '../../client/embedded/dataset'
import {readServerConfig} from '../../lake/config'
import {startServer} from '../../lake/server'
import {openLocalLake} from '../../lake/localLake'
import {DEFAULT_OUTPUT, runSeed} from '../../seed/cli'
import {writeTempDataset} from './fixtures'

const TOKEN = 'server-test-token-0123456789'
const projectDirectory = fileURLToPath(new URL('../..', import.meta.url))

function startServerProcess(datasetPath: string): Promise<{url: string; child: ChildProcess}> {
  const child = spawn(process.execPath, ['--import', 'tsx', 'scripts/start.ts', '--dataset', datasetPath, '--port', '0'], {
    cwd: projectDirectory,
    env: {...process.env, LOCAL_WRITE_TOKEN: TOKEN, QUERY_WORKERS: '1', PREVIEW_WORKERS: '1'},
    stdio: ['ignore', 'pipe', 'pipe'],
  })
  return new Promise((resolve, reject) => {
    let output = ''
    const collect = (chunk: Buffer) => {
      output += chunk.toString()
      const match = /Preview site: (http:\/\/[^/\s]+)\//.exec(output)
      if (match?.[1]) resolve({url: match[1], child})
    }
    child.stdout?.on('data', collect)
    child.stderr?.on('data', (chunk: Buffer) => (output += chunk.toString()))
    child.once('exit', (code) => reject(new Error(`The server exited (code ${code}) before it was ready:\n${output}`)))
  })
}

describe('npm start killed with SIGKILL while a client writes', () => {
  it('loses no acknowledged transaction and always restarts on a parseable dataset', async () => {
    const dataset = await writeTempDataset([{_id: 'counter', _type: 'counter', n: 0}])
    const acknowledged: string[] = []
    try {
      for (let round = 0; round < 6; round += 1) {
        const {url, child} = await startServerProcess(dataset.datasetPath)
        const exited = new Promise((resolve) => child.once('exit', resolve))
        const client = createClient({
          projectId: 'local',
          dataset: 'production',
          apiHost: url,
          useProjectHostname: false,
          useCdn: false,
          apiVersion: '2025-02-19',
          token: TOKEN,
          maxRetries: 0,
        })
        // Everything written before this start must be there.
        const present = new Set(await client.fetch<string[]>('*[_type == "note"]._id'))
        expect(acknowledged.filter((id) => !present.has(id))).toEqual([])
        setTimeout(() => child.kill('SIGKILL'), 300 + round * 97)
        for (let index = 0; ; index += 1) {
          const id = `note-${round}-${index}`
          try {
            await client
              .transaction()
              .create({_id: id, _type: 'note'})
              .patch('counter', (patch) => patch.inc({n: 1}))
              .commit()
          } catch {
            break
          }
          acknowledged.push(id)
        }
        await exited
        expect(() => parseNdjson(readFileSync(dataset.datasetPath, 'utf8'))).not.toThrow()
      }
      expect(acknowledged.length).toBeGreaterThan(6)
      const lake = await openLocalLake(dataset.datasetPath, {env: {LOCAL_WRITE_TOKEN: TOKEN}, tokenPath: join(dataset.datasetPath, '..', '.token')})
      const notes = lake.store
        .current()
        .documents.filter((document) => document._type === 'note')
        .map((document) => document._id)
      expect(acknowledged.filter((id) => !notes.includes(id))).toEqual([])
      expect(lake.store.current().documents.find((document) => document._id === 'counter')?.n).toBe(notes.length)
      await lake.close()
    } finally {
      await dataset.remove()
    }
  })
})

describe('npm run seed -- --target sanity against the local server', () => {
  it('imports every seeded document into an empty dataset, and a second run changes nothing', async () => {
    const seeded = readFileSync(DEFAULT_OUTPUT, 'utf8').trim().split('\n').length
    const empty = await writeTempDataset([])
    const emptyLake = await openLocalLake(empty.datasetPath, {env: {LOCAL_WRITE_TOKEN: TOKEN}, tokenPath: join(empty.datasetPath, '..', '.local-write-token')})
    const emptyServer = await startServer(readServerConfig(['--dataset', empty.datasetPath, '--port', '0'], {QUERY_WORKERS: '1'}), {store: emptyLake.store, lake: emptyLake})
    try {
      const env = {SANITY_STUDIO_PROJECT_ID: 'local', SANITY_STUDIO_DATASET: 'production', SANITY_API_WRITE_TOKEN: TOKEN, SANITY_API_HOST: emptyServer.url}
      const run = async () => {
        const lines: string[] = []
        const code = await runSeed(['--target', 'sanity'], {env, out: (line) => lines.push(line), err: (line) => lines.push(line)})
        return {code, out: lines.join('\n')}
      }
      const first = await run()
      expect(first.code).toBe(0)
      expect(first.out).toMatch(new RegExp(`Done: ${seeded} created, 0 replaced, 0 unchanged`, 'u'))
      expect(emptyLake.store.current().documents).toHaveLength(seeded)
      const version = emptyLake.store.current().version
      const second = await run()
      expect(second.out).toMatch(new RegExp(`0 created, 0 replaced, ${seeded} unchanged, 0 kept`, 'u'))
      expect(emptyLake.store.current().version).toBe(version)
    } finally {
      await emptyServer.close()
      await emptyLake.close()
      await empty.remove()
    }
  })
})
