import {spawn, spawnSync, type ChildProcess} from 'node:child_process'
import {existsSync} from 'node:fs'
import {mkdtemp, rm} from 'node:fs/promises'
import {tmpdir} from 'node:os'
import path from 'node:path'
import {createClient} from '@sanity/client'
import type {Browser} from 'playwright-core'
import {launchChromium} from '../scripts/chromium'
import {projectDirectory} from './support/serverProcess'
import {median} from './support/statistics'

/**
 * What an editor waits for, measured on a fresh clone of the committed
 * project (its node_modules linked in: `npm ci` is not part of the time):
 * - cold: from `npm start` to the Studio's structure on screen, the Studio
 *   being built first because the clone has none;
 * - warm: the same after a restart, with the build in place (median of
 *   `--runs` starts, default 3), against the preview's index page on screen
 *   in the same starts as the baseline;
 * - publish: from sending the Studio's publish action to the preview page
 *   showing the new text (median of 20), against fetching the same page
 *   unchanged as the baseline.
 * `--warm-only` skips the cold start (it costs minutes).
 */
const runs = Number(process.argv[process.argv.indexOf('--runs') + 1]) || 3
const warmOnly = process.argv.includes('--warm-only')
const TOKEN = 'editor-path-bench-token-0123456789'
const PORT = Number(process.env.BENCH_PORT) || 43_337

function seconds(milliseconds: number): string {
  return `${(milliseconds / 1000).toFixed(1)} s`
}

async function freshClone(): Promise<{directory: string; remove: () => Promise<void>}> {
  const scratch = await mkdtemp(path.join(tmpdir(), 'editor-path-'))
  const directory = path.join(scratch, 'clone')
  const cloned = spawnSync('git', ['clone', '--quiet', projectDirectory, directory], {stdio: 'inherit'})
  if (cloned.status !== 0) throw new Error('git clone of the project failed')
  // Hard links: the same packages `npm ci` would install, in seconds instead of minutes.
  const linked = spawnSync('cp', ['-al', path.join(projectDirectory, 'node_modules'), path.join(directory, 'node_modules')], {stdio: 'inherit'})
  if (linked.status !== 0) throw new Error('linking node_modules into the clone failed')
  // Build caches are not part of what `npm ci` installs.
  for (const cache of ['.sanity', '.vite', '.vite-temp', '.cache']) await rm(path.join(directory, 'node_modules', cache), {recursive: true, force: true})
  return {directory, remove: () => rm(scratch, {recursive: true, force: true})}
}

/** `npm start` in the clone, as an editor runs it; its own process group so that stopping it stops the Studio build too. */
function npmStart(directory: string): ChildProcess {
  return spawn('npm', ['start', '--', '--port', String(PORT)], {
    cwd: directory,
    env: {...process.env, LOCAL_WRITE_TOKEN: TOKEN},
    stdio: ['ignore', 'pipe', 'pipe'],
    detached: true,
  })
}

async function stop(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.pid === undefined) return
  const exited = new Promise((resolve) => child.once('exit', resolve))
  process.kill(-child.pid, 'SIGINT')
  const timer = setTimeout(() => child.pid !== undefined && process.kill(-child.pid, 'SIGKILL'), 15_000)
  await exited
  clearTimeout(timer)
}

const serverUrl = `http://127.0.0.1:${PORT}`

/** Polls until the Studio is served (the build page answers 503 until then). */
async function studioServed(child: ChildProcess, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`npm start exited with code ${child.exitCode}`)
    try {
      if ((await fetch(`${serverUrl}/studio/`)).status === 200) return
    } catch {
      // Not listening yet.
    }
    await new Promise((resolve) => setTimeout(resolve, 200))
  }
  throw new Error(`The Studio was not served within ${timeoutMs / 1000} s`)
}

/** The one-time sign-in link `npm start` printed, which the Studio needs before it opens for a browser. */
function signInLink(output: string): string | undefined {
  return /Sign in:\s+(http:\/\/\S+)/u.exec(output)?.[1]
}

async function visible(browser: Browser, url: string, text: string, signIn?: string): Promise<void> {
  const context = await browser.newContext()
  try {
    if (signIn) await context.request.get(signIn, {maxRedirects: 0})
    const page = await context.newPage()
    await page.goto(url)
    await page.getByText(text, {exact: true}).first().waitFor({timeout: 120_000})
  } finally {
    await context.close()
  }
}

