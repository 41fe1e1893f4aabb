import {spawn} from 'node:child_process'
import {once} from 'node:events'
import {mkdir, mkdtemp, readFile, readdir, rm, utimes, writeFile} from 'node:fs/promises'
import {tmpdir} from 'node:os'
import path from 'node:path'
import {afterEach, beforeEach, describe, expect, it, vi} from 'vitest'
import {build} from 'esbuild'
import {ensureStudioBuilt, SOURCE_STAMP, STUDIO_SOURCES, studioBuildStaleReason, studioSourceHash, type StudioBuilder} from '../../../lake/studio/studioBuild'

const SOURCES = ['sanity.config.ts', 'schemas', 'package-lock.json']
let project: string
let output: string

beforeEach(async () => {
  project = await mkdtemp(path.join(tmpdir(), 'studio-build-'))
  output = path.join(project, 'dist-studio')
  await mkdir(path.join(project, 'schemas', 'documents'), {recursive: true})
  await writeFile(path.join(project, 'sanity.config.ts'), 'export default {}\n')
  await writeFile(path.join(project, 'schemas', 'documents', 'condition.ts'), "export const condition = {name: 'condition'}\n")
  await writeFile(path.join(project, 'package-lock.json'), '{"lockfileVersion": 3}\n')
})
afterEach(() => rm(project, {recursive: true, force: true}))

/** A stand-in for `sanity build` that writes a page naming its build number. */
function countingBuilder(): StudioBuilder & {runs: number} {
  const builder = Object.assign(
    async (directory: string) => {
      builder.runs += 1
      await mkdir(directory, {recursive: true})
      await writeFile(path.join(directory, 'index.html'), `<html>build ${builder.runs}</html>`)
    },
    {runs: 0},
  )
  return builder
}

const quiet = () => undefined

/** The id of a process that has exited: what a build killed mid-way leaves in its directory names. */
async function exitedProcessId(): Promise<number> {
  const child = spawn(process.execPath, ['-e', ''], {stdio: 'ignore'})
  await once(child, 'exit')
  if (child.pid === undefined) throw new Error('the child process did not start')
  return child.pid
}

/** Directories next to the build's output, as `npm start` would find them. */
async function besideOutput(): Promise<string[]> {
  return (await readdir(project)).filter((name) => name.startsWith('dist-studio.')).sort()
}

