import {copyFile, mkdtemp, rm} from 'node:fs/promises'
import {tmpdir} from 'node:os'
import path from 'node:path'
import {createClient} from '@sanity/client'
import {chromium, type Page} from 'playwright-core'
import {ensureStudioBuilt} from '../lake/studio/studioBuild'
import {projectDirectory, startServerProcess, type ServerProcess} from './support/serverProcess'
import {median} from './support/statistics'

/**
 * How long an editor waits, after reloading the Studio, to see the draft
 * they saved: `npm start`'s server (the editable local Lake and the built
 * Studio) in its own process on a copy of the seeded dataset, a document with
 * a saved draft open in Chromium, reloaded `--runs` times (default 10), each
 * timed from the reload to the draft's summary in the form. The baseline,
 * in turn with it, is the same for a document without a draft, to its
 * published summary.
 */
const runs = Number(process.argv[process.argv.indexOf('--runs') + 1]) || 10
const TOKEN = 'draft-reload-bench-token-0123456789'
const DRAFTED = 'condition-verzakking'
const UNDRAFTED = 'condition-vaginisme'
const DRAFT_SUMMARY = 'Concept voor de meting: deze samenvatting staat alleen in de draft.'

/** Resolves once the form's summary shows `text` (checked on every animation frame in the page). */
async function summaryShows(page: Page, text: string): Promise<void> {
  await page.waitForFunction(
    (expected) => Array.from(document.querySelectorAll<HTMLTextAreaElement>('[data-testid="field-summary"] textarea')).some((area) => area.value === expected),
    text,
    {timeout: 120_000},
  )
}

/** Opens the document (not timed), then times one reload until `text` is in the form. */
async function reloadTime(page: Page, server: ServerProcess, id: string, text: string): Promise<number> {
  await page.goto(`${server.url}/studio/intent/edit/id=${id};type=condition/`)
  await summaryShows(page, text)
  const started = performance.now()
  await page.reload()
  await summaryShows(page, text)
  return performance.now() - started
}

async function stopServer(server: ServerProcess): Promise<void> {
  if (server.child.exitCode !== null) return
  const exited = new Promise((resolve) => server.child.once('exit', resolve))
  server.child.kill('SIGINT')
  await exited
}

async function main(): Promise<void> {
  await ensureStudioBuilt({projectDirectory, outputDirectory: path.join(projectDirectory, 'dist-studio')})
  const scratch = await mkdtemp(path.join(tmpdir(), 'draft-reload-bench-'))
  const datasetPath = path.join(scratch, 'production.ndjson')
  await copyFile(path.join(projectDirectory, 'dataset', 'production.ndjson'), datasetPath)
  const server = await startServerProcess(datasetPath, {LOCAL_WRITE_TOKEN: TOKEN})
  const browser = await chromium.launch({executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium', args: ['--headless', '--no-sandbox', '--disable-gpu']})
  try {
    const client = createClient({projectId: 'local', dataset: 'production', apiHost: server.url, useProjectHostname: false, useCdn: false, apiVersion: '2025-02-19', token: TOKEN})
    const [drafted, undrafted] = await client.getDocuments([DRAFTED, UNDRAFTED])
    const publishedSummary: unknown = undrafted?.summary
    if (!drafted || typeof publishedSummary !== 'string') throw new Error(`${DRAFTED} and ${UNDRAFTED} (with a summary) must be in the dataset`)
    const {_rev: _revision, _createdAt: _created, _updatedAt: _updated, ...content} = drafted
    await client.createOrReplace({...content, _id: `drafts.${DRAFTED}`, summary: DRAFT_SUMMARY})

    const context = await browser.newContext({locale: 'nl-NL', viewport: {width: 1280, height: 860}})
    const page = await context.newPage()
    // Turn about, so that both see the same caches and the same load on the machine.
    const draft: number[] = []
    const baseline: number[] = []
    for (let run = 0; run < runs; run += 1) {
      draft.push(await reloadTime(page, server, DRAFTED, DRAFT_SUMMARY))
      baseline.push(await reloadTime(page, server, UNDRAFTED, publishedSummary))
    }
    await context.close()

    console.log(`Reloads: ${runs} each, one browser profile (the Studio's code cached after the first load)`)
    console.log('| reload → on screen | median (ms) | min (ms) | max (ms) |')
    console.log('|---|---:|---:|---:|')
    for (const [what, times] of [
      ['baseline: a document without a draft → its published summary', baseline],
      ['a document with a saved draft → the draft summary', draft],
    ] as const) {
      console.log(`| ${what} | ${median(times).toFixed(0)} | ${Math.min(...times).toFixed(0)} | ${Math.max(...times).toFixed(0)} |`)
    }
  } finally {
    await browser.close()
    await stopServer(server)
    await rm(scratch, {recursive: true, force: true})
  }
}

main().catch((error: unknown) => {
  console.error(error)
  process.exit(1)
})
