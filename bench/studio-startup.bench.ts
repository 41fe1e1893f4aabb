import {mkdtemp, rm} from 'node:fs/promises'
import {tmpdir} from 'node:os'
import path from 'node:path'
import {fileURLToPath} from 'node:url'
import type {Browser} from 'playwright-core'
import {readServerConfig} from '../lake/config'
import {startServer} from '../lake/server'
import {createPreviewSite} from '../preview/site'
import {createStudioRoutes} from '../lake/studio/studioRoutes'
import {withStudio} from '../lake/studio/withStudio'
import {ensureStudioBuilt, sanityBuild} from '../lake/studio/studioBuild'
import {LOCAL_PROJECT_ID} from '../schemas/studio/local/localSession'
import {LOCAL_STUDIO_BASE_PATH} from '../schemas/studio/local/studioBuildOptions'
import {launchChromium} from '../scripts/chromium'
import {median} from './support/statistics'

/**
 * How long an editor waits for the local Studio:
 * - cold: building the Studio (what the first start after a fresh clone or a
 *   schema change costs), with `--cold`;
 * - warm: from opening /studio in a fresh browser profile to the structure on
 *   screen, against the trivial preview index page as the baseline.
 * Medians of `--runs` loads (default 5).
 */
const projectDirectory = fileURLToPath(new URL('../', import.meta.url))
const datasetPath = path.join(projectDirectory, 'dataset', 'production.ndjson')
const runs = Number(process.argv[process.argv.indexOf('--runs') + 1]) || 5
const cold = process.argv.includes('--cold')

async function timeToVisible(browser: Browser, url: string, text: string): Promise<number> {
  const context = await browser.newContext()
  try {
    const page = await context.newPage()
    const started = performance.now()
    await page.goto(url)
    await page.getByText(text, {exact: true}).first().waitFor({timeout: 120_000})
    return performance.now() - started
  } finally {
    await context.close()
  }
}

async function main(): Promise<void> {
  let buildDirectory = path.join(projectDirectory, 'dist-studio')
  let scratch: string | undefined
  if (cold) {
    scratch = await mkdtemp(path.join(tmpdir(), 'studio-bench-'))
    buildDirectory = path.join(scratch, 'dist-studio')
    const started = performance.now()
    await sanityBuild(projectDirectory)(buildDirectory)
    console.log(`Studio build (cold): ${((performance.now() - started) / 1000).toFixed(1)} s`)
  } else {
    await ensureStudioBuilt({projectDirectory, outputDirectory: buildDirectory})
  }

  const config = readServerConfig(['--dataset', datasetPath, '--port', '0'], {})
  const studio = createStudioRoutes({
    directory: buildDirectory,
    basePath: LOCAL_STUDIO_BASE_PATH,
    projectId: LOCAL_PROJECT_ID,
    datasetName: config.datasetName,
    sessionToken: () => null,
  })
  const server = await startServer(config, {pages: (store) => withStudio(createPreviewSite({store}), studio)})
  const browser = await launchChromium()
  try {
    const baseline: number[] = []
    const structure: number[] = []
    for (let run = 0; run < runs; run += 1) {
      baseline.push(await timeToVisible(browser, `${server.url}/`, 'Aandoeningen'))
      structure.push(await timeToVisible(browser, `${server.url}/studio/`, 'Controle nodig'))
    }
    console.log(`Runs: ${runs}, fresh browser profile each`)
    console.log(`| page | median (ms) | min (ms) | max (ms) |`)
    console.log(`|---|---:|---:|---:|`)
    for (const [name, values] of [
      ['baseline: preview index', baseline],
      ['Studio at /studio to structure on screen (warm)', structure],
    ] as const) {
      console.log(`| ${name} | ${median(values).toFixed(0)} | ${Math.min(...values).toFixed(0)} | ${Math.max(...values).toFixed(0)} |`)
    }
  } finally {
    await browser.close()
    await server.close()
    if (scratch) await rm(scratch, {recursive: true, force: true})
  }
}

main().catch((error: unknown) => {
  console.error(error)
  process.exit(1)
})
