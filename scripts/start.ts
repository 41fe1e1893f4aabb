import {readFile} from 'node:fs/promises'
import path from 'node:path'
import {fileURLToPath} from 'node:url'
import {ConfigError, readServerConfig} from './server/config'
import {startServer} from './server/createServer'
import {createPreviewSite} from './preview/site'
import {datasetStaleReason, runSeed} from './seedFreshness'

/**
 * `npm start`: builds the dataset from the seed when it is missing or older
 * than the seed sources, then serves the query API and the preview site.
 */
const projectDirectory = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..')

async function hasSeedScript(): Promise<boolean> {
  const manifest = JSON.parse(await readFile(path.join(projectDirectory, 'package.json'), 'utf8')) as {scripts?: Record<string, string>}
  return typeof manifest.scripts?.seed === 'string'
}

async function main(): Promise<void> {
  const config = readServerConfig(process.argv.slice(2), process.env, process.cwd())
  if (!config.datasetChosen) {
    const reason = await datasetStaleReason(config.datasetPath, [path.join(projectDirectory, 'seed')])
    if (reason) {
      if (!(await hasSeedScript())) throw new Error(`${reason}, and package.json has no "seed" script to build it.`)
      console.log(`Building the dataset: ${reason}.`)
      await runSeed(projectDirectory)
    }
  }
  const server = await startServer(config, {
    pages: (store) => createPreviewSite({store, renderTimeoutMs: config.renderTimeoutMs, workers: config.previewWorkers}),
  })
  const api = `${server.url}/v2025-02-19/data/query/${server.datasetName}`
  console.log(
    [
      `Serving ${path.relative(process.cwd(), config.datasetPath) || config.datasetPath}`,
      `  Preview site: ${server.url}/`,
      `  Query API:    ${api}?query=*[_type=="condition"]{title}`,
      `  Documents:    ${server.url}/v2025-02-19/data/doc/${server.datasetName}/{id}`,
      'Press Ctrl+C to stop.',
    ].join('\n'),
  )
  const stop = () => {
    // A second Ctrl+C stops at once, whatever is still running.
    process.once('SIGINT', () => process.exit(130))
    void server.close().then(() => process.exit(0))
  }
  process.once('SIGINT', stop)
  process.once('SIGTERM', stop)
}

main().catch((error: unknown) => {
  console.error(error instanceof ConfigError ? `Invalid option: ${error.message}` : error instanceof Error ? error.message : error)
  process.exit(1)
})
