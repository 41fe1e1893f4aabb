import {spawn} from 'node:child_process'
import {existsSync} from 'node:fs'
import path from 'node:path'
import {seedRecordPathFor} from '../seed/datasetFiles'
import {findLocalEdits, readSeedRecord, seedSourcesHash} from '../seed/seedRecord'

/**
 * Why the dataset must be (re)built from the seed, or null when it is up to
 * date. Decided by content: the seed records a hash of its sources next to
 * the dataset it writes, so file times (which a fresh clone sets in checkout
 * order) play no part. A dataset that holds local edits is never rebuilt:
 * `warn` says why and how to keep or discard the edits.
 */
export async function datasetStaleReason(datasetPath: string, seedDirectories: readonly string[], warn: (message: string) => void = console.warn): Promise<string | null> {
  const shown = path.relative(process.cwd(), datasetPath) || datasetPath
  if (!existsSync(datasetPath)) return `${shown} does not exist yet`
  const record = readSeedRecord(datasetPath)
  let reason: string
  if (record === null) reason = `there is no record of the seed that built ${shown} (${path.relative(process.cwd(), seedRecordPathFor(datasetPath))})`
  else if (record.seedSources !== seedSourcesHash(seedDirectories)) reason = `the seed's sources changed since ${shown} was built`
  else return null
  const edits = findLocalEdits(datasetPath)
  if (edits !== null) {
    warn(
      [
        `${shown} would be rebuilt because ${reason}, but it holds local edits: ${edits}.`,
        'Serving it as it is. To rebuild it from the seed, first keep or discard the edits:',
        `  keep them:    npm run seed -- --target sanity --from ${shown} --replace   (moves them to the Content Lake)`,
        '  discard them: npm run seed -- --discard-edits',
      ].join('\n'),
    )
    return null
  }
  return reason
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