describe('building the Studio on first start', () => {
  it('builds when there is no build, then not again while the sources are unchanged', async () => {
    const build = countingBuilder()
    const first = await ensureStudioBuilt({projectDirectory: project, outputDirectory: output, sources: SOURCES, build, log: quiet})
    expect(first).toMatchObject({built: true, reason: expect.stringContaining('no Studio build yet')})
    expect(await readFile(path.join(output, 'index.html'), 'utf8')).toBe('<html>build 1</html>')
    expect((await readFile(path.join(output, SOURCE_STAMP), 'utf8')).trim()).toBe(await studioSourceHash(project, SOURCES))

    const second = await ensureStudioBuilt({projectDirectory: project, outputDirectory: output, sources: SOURCES, build, log: quiet})
    expect(second.built).toBe(false)
    expect(build.runs).toBe(1)
  })

  it('decides by content, not file times: touching every source does not rebuild, editing one does', async () => {
    const build = countingBuilder()
    await ensureStudioBuilt({projectDirectory: project, outputDirectory: output, sources: SOURCES, build, log: quiet})
    const future = new Date(Date.now() + 60_000)
    for (const file of ['sanity.config.ts', 'schemas/documents/condition.ts', 'package-lock.json']) await utimes(path.join(project, file), future, future)
    expect(await studioBuildStaleReason(project, output, SOURCES)).toBeNull()

    await writeFile(path.join(project, 'schemas', 'documents', 'condition.ts'), "export const condition = {name: 'condition', title: 'Aandoening'}\n")
    expect(await studioBuildStaleReason(project, output, SOURCES)).toContain('sources changed')
    expect((await ensureStudioBuilt({projectDirectory: project, outputDirectory: output, sources: SOURCES, build, log: quiet})).built).toBe(true)
    expect(build.runs).toBe(2)
  })

  it('notices a new schema file, a renamed one and a changed lock file', async () => {
    const before = await studioSourceHash(project, SOURCES)
    await writeFile(path.join(project, 'schemas', 'documents', 'symptom.ts'), 'export const symptom = {}\n')
    const added = await studioSourceHash(project, SOURCES)
    expect(added).not.toBe(before)
    await rm(path.join(project, 'schemas', 'documents', 'symptom.ts'))
    await writeFile(path.join(project, 'schemas', 'documents', 'klacht.ts'), 'export const symptom = {}\n')
    expect(await studioSourceHash(project, SOURCES)).not.toBe(added)
    const renamed = await studioSourceHash(project, SOURCES)
    await writeFile(path.join(project, 'package-lock.json'), '{"lockfileVersion": 3, "packages": {}}\n')
    expect(await studioSourceHash(project, SOURCES)).not.toBe(renamed)
  })

  it('keeps the previous build when a build fails, and leaves no half-written directory', async () => {
    await ensureStudioBuilt({projectDirectory: project, outputDirectory: output, sources: SOURCES, build: countingBuilder(), log: quiet})
    await writeFile(path.join(project, 'sanity.config.ts'), 'export default {broken: true}\n')
    const failing: StudioBuilder = async (directory) => {
      await mkdir(directory, {recursive: true})
      await writeFile(path.join(directory, 'partial.js'), '')
      throw new Error('sanity build exited with 1')
    }
    await expect(ensureStudioBuilt({projectDirectory: project, outputDirectory: output, sources: SOURCES, build: failing, log: quiet})).rejects.toThrow('exited with 1')
    expect(await readFile(path.join(output, 'index.html'), 'utf8')).toBe('<html>build 1</html>')
    expect((await readdir(project)).filter((name) => name.startsWith('dist-studio.'))).toEqual([])
    // Still stale, so the next start tries again.
    expect(await studioBuildStaleReason(project, output, SOURCES)).toContain('sources changed')
  })

  it('refuses a build that wrote no page', async () => {
    const empty: StudioBuilder = async (directory) => {
      await mkdir(directory, {recursive: true})
    }
    await expect(ensureStudioBuilt({projectDirectory: project, outputDirectory: output, sources: SOURCES, build: empty, log: quiet})).rejects.toThrow('no index.html')
  })

  it('shows progress while it builds', async () => {
    const lines: string[] = []
    const progress = /^ {2}… still building the Studio \(\d+ s\)$/
    // A build that lasts until the first progress line is out, however long that takes.
    const slow: StudioBuilder = async (directory) => {
      await vi.waitFor(() => expect(lines).toContainEqual(expect.stringMatching(progress)), {timeout: 5_000})
      await mkdir(directory, {recursive: true})
      await writeFile(path.join(directory, 'index.html'), '<html></html>')
    }
    await ensureStudioBuilt({projectDirectory: project, outputDirectory: output, sources: SOURCES, build: slow, log: (line) => lines.push(line), progressIntervalMs: 30})
    expect(lines[0]).toMatch(/^Building the Studio: .*no Studio build yet/)
    expect(lines.slice(1, -1).length).toBeGreaterThanOrEqual(1)
    for (const line of lines.slice(1, -1)) expect(line).toMatch(progress)
    expect(lines.at(-1)).toMatch(/^Studio built in \d+ s\.$/)
  })

  it('removes what builds killed mid-way left behind, and leaves the directories of a build still running in another process', async () => {
    const killed = await exitedProcessId()
    // Stands in for another `npm start` that is building the Studio right now.
    const building = spawn(process.execPath, ['-e', 'process.stdin.resume()'], {stdio: ['pipe', 'ignore', 'ignore']})
    await once(building, 'spawn')
    try {
      for (const name of [`dist-studio.building-${killed}`, `dist-studio.previous-${killed}`, `dist-studio.building-${building.pid}`]) {
        await mkdir(path.join(project, name, 'static'), {recursive: true})
        await writeFile(path.join(project, name, 'static', 'sanity.js'), '')
      }
      const lines: string[] = []
      const first = await ensureStudioBuilt({projectDirectory: project, outputDirectory: output, sources: SOURCES, build: countingBuilder(), log: (line) => lines.push(line)})
      expect(first.built).toBe(true)
      expect(await besideOutput()).toEqual([`dist-studio.building-${building.pid}`])
      expect(lines).toContain(`Removed dist-studio.building-${killed}, left by a Studio build that was interrupted.`)

      // A later start whose build is current still clears up after a build that was killed since.
      await mkdir(path.join(project, `dist-studio.building-${killed}`))
      const second = await ensureStudioBuilt({projectDirectory: project, outputDirectory: output, sources: SOURCES, build: countingBuilder(), log: quiet})
      expect(second.built).toBe(false)
      expect(await besideOutput()).toEqual([`dist-studio.building-${building.pid}`])
    } finally {
      building.kill()
    }
  })
})

describe("the Studio build's sources", () => {
  it('cover every project file the Studio configuration imports, so an edit to any of them rebuilds the Studio', async () => {
    const projectDirectory = path.resolve(import.meta.dirname, '../../..')
    // The same module graph the Studio build bundles, without the packages (package-lock.json stands for those).
    const result = await build({
      entryPoints: ['sanity.config.ts', 'sanity.cli.ts'].map((entry) => path.join(projectDirectory, entry)),
      bundle: true,
      write: false,
      metafile: true,
      packages: 'external',
      platform: 'node',
      format: 'esm',
      outdir: path.join(tmpdir(), 'studio-sources'),
      logLevel: 'silent',
    })
    const imported = Object.keys(result.metafile.inputs).map((input) => path.relative(projectDirectory, path.resolve(projectDirectory, input)).split(path.sep).join('/'))
    expect(imported.length).toBeGreaterThan(20)
    const covered = (file: string) => STUDIO_SOURCES.some((source) => file === source || file.startsWith(`${source}/`))
    expect(imported.filter((file) => !covered(file))).toEqual([])
  })
})
