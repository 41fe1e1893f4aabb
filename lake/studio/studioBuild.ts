import {spawn} from 'node:child_process'
import {createHash} from 'node:crypto'
import {mkdir, readFile, readdir, rename, rm, stat, writeFile} from 'node:fs/promises'
import path from 'node:path'
import {LOCAL_STUDIO_BASE_PATH} from '../../schemas/studio/local/studioBuildOptions'
import {serveInterLocally} from './localFonts'

/**
 * Builds the local Studio when its build is missing or was made from other
 * sources. Freshness is decided by content: a hash of every file the build
 * depends on is stored with the build, so a fresh clone (where checkout order
 * decides file times) does not rebuild, and an edited schema always does.
 */

/**
 * What the Studio build depends on, relative to the project directory.
 * Directories are read recursively. The bundle is made from sanity.config.ts,
 * sanity.cli.ts and what they import (studio.env.ts, schemas/; a test checks
 * that nothing else is imported), `static/` is copied into it, the packages
 * come from package-lock.json, and localFonts.ts rewrites the built page.
 */
export const STUDIO_SOURCES = ['sanity.config.ts', 'sanity.cli.ts', 'studio.env.ts', 'schemas', 'static', 'package-lock.json', 'lake/studio/localFonts.ts']

/** Written into the build directory after a successful build; holds the source hash. */
export const SOURCE_STAMP = '.studio-sources.sha256'

/** The build of the local Studio leaves out anything that only a real project needs; v2 serves its font itself. */
const BUILD_KIND = 'local-studio v2'

async function filesUnder(absolute: string): Promise<string[]> {
  let info
  try {
    info = await stat(absolute)
  } catch {
    return []
  }
  if (info.isFile()) return [absolute]
  if (!info.isDirectory()) return []
  const entries = await readdir(absolute, {recursive: true, withFileTypes: true})
  return entries.filter((entry) => entry.isFile()).map((entry) => path.join(entry.parentPath, entry.name))
}

/** A hash of every Studio source file's path and content, in a fixed order. */
export async function studioSourceHash(projectDirectory: string, sources: readonly string[] = STUDIO_SOURCES): Promise<string> {
  const files = (await Promise.all(sources.map((source) => filesUnder(path.join(projectDirectory, source))))).flat()
  const relativePaths = files.map((file) => path.relative(projectDirectory, file).split(path.sep).join('/')).sort()
  const hash = createHash('sha256').update(BUILD_KIND)
  for (const relative of relativePaths) {
    const content = await readFile(path.join(projectDirectory, relative))
    hash.update(`\0${relative}\0${content.length}\0`).update(content)
  }
  return hash.digest('hex')
}

/** Why the Studio must be built, or null when the build in `outputDirectory` was made from the current sources. */
export async function studioBuildStaleReason(projectDirectory: string, outputDirectory: string, sources?: readonly string[]): Promise<string | null> {
  const shown = path.relative(process.cwd(), outputDirectory) || outputDirectory
  let stamp: string
  try {
    stamp = (await readFile(path.join(outputDirectory, SOURCE_STAMP), 'utf8')).trim()
  } catch {
    return `${shown} has no Studio build yet`
  }
  try {
    await stat(path.join(outputDirectory, 'index.html'))
  } catch {
    return `${shown}/index.html is missing`
  }
  const current = await studioSourceHash(projectDirectory, sources)
  return stamp === current ? null : `the Studio's sources changed since ${shown} was built`
}

export type StudioBuilder = (outputDirectory: string) => Promise<void>

export interface EnsureStudioOptions {
  projectDirectory: string
  outputDirectory: string
  /** Runs the build into a directory; by default `sanity build` for the local server. */
  build?: StudioBuilder
  sources?: readonly string[]
  log?: (line: string) => void
  /** How often a running build reports that it is still going. */
  progressIntervalMs?: number
  /** Build even when the existing build is current. */
  force?: boolean
}

export interface StudioBuildOutcome {
  built: boolean
  reason: string | null
  ms: number
}

/** Whether a process with this id runs on this machine. */
function processIsAlive(pid: number): boolean {
  try {
    process.kill(pid, 0)
    return true
  } catch (error) {
    // EPERM: the process exists but belongs to another user.
    return (error as NodeJS.ErrnoException).code === 'EPERM' // kill errors are always ErrnoExceptions
  }
}

/**
 * Removes the `<output>.building-<pid>` and `<output>.previous-<pid>` directories
 * that builds leave next to the output when their process is killed mid-way
 * (Ctrl-C during the first `npm start`). One whose process still runs belongs to
 * a build in progress, in another process, and stays.
 */
