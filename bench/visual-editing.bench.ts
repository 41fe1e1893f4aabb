import {copyFile, mkdtemp, rm} from 'node:fs/promises'
import {tmpdir} from 'node:os'
import path from 'node:path'
import {gzipSync} from 'node:zlib'
import {createClient} from '@sanity/client'
import {chromium, type Frame, type Page} from 'playwright-core'
import {ensureStudioBuilt} from '../lake/studio/studioBuild'
import {VISUAL_EDITING_SCRIPT_PATH} from '../schemas/studio/previewPaths'
import {projectDirectory, startServerProcess, type ServerProcess} from './support/serverProcess'
import {median} from './support/statistics'

/**
 * Visual editing, measured: `npm start`'s server in its own process on a copy
 * of the seeded dataset, the Studio's Presentation tool in Chromium with
 * Verzakking's page in draft mode beside the second cause's field.
 *
 * - Keystroke to frame: `--runs` single keystrokes (default 20), each after a
 *   pause of 1.5 s (an editor correcting a word), timed from the key press
 *   until the frame shows the new text, and a burst of typing, timed from its
 *   last key.
 * - Page weight and render time of the page in draft mode against the public
 *   page: bytes as the server sends them (HTML, stylesheet, overlay script),
 *   and the time of a request that renders (after a change elsewhere in the
 *   dataset, so that no cached page answers).
 */
const runs = Number(process.argv[process.argv.indexOf('--runs') + 1]) || 20
const TOKEN = 'visual-editing-bench-token-0123456789'
const PAGE = '/aandoeningen/verzakking'
const PAUSE_MS = 1500

async function stopServer(server: ServerProcess): Promise<void> {
  if (server.child.exitCode !== null) return
  const exited = new Promise((resolve) => server.child.once('exit', resolve))
  server.child.kill('SIGINT')
  await exited
}

async function draftFrame(page: Page): Promise<Frame> {
  for (let attempt = 0; attempt < 600; attempt++) {
    for (const frame of page.frames().filter((candidate) => candidate.url().startsWith('http') && new URL(candidate.url()).pathname === PAGE)) {
      if ((await frame.locator('.draft-banner').count()) > 0) return frame
    }
    await page.waitForTimeout(100)
  }
  await page.screenshot({path: '/tmp/present20-bench.png'})
  throw new Error('The frame never showed the page in draft mode.')
}

/** Resolves once the second cause on the page reads `text` (checked on every animation frame in the frame). */
async function causeShows(frame: Frame, text: string): Promise<void> {
  await frame.waitForFunction((expected) => document.querySelectorAll('ul.causes > li')[1]?.textContent === expected, text, {timeout: 30_000, polling: 'raf'})
}

const summary = (times: readonly number[]) => `${median(times).toFixed(0)} | ${Math.min(...times).toFixed(0)} | ${Math.max(...times).toFixed(0)}`

