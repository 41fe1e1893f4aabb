import {spawn} from 'node:child_process'
import {mkdtemp, readFile, readdir, rm} from 'node:fs/promises'
import {tmpdir} from 'node:os'
import path from 'node:path'
import {fileURLToPath} from 'node:url'
import {afterAll, describe, expect, it} from 'vitest'
import {ensureStudioBuilt} from '../../lake/studio/studioBuild'

const PROJECT = fileURLToPath(new URL('../../', import.meta.url))
const LOCAL_BUILD = path.join(PROJECT, 'dist-studio')
/** Strings only the local workspace code has: the session path and its message for a missing server. */
const LOCAL_MARKERS = ['/local/session', 'De lokale server antwoordt niet']

let realBuild: string | undefined

afterAll(async () => {
  if (realBuild) await rm(path.dirname(realBuild), {recursive: true, force: true})
})

async function bundleText(directory: string): Promise<string> {
  const files = (await readdir(path.join(directory, 'static'))).filter((name) => name.endsWith('.js'))
  return (await Promise.all(files.map((name) => readFile(path.join(directory, 'static', name), 'utf8')))).join('\n')
}

async function buildForProject(projectId: string, outputDirectory: string): Promise<void> {
  const exitCode = await new Promise<number | null>((resolve, reject) => {
    const child = spawn(path.join(PROJECT, 'node_modules', '.bin', 'sanity'), ['build', outputDirectory, '--yes'], {
      cwd: PROJECT,
      env: {...process.env, SANITY_STUDIO_PROJECT_ID: projectId, DO_NOT_TRACK: '1', NO_UPDATE_NOTIFIER: '1', CI: 'true'},
      stdio: 'inherit',
    })
    child.once('error', reject)
    child.once('exit', resolve)
  })
  if (exitCode !== 0) throw new Error(`sanity build exited with ${exitCode}`)
}

describe("the local workspace stays out of a real project's Studio", () => {
  it(
    'is in the local build, which the server serves at /studio',
    async () => {
      await ensureStudioBuilt({projectDirectory: PROJECT, outputDirectory: LOCAL_BUILD})
      const bundle = await bundleText(LOCAL_BUILD)
      for (const marker of LOCAL_MARKERS) expect(bundle.includes(marker), marker).toBe(true)
      const page = await readFile(path.join(LOCAL_BUILD, 'index.html'), 'utf8')
      expect(page).toContain('src="/studio/static/sanity-')
      // Nothing from Sanity's servers: the font is the build's own, version news and the feedback probe ask the local Lake.
      expect(page).not.toContain('studio-static.sanity.io')
      expect(page).toContain('/studio/static/fonts/inter-latin-wght-normal.woff2')
      expect(bundle.includes('"/vX/intake/feedback"')).toBe(true)
      expect(bundle.includes('https://api.sanity.io/vX/intake/feedback')).toBe(false)
    },
    15 * 60_000,
  )

  it(
    'is not in a build with SANITY_STUDIO_PROJECT_ID set, whose base path is unchanged',
    async () => {
      realBuild = path.join(await mkdtemp(path.join(tmpdir(), 'studio-real-')), 'dist')
      await buildForProject('abc123xy', realBuild)
      const bundle = await bundleText(realBuild)
      expect(bundle.includes('abc123xy')).toBe(true)
      for (const marker of LOCAL_MARKERS) expect(bundle.includes(marker), marker).toBe(false)
      const page = await readFile(path.join(realBuild, 'index.html'), 'utf8')
      expect(page).toContain('src="/static/sanity-')
      // A real project's Studio keeps Sanity's own font and services.
      expect(page).toContain('studio-static.sanity.io/Inter-Regular.woff2')
      expect(bundle.includes('https://api.sanity.io/vX/intake/feedback')).toBe(true)
    },
    15 * 60_000,
  )
})
