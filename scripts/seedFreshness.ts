import {spawn} from 'node:child_process'
import {readdir, stat} from 'node:fs/promises'
import path from 'node:path'

/** The newest modification time of any file under the given directories, in ms; 0 when there are none. */
export async function newestModification(directories: readonly string[]): Promise<number> {
  let newest = 0
  for (const directory of directories) {
    let entries
    try {
      entries = await readdir(directory, {recursive: true, withFileTypes: true})
    } catch {
      continue
    }
    for (const entry of entries) {
      if (!entry.isFile()) continue
      const {mtimeMs} = await stat(path.join(entry.parentPath, entry.name))
      newest = Math.max(newest, mtimeMs)
    }
  }
  return newest
}

/** Why the dataset must be (re)built from the seed, or null when it is up to date. */
export async function datasetStaleReason(datasetPath: string, seedDirectories: readonly string[]): Promise<string | null> {
  let datasetTime: number
  try {
    datasetTime = (await stat(datasetPath)).mtimeMs
  } catch {
    return `${path.relative(process.cwd(), datasetPath)} does not exist yet`
  }
  const newestSource = await newestModification(seedDirectories)
  return newestSource > datasetTime ? `files under seed/ are newer than ${path.relative(process.cwd(), datasetPath)} (on a fresh clone, checkout order alone can cause this; the rebuilt file is identical)` : null
}

/** Runs `npm run seed` in the project directory and fails with its exit code when it fails. */
export async function runSeed(projectDirectory: string): Promise<void> {
  const npm = process.platform === 'win32' ? 'npm.cmd' : 'npm'
  const exitCode = await new Promise<number | null>((resolve, reject) => {
    const child = spawn(npm, ['run', 'seed'], {cwd: projectDirectory, stdio: 'inherit'})
    child.once('error', reject)
    child.once('exit', resolve)
  })
  if (exitCode !== 0) throw new Error(`npm run seed failed (exit code ${exitCode}); the server was not started.`)
}
