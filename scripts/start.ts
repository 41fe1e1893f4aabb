import {readFile} from 'node:fs/promises'
import path from 'node:path'
import {fileURLToPath} from 'node:url'
import {ConfigError, readServerConfig} from '../lake/config'
import {startServer} from '../lake/server'
import {createPreviewSite} from '../preview/site'
import {TOKEN_FILE_NAME, type WriteToken} from '../lake/write/accessToken'
import {listenLimitsOf, openLocalLake} from '../lake/localLake'
import {datasetStaleReason, runSeed} from './seedFreshness'
import {prepareWorkingDataset, workingDatasetFor} from './workingDataset'
import {createStudioService} from '../lake/studio/studioService'
import {withStudio} from '../lake/studio/withStudio'

/**
 * `npm start`: builds the shipped dataset from the seed when it is missing
 * or older than the seed sources, starts (or follows) the working copy that
 * the local Lake edits, then serves the API, the preview site and the Studio.
 */
const projectDirectory = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..')

async function hasSeedScript(): Promise<boolean> {
  const manifest = JSON.parse(await readFile(path.join(projectDirectory, 'package.json'), 'utf8')) as {scripts?: Record<string, string>}
  return typeof manifest.scripts?.seed === 'string'
}

async function main(): Promise<void> {
  let config = readServerConfig(process.argv.slice(2), process.env, process.cwd())
  if (!config.datasetChosen) {
    const reason = await datasetStaleReason(config.datasetPath, [path.join(projectDirectory, 'seed')])
    if (reason) {
      if (!(await hasSeedScript())) throw new Error(`${reason}, and package.json has no "seed" script to build it.`)
      console.log(`Building the dataset: ${reason}.`)
      await runSeed(projectDirectory)
    }
    if (!config.readOnly) {
      // Edits go to a git-ignored working copy: what ships changes only when a person exports or seeds.
      const working = workingDatasetFor(projectDirectory, config.datasetPath)
      prepareWorkingDataset(working, {info: console.log, warn: console.warn})
      config = {...config, datasetPath: working.path}
    }
  }
  const lake = config.readOnly
    ? undefined
    : await openLocalLake(config.datasetPath, {
        env: process.env,
        tokenPath: path.join(projectDirectory, TOKEN_FILE_NAME),
        limits: listenLimitsOf(config),
        historyRetention: {maxBytes: config.historyMaxBytes, retentionDays: config.historyRetentionDays},
      })
  if (lake) {
    for (const warning of lake.token.warnings) console.warn(`Warning: ${warning}`)
    const {replayed, tornBytes} = lake.committer.recovered
    if (replayed > 0) console.log(`Recovered ${replayed} saved transaction(s) from the journal into ${path.relative(process.cwd(), config.datasetPath) || config.datasetPath}.`)
    if (tornBytes > 0) console.log(`Dropped an incomplete journal line (${tornBytes} bytes) left by a crash; it was never acknowledged.`)
    const {skippedLines, dropped} = lake.committer.recovered.history
    if (skippedLines > 0) console.warn(`Warning: left out ${skippedLines} damaged line(s) of ${lake.committer.historyLog.path}.`)
    if (dropped > 0) console.log(`Dropped the ${dropped} oldest transaction(s) from the history (HISTORY_MAX_BYTES, HISTORY_RETENTION_DAYS).`)
  }
  // The Studio is built in the background when needed; /studio says so meanwhile.
  // Served to other machines, the Studio gets no token: whoever writes sends it in each request.
  const studio = createStudioService({projectDirectory, datasetName: config.datasetName, sessionToken: () => (config.remoteAccess ? null : (lake?.token.token ?? null))})
  studio.ready.then(
    (outcome) => {
      if (outcome.built) console.log(`  Studio ready: ${server ? `${server.url}/studio/` : '/studio/'}`)
    },
    (error: unknown) => console.error(`The Studio could not be built: ${error instanceof Error ? error.message : String(error)}`),
  )
  let server: Awaited<ReturnType<typeof startServer>> | undefined
  try {
    server = await startServer(config, {
      ...(lake ? {store: lake.store, lake} : {}),
      pages: (store) =>
        withStudio(
          createPreviewSite({
            store,
            renderTimeoutMs: config.renderTimeoutMs,
            workers: config.previewWorkers,
            // Draft mode checks the Studio's preview secret with the write token, on this server only.
            ...(lake ? {draftMode: {token: () => lake.token.token, datasetName: config.datasetName}} : {}),
          }),
          studio.routes,
        ),
    })
  } catch (error) {
    await lake?.close()
    throw error
  }
  const api = `${server.url}/v2025-02-19/data/query/${server.datasetName}`
  console.log(
    [
      `Serving ${path.relative(process.cwd(), config.datasetPath) || config.datasetPath}`,
      `  Preview site: ${server.url}/`,
      ...studioLines(server.url, studio.routes.signInPath()),
      `  Query API:    ${api}?query=*[_type=="condition"]{title}`,
      `  Documents:    ${server.url}/v2025-02-19/data/doc/${server.datasetName}/{id}`,
      ...(lake
        ? [`  Write API:    ${server.url}/v2025-02-19/data/mutate/${server.datasetName} (also /data/actions and /data/listen)`, tokenLine(lake.token)]
        : ['  Read-only:    writes are switched off (--read-only)']),
      'Press Ctrl+C to stop.',
    ].join('\n'),
  )
  const stop = () => {
    // A second Ctrl+C stops at once, whatever is still running.
    process.once('SIGINT', () => process.exit(130))
    // The lake closes after the server: every acknowledged transaction is folded into the file first.
    void server
      .close()
      .then(() => lake?.close())
      .then(() => process.exit(0))
  }
  process.once('SIGINT', stop)
  process.once('SIGTERM', stop)
}

/** The token is shown once, when it is made; after that the file (mode 600) keeps it for its owner. */
function tokenLine(token: WriteToken): string {
  if (token.source === 'environment') return '  Write token:  LOCAL_WRITE_TOKEN (send it as "Authorization: Bearer <token>")'
  if (token.source === 'generated') return `  Write token:  ${token.token}  (new; kept in ${TOKEN_FILE_NAME}, readable by you only; send it as "Authorization: Bearer <token>")`
  return `  Write token:  in ${TOKEN_FILE_NAME} (send it as "Authorization: Bearer <token>")`
}

/** Where the Studio is, and the one-time link that lets a browser edit there. */
function studioLines(serverUrl: string, signInPath: string | null): string[] {
  if (signInPath === null) return [`  Studio:       ${serverUrl}/studio/ (reads only)`]
  return [`  Studio:       ${serverUrl}/studio/`, `  Sign in:      ${serverUrl}${signInPath}  (once per browser; this link works once)`]
}

main().catch((error: unknown) => {
  console.error(error instanceof ConfigError ? `Invalid option: ${error.message}` : error instanceof Error ? error.message : error)
  process.exit(1)
})