async function main(): Promise<void> {
  await ensureStudioBuilt({projectDirectory, outputDirectory: path.join(projectDirectory, 'dist-studio')})
  const scratch = await mkdtemp(path.join(tmpdir(), 'visual-editing-bench-'))
  const datasetPath = path.join(scratch, 'production.ndjson')
  await copyFile(path.join(projectDirectory, 'dataset', 'production.ndjson'), datasetPath)
  const server = await startServerProcess(datasetPath, {LOCAL_WRITE_TOKEN: TOKEN})
  const browser = await chromium.launch({executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium', args: ['--headless', '--no-sandbox', '--disable-gpu']})
  try {
    if (!server.signInUrl) throw new Error('The server printed no Studio sign-in link.')
    const context = await browser.newContext({locale: 'nl-NL', viewport: {width: 1280, height: 860}})
    await context.request.get(server.signInUrl, {maxRedirects: 0})
    const page = await context.newPage()
    await page.goto(`${server.url}/studio/presentation?preview=${encodeURIComponent(PAGE)}`)
    const frame = await draftFrame(page)
    const second = frame.locator('ul.causes > li').nth(1)
    await second.hover()
    await second.click({force: true})
    const field = page.locator('[data-testid="field-description"] textarea').first()
    await field.waitFor({timeout: 60_000})
    await field.press('Control+End')
    let shown = (await second.textContent()) ?? ''

    const keystrokes: number[] = []
    for (let run = 0; run < runs; run++) {
      await page.waitForTimeout(PAUSE_MS)
      const letter = String.fromCharCode(97 + (run % 26))
      const pressed = performance.now()
      await page.keyboard.press(letter)
      shown += letter
      await causeShows(frame, shown)
      keystrokes.push(performance.now() - pressed)
    }
    const bursts: number[] = []
    for (let run = 0; run < 5; run++) {
      await page.waitForTimeout(PAUSE_MS)
      const word = ' woord'
      await page.keyboard.type(word, {delay: 60})
      const lastKey = performance.now()
      shown += word
      await causeShows(frame, shown)
      bursts.push(performance.now() - lastKey)
    }

    // Page weight and render time, with the browser's draft-mode session and without.
    const cookie = (await context.cookies(server.url)).map(({name, value}) => `${name}=${value}`).join('; ')
    const client = createClient({projectId: 'local', dataset: 'production', apiHost: server.url, useProjectHostname: false, useCdn: false, apiVersion: '2025-02-19', token: TOKEN})
    const fetchBytes = async (pathname: string, headers: Record<string, string> = {}) => Buffer.from(await (await fetch(`${server.url}${pathname}`, {headers})).arrayBuffer())
    const publicHtml = await fetchBytes(PAGE)
    const draftHtml = await fetchBytes(PAGE, {cookie})
    const css = await fetchBytes('/styles.css')
    const script = await fetchBytes(VISUAL_EDITING_SCRIPT_PATH, {cookie})
    const gzip = (bytes: Buffer) => gzipSync(bytes, {level: 9}).byteLength
    const renders = {public: [] as number[], draft: [] as number[]}
    for (let run = 0; run < runs; run++) {
      for (const mode of run % 2 === 0 ? (['public', 'draft'] as const) : (['draft', 'public'] as const)) {
        // A change elsewhere makes a new dataset version: the next request renders.
        await client.createOrReplace({_id: 'drafts.bench-noise', _type: 'benchNoise', run, mode})
        const started = performance.now()
        await fetchBytes(PAGE, mode === 'draft' ? {cookie} : {})
        renders[mode].push(performance.now() - started)
      }
    }
    await context.close()

    console.log(`Keystroke to frame: ${runs} single keystrokes after a pause of ${PAUSE_MS} ms; 5 bursts (" woord", 60 ms a key) from the last key`)
    console.log('| keystroke → text in the frame | median (ms) | min (ms) | max (ms) |')
    console.log('|---|---:|---:|---:|')
    console.log(`| one key after a pause | ${summary(keystrokes)} |`)
    console.log(`| last key of a burst | ${summary(bursts)} |`)
    console.log('')
    console.log(`| ${PAGE} | HTML bytes | + CSS | + overlay script | total | total gzipped | render request, median of ${runs} (ms) |`)
    console.log('|---|---:|---:|---:|---:|---:|---:|')
    console.log(
      `| public | ${publicHtml.byteLength} | ${css.byteLength} | 0 | ${publicHtml.byteLength + css.byteLength} | ${gzip(publicHtml) + gzip(css)} | ${median(renders.public).toFixed(0)} |`,
    )
    console.log(
      `| draft mode | ${draftHtml.byteLength} | ${css.byteLength} | ${script.byteLength} | ${draftHtml.byteLength + css.byteLength + script.byteLength} | ${gzip(draftHtml) + gzip(css) + gzip(script)} | ${median(renders.draft).toFixed(0)} |`,
    )
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