async function removeAbandonedBuilds(outputDirectory: string, log: (line: string) => void): Promise<void> {
  const parent = path.dirname(outputDirectory)
  const base = path.basename(outputDirectory).replace(/[.*+?^${}()|[\]\\]/gu, '\\$&')
  const leftover = new RegExp(`^${base}\\.(?:building|previous)-(\\d+)$`, 'u')
  const names = await readdir(parent).catch(() => [])
  for (const name of names) {
    const pid = Number(leftover.exec(name)?.[1])
    // This process's own directories are the current build's, whatever it is doing.
    if (!Number.isSafeInteger(pid) || pid === process.pid || processIsAlive(pid)) continue
    await rm(path.join(parent, name), {recursive: true, force: true}).then(
      () => log(`Removed ${name}, left by a Studio build that was interrupted.`),
      // Leftovers cost disk space only; they must not stop the Studio from starting.
      (error: unknown) => log(`Could not remove ${name}, left by an interrupted Studio build: ${String(error)}`),
    )
  }
}

/**
 * Builds the Studio if needed. The new build is made next to the old one and
 * only then swapped in, so a failed or interrupted build leaves the previous
 * one in place; what an interrupted build left next to it goes on the next call.
 */
export async function ensureStudioBuilt(options: EnsureStudioOptions): Promise<StudioBuildOutcome> {
  const {projectDirectory, outputDirectory, sources, log = console.log, progressIntervalMs = 15_000} = options
  const build = options.build ?? sanityBuild(projectDirectory)
  await removeAbandonedBuilds(outputDirectory, log)
  const reason = options.force ? 'a new build was asked for' : await studioBuildStaleReason(projectDirectory, outputDirectory, sources)
  if (!reason) return {built: false, reason: null, ms: 0}

  const started = Date.now()
  const hash = await studioSourceHash(projectDirectory, sources)
  const staging = `${outputDirectory}.building-${process.pid}`
  log(`Building the Studio: ${reason}. This takes a few minutes, once.`)
  const progress = setInterval(() => log(`  … still building the Studio (${Math.round((Date.now() - started) / 1000)} s)`), progressIntervalMs)
  try {
    await rm(staging, {recursive: true, force: true})
    await mkdir(path.dirname(outputDirectory), {recursive: true})
    await build(staging)
    await stat(path.join(staging, 'index.html')).catch(() => {
      throw new Error(`The Studio build finished but wrote no index.html into ${staging}.`)
    })
    await writeFile(path.join(staging, SOURCE_STAMP), `${hash}\n`)
    const previous = `${outputDirectory}.previous-${process.pid}`
    await rm(previous, {recursive: true, force: true})
    await rename(outputDirectory, previous).catch((error: unknown) => {
      if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error // rename errors are always ErrnoExceptions
    })
    await rename(staging, outputDirectory)
    await rm(previous, {recursive: true, force: true})
  } catch (error) {
    await rm(staging, {recursive: true, force: true})
    throw error
  } finally {
    clearInterval(progress)
  }
  const ms = Date.now() - started
  log(`Studio built in ${Math.round(ms / 1000)} s.`)
  return {built: true, reason, ms}
}

/** `sanity build` for the local server: always the local workspace, whatever the shell's environment says. */
export function sanityBuild(projectDirectory: string, timeoutMs = 10 * 60_000): StudioBuilder {
  return async (outputDirectory) => {
    const sanityCli = path.join(projectDirectory, 'node_modules', '.bin', process.platform === 'win32' ? 'sanity.cmd' : 'sanity')
    const env = {
      ...process.env,
      // Set and empty (not unset), so that a project id in a .env file does not apply either.
      SANITY_STUDIO_PROJECT_ID: '',
      SANITY_STUDIO_BASEPATH: '',
      DO_NOT_TRACK: '1',
      NO_UPDATE_NOTIFIER: '1',
      CI: 'true',
    }
    const exitCode = await new Promise<number | null>((resolve, reject) => {
      const child = spawn(sanityCli, ['build', outputDirectory, '--yes'], {cwd: projectDirectory, env, stdio: ['ignore', 'inherit', 'inherit']})
      const timer = setTimeout(() => {
        child.kill('SIGTERM')
        reject(new Error(`The Studio build took longer than ${Math.round(timeoutMs / 1000)} s and was stopped.`))
      }, timeoutMs)
      child.once('error', (error) => {
        clearTimeout(timer)
        reject(error)
      })
      child.once('exit', (code) => {
        clearTimeout(timer)
        resolve(code)
      })
    })
    if (exitCode !== 0) throw new Error(`The Studio build failed (sanity build exited with ${exitCode}); see its output above.`)
    await serveInterLocally(outputDirectory, LOCAL_STUDIO_BASE_PATH)
  }
}