/** From `npm start` to `text` on screen at `pathname`, in a fresh browser profile. */
async function startToVisible(browser: Browser, directory: string, pathname: string, text: string, buildTimeoutMs: number): Promise<{milliseconds: number; child: ChildProcess}> {
  const started = performance.now()
  const child = npmStart(directory)
  let output = ''
  child.stdout?.on('data', (chunk: Buffer) => (output += chunk.toString()))
  child.stderr?.on('data', (chunk: Buffer) => (output += chunk.toString()))
  try {
    await studioServed(child, buildTimeoutMs)
    await visible(browser, `${serverUrl}${pathname}`, text, pathname.startsWith('/studio') ? signInLink(output) : undefined)
  } catch (error) {
    await stop(child)
    throw new Error(`${error instanceof Error ? error.message : String(error)}\n${output}`)
  }
  return {milliseconds: performance.now() - started, child}
}

async function publishToPreview(): Promise<{publish: number[]; baseline: number[]}> {
  const client = createClient({projectId: 'local', dataset: 'production', apiHost: serverUrl, useProjectHostname: false, useCdn: false, apiVersion: '2025-02-19', token: TOKEN})
  const published = await client.getDocument('condition-verzakking')
  if (!published) throw new Error('condition-verzakking is not in the dataset')
  const publish: number[] = []
  const baseline: number[] = []
  const page = `${serverUrl}/aandoeningen/verzakking`
  for (let run = 0; run < 20; run += 1) {
    const summary = `Meting ${run}: een samenvatting die net is gepubliceerd.`
    const {_rev: _revision, _createdAt: _created, _updatedAt: _updated, ...content} = published
    await client.createOrReplace({...content, _id: 'drafts.condition-verzakking', summary})
    const fetchStarted = performance.now()
    await (await fetch(page)).text()
    baseline.push(performance.now() - fetchStarted)

    const started = performance.now()
    await client.action({actionType: 'sanity.action.document.publish', draftId: 'drafts.condition-verzakking', publishedId: 'condition-verzakking'})
    while (!(await (await fetch(page)).text()).includes(summary)) {
      if (performance.now() - started > 10_000) throw new Error(`The preview did not show run ${run}'s summary within 10 s`)
    }
    publish.push(performance.now() - started)
  }
  return {publish, baseline}
}

async function main(): Promise<void> {
  const clone = await freshClone()
  const browser = await launchChromium()
  const rows: Array<[string, string]> = []
  try {
    if (existsSync(path.join(clone.directory, 'dist-studio'))) throw new Error('A fresh clone must not hold a Studio build')
    if (!warmOnly) {
      console.log('Cold start: npm start on the fresh clone, which builds the Studio first…')
      const cold = await startToVisible(browser, clone.directory, '/studio/', 'Controle nodig', 15 * 60_000)
      rows.push(['`npm start` on a fresh clone → Studio structure on screen (cold, with the build)', seconds(cold.milliseconds)])
      await stop(cold.child)
    } else {
      console.log('Building the Studio once (not measured)…')
      const build = await startToVisible(browser, clone.directory, '/studio/', 'Controle nodig', 15 * 60_000)
      await stop(build.child)
    }

    const warm: number[] = []
    const baseline: number[] = []
    let last: ChildProcess | undefined
    for (let run = 0; run < runs; run += 1) {
      const preview = await startToVisible(browser, clone.directory, '/', 'Aandoeningen', 60_000)
      baseline.push(preview.milliseconds)
      await stop(preview.child)
      const studio = await startToVisible(browser, clone.directory, '/studio/', 'Controle nodig', 60_000)
      warm.push(studio.milliseconds)
      if (run < runs - 1) await stop(studio.child)
      else last = studio.child
      console.log(`Warm start ${run + 1}/${runs}: preview ${seconds(preview.milliseconds)}, Studio ${seconds(studio.milliseconds)}`)
    }
    rows.push([`baseline: \`npm start\` → preview index on screen (median of ${runs})`, seconds(median(baseline))])
    rows.push([`\`npm start\` → Studio structure on screen (warm, median of ${runs})`, seconds(median(warm))])

    try {
      const {publish, baseline: fetchBaseline} = await publishToPreview()
      rows.push(['baseline: fetch the preview page, unchanged (median of 20)', `${median(fetchBaseline).toFixed(1)} ms`])
      rows.push(['publish action sent → preview page shows the new text (median of 20)', `${median(publish).toFixed(1)} ms (max ${Math.max(...publish).toFixed(1)} ms)`])
    } finally {
      if (last) await stop(last)
    }

    console.log('\n| what | time |\n|---|---:|')
    for (const [what, time] of rows) console.log(`| ${what} | ${time} |`)
  } finally {
    await browser.close()
    await clone.remove()
  }
}

main().catch((error: unknown) => {
  console.error(error)
  process.exit(1)
})
