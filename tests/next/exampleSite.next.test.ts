import {execFile, spawn, type ChildProcess} from 'node:child_process'
import {createHmac, randomUUID} from 'node:crypto'
import {cpSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync} from 'node:fs'
import {createServer} from 'node:net'
import {tmpdir} from 'node:os'
import path from 'node:path'
import {promisify} from 'node:util'
import type {Browser, BrowserContext, Page} from 'playwright-core'
import {afterAll, beforeAll, describe, expect, it} from 'vitest'
import {cacheTagsForWebhook} from '../../client/cacheTags'
import {launchChromium} from '../../scripts/chromium'
import {startLocalLake, type TestLake} from '../support/localLake'

/**
 * The Next.js example (examples/next) as a frontend team runs it: the
 * package packed with `npm pack` and installed from the tarball into a copy
 * of the example, `next build`, `next start` against the local Lake, and
 * Chromium on its pages. Only loopback: the Lake, the site and the browser.
 *
 * The oracle for what the pages show is the Lake itself, asked with plain
 * GROQ through @sanity/client, not through the package.
 */

const ROOT = path.resolve(import.meta.dirname, '../..')
const EXAMPLE = path.join(ROOT, 'examples/next')
/** What the example's directory holds that a copy must not take: installs and builds. */
/** The secret the site's webhook route checks signatures with. */
const WEBHOOK_SECRET = `webhook-${randomUUID()}`
const NOT_COPIED = new Set(['node_modules', '.next', 'vendor', 'next-env.d.ts', 'tsconfig.tsbuildinfo'])

let lake: TestLake
let work: string
/** The packed package, as `npm pack` wrote it. */
let tarballPath: string
let site: ChildProcess | undefined
let siteUrl: string
let browser: Browser
const siteOutput: string[] = []

/** Runs a command without blocking this process, which serves the Lake that `next build` asks. */
async function run(command: string, args: string[], cwd: string, env: NodeJS.ProcessEnv = process.env): Promise<string> {
  const {stdout} = await promisify(execFile)(command, args, {cwd, env, encoding: 'utf8', maxBuffer: 64 * 1024 * 1024})
  return stdout
}

async function freePort(): Promise<number> {
  const server = createServer()
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  const address = server.address()
  await new Promise<void>((resolve) => server.close(() => resolve()))
  if (typeof address !== 'object' || address === null) throw new Error('no port')
  return address.port
}

/** Starts `next start` and resolves when it says it is ready. */
function startSite(env: NodeJS.ProcessEnv, port: number): Promise<ChildProcess> {
  const child = spawn(process.execPath, ['node_modules/next/dist/bin/next', 'start', '-H', '127.0.0.1', '-p', String(port)], {cwd: work, env, stdio: ['ignore', 'pipe', 'pipe']})
  return new Promise((resolve, reject) => {
    const onOutput = (chunk: Buffer) => {
      siteOutput.push(chunk.toString())
      if (/Ready in/u.test(siteOutput.join(''))) resolve(child)
    }
    child.stdout.on('data', onOutput)
    child.stderr.on('data', onOutput)
    child.once('exit', (code) => reject(new Error(`next start exited with ${code}: ${siteOutput.join('')}`)))
  })
}

const figures: [string, string][] = []

beforeAll(async () => {
  const seeded = readFileSync(path.join(ROOT, 'dataset/production.ndjson'), 'utf8')
  lake = await startLocalLake(
    seeded
      .split('\n')
      .filter((line) => line.trim() !== '')
      .map((line) => JSON.parse(line) as unknown),
  )

  // A copy of the example, so that installing a freshly packed tarball leaves the committed lockfile alone.
  work = mkdtempSync(path.join(tmpdir(), 'next-example-'))
  cpSync(EXAMPLE, work, {recursive: true, filter: (source) => !NOT_COPIED.has(path.basename(source))})
  mkdirSync(path.join(work, 'vendor'))
  const tarball = (await run('npm', ['pack', '--silent', '--pack-destination', path.join(work, 'vendor')], ROOT)).trim().split('\n').at(-1) ?? ''
  tarballPath = path.join(work, 'vendor', tarball)
  await run('npm', ['install', '--no-audit', '--no-fund', '--engine-strict', '--prefer-offline', `./vendor/${tarball}`], work)

  const port = await freePort()
  siteUrl = `http://127.0.0.1:${port}`
  const env = {
    ...process.env,
    NODE_ENV: 'production',
    NEXT_TELEMETRY_DISABLED: '1',
    SANITY_API_HOST: lake.url,
    SANITY_API_READ_TOKEN: lake.token ?? '',
    SITE_URL: siteUrl,
    SANITY_REVALIDATE_SECRET: WEBHOOK_SECRET,
  }
  const started = performance.now()
  await run(process.execPath, ['node_modules/next/dist/bin/next', 'build'], work, env)
  figures.push(['next build (Turbopack), wall', `${((performance.now() - started) / 1000).toFixed(1)} s`])
  site = await startSite(env, port)
  browser = await launchChromium()
}, 600_000)

afterAll(async () => {
  await browser?.close()
  site?.kill('SIGTERM')
  await lake?.close()
  if (work) rmSync(work, {recursive: true, force: true})
  if (figures.length > 0) console.log(`\n${figures.map(([what, value]) => `${what}: ${value}`).join('\n')}`)
})

/** A browser context that reaches the site and the Lake only; anything else is refused and recorded. */
async function siteContext(): Promise<{context: BrowserContext; external: string[]}> {
  const context = await browser.newContext({locale: 'nl-NL'})
  const external: string[] = []
  const allowed = new Set([new URL(siteUrl).origin, new URL(lake.url).origin])
  await context.route('**/*', async (route) => {
    const url = route.request().url()
    if (url.startsWith('data:') || allowed.has(new URL(url).origin)) await route.continue()
    else {
      external.push(url)
      await route.abort('blockedbyclient')
    }
  })
  return {context, external}
}

/** The condition titles in the list's order, asked of the Lake with plain GROQ. */
async function conditionTitles(): Promise<string[]> {
  return lake.client({token: null}).fetch<string[]>('*[_type == "condition"] | order(title asc).title')
}

async function cardTitles(page: Page): Promise<string[]> {
  return page.locator('.cards h2').allInnerTexts()
}

describe('the Next.js example on the local Lake', () => {
  it('shows the Dutch content: the condition list in pages, a condition page with its JSON-LD, and search', async () => {
    const {context, external} = await siteContext()
    const page = await context.newPage()
    const titles = await conditionTitles()
    expect(titles.length).toBeGreaterThan(3)

    await page.goto(siteUrl)
    expect(await page.getAttribute('html', 'lang')).toBe('nl')
    expect(await cardTitles(page)).toEqual(titles.slice(0, 3))
    await page.getByRole('link', {name: 'Volgende pagina'}).click()
    await page.waitForURL(`${siteUrl}/pagina/2`)
    expect(await cardTitles(page)).toEqual(titles.slice(3, 6))

    const verzakking = await lake.client({token: null}).fetch<{title: string; summary: string}>('*[_id == "condition-verzakking"][0]{title, summary}')
    await page.goto(`${siteUrl}/aandoeningen/verzakking`)
    await expect.poll(() => page.locator('h1').innerText()).toBe(verzakking.title)
    expect(await page.locator('.summary').innerText()).toBe(verzakking.summary)
    expect(await page.locator('.review').innerText()).toBe('Nog niet medisch gecontroleerd.')
    const jsonLd = JSON.parse((await page.locator('script[type="application/ld+json"]').textContent()) ?? '{}') as {'@type'?: string; url?: string; mainEntity?: {name?: string}}
    expect(jsonLd).toMatchObject({'@type': 'MedicalWebPage', url: `${siteUrl}/aandoeningen/verzakking`, mainEntity: {name: verzakking.title}})

    // Search matches accents either way: the stored text has "dyspareünie".
    await page.goto(`${siteUrl}/zoeken`)
    await page.getByLabel('Zoek op aandoening, klacht of behandeling').fill('dyspareunie')
    await page.getByRole('button', {name: 'Zoeken'}).click()
    await page.waitForURL(`${siteUrl}/zoeken?q=dyspareunie`)
    await expect.poll(() => cardTitles(page)).toContain('Dyspareunie')
    expect((await cardTitles(page))[0]).toBe('Dyspareunie')
    await page.getByRole('link', {name: 'Dyspareunie'}).click()
    await page.waitForURL(`${siteUrl}/aandoeningen/dyspareunie`)

    expect(external).toEqual([])
    await context.close()
  })

  it('an edit through the Lake appears on an open page without a reload', async () => {
    const {context, external} = await siteContext()
    const page = await context.newPage()
    // The page's live connection to the Lake: once it is open, the page hears of every edit after it.
    const liveConnection = page.waitForResponse((response) => response.url().startsWith(`${lake.url}/`) && response.url().includes('/data/live/events/'))
    await page.goto(`${siteUrl}/aandoeningen/verzakking`)
    expect((await liveConnection).status()).toBe(200)
    await page.evaluate(() => Object.assign(window, {loadedOnce: true}))

    const edited = `Bijgewerkt in de redactie ${randomUUID()}.`
    await lake.client().patch('condition-verzakking').set({summary: edited}).commit()
    await expect.poll(() => page.locator('.summary').innerText(), {timeout: 30_000}).toBe(edited)
    expect(await page.evaluate(() => 'loadedOnce' in window)).toBe(true)

    // The list shows the edit too, on its next visit: its cached page was revalidated by the same tags.
    await page.goto(siteUrl)
    await expect.poll(() => page.locator('.cards li', {hasText: 'Verzakking'}).innerText()).toContain(edited)
    expect(external).toEqual([])
    await context.close()
  })

  it('shows drafts only in draft mode, which needs a secret only the token reads, and keeps the token on the server', async () => {
    const published = await lake.client().getDocument('condition-verzakking')
    if (!published) throw new Error('condition-verzakking is missing')
    const draftSummary = `Concepttekst ${randomUUID()}.`
    await lake.client().createOrReplace({...published, _id: 'drafts.condition-verzakking', summary: draftSummary})

    const visitor = await siteContext()
    const visitorPage = await visitor.context.newPage()
    await visitorPage.goto(`${siteUrl}/aandoeningen/verzakking`)
    expect(await visitorPage.locator('.summary').innerText()).toBe(published.summary)

    const refused = await visitorPage.goto(`${siteUrl}/api/draft-mode/enable?sanity-preview-secret=${randomUUID()}&sanity-preview-pathname=/aandoeningen/verzakking`)
    expect(refused?.status()).toBe(401)
    await visitorPage.goto(`${siteUrl}/aandoeningen/verzakking`)
    expect(await visitorPage.locator('.summary').innerText()).toBe(published.summary)

    // The secret the Studio's Presentation tool stores before it opens a preview link (@sanity/preview-url-secret).
    const secret = randomUUID()
    await lake.client().create({_id: `drafts.${randomUUID()}`, _type: 'sanity.previewUrlSecret', secret, source: 'test', studioUrl: `${lake.url}/studio`, userId: 'test'})
    const editor = await siteContext()
    const editorPage = await editor.context.newPage()
    const fromSite: Promise<string>[] = []
    editorPage.on('response', (response) => {
      if (response.url().startsWith(siteUrl)) fromSite.push(response.text().catch(() => ''))
    })
    await editorPage.goto(`${siteUrl}/api/draft-mode/enable?sanity-preview-secret=${secret}&sanity-preview-pathname=/aandoeningen/verzakking`)
    await editorPage.waitForURL(`${siteUrl}/aandoeningen/verzakking`)
    expect(await editorPage.locator('.summary').innerText()).toBe(draftSummary)
    expect(await editorPage.getByRole('status').innerText()).toContain('Conceptweergave')

    // Nothing the site sent the editor's browser holds the token.
    const sent = await Promise.all(fromSite)
    expect(sent.length).toBeGreaterThan(0)
    expect(sent.filter((body) => body.includes(lake.token ?? ''))).toEqual([])

    // The visitor still sees the published text; the draft did not reach the shared cache.
    await visitorPage.reload()
    expect(await visitorPage.locator('.summary').innerText()).toBe(published.summary)

    await editorPage.getByRole('link', {name: 'Stoppen'}).click()
    await editorPage.waitForURL(`${siteUrl}/`)
    await editorPage.goto(`${siteUrl}/aandoeningen/verzakking`)
    expect(await editorPage.locator('.summary').innerText()).toBe(published.summary)

    expect([...visitor.external, ...editor.external]).toEqual([])
    await Promise.all([visitor.context.close(), editor.context.close()])
  })

  it("a signed Sanity webhook revalidates the package's cache tags; an unsigned or wrongly signed one is refused", async () => {
    const body = JSON.stringify({_id: 'condition-verzakking', _type: 'condition', slug: {current: 'verzakking'}})
    /** Sanity's webhook signature: HMAC-SHA256 of `<timestamp>.<body>`, base64url, in `sanity-webhook-signature`. */
    const signed = (secret: string) => {
      const timestamp = Date.now()
      return `t=${timestamp},v1=${createHmac('sha256', secret).update(`${timestamp}.${body}`).digest('base64url')}`
    }
    const post = (headers: Record<string, string>) => fetch(`${siteUrl}/api/revalidate`, {method: 'POST', headers: {'content-type': 'application/json', ...headers}, body})

    expect((await post({})).status).toBe(401)
    expect((await post({'sanity-webhook-signature': signed('another-secret')})).status).toBe(401)
    const answer = await post({'sanity-webhook-signature': signed(WEBHOOK_SECRET)})
    expect(answer.status).toBe(200)
    expect(await answer.json()).toEqual({revalidated: cacheTagsForWebhook(JSON.parse(body))})
  })

  it("resolves beside the example's next-sanity with npm's default peer handling, without legacy-peer-deps", async () => {
    // The example's dependencies without the package, in a directory without the example's .npmrc.
    const scratch = mkdtempSync(path.join(tmpdir(), 'next-peers-'))
    try {
      const {dependencies} = JSON.parse(readFileSync(path.join(EXAMPLE, 'package.json'), 'utf8')) as {dependencies: Record<string, string>}
      const {'@bekkenbodem/content': _package, ...others} = dependencies
      writeFileSync(path.join(scratch, 'package.json'), JSON.stringify({name: 'peer-check', private: true, dependencies: others}))
      // Resolution only: npm fails with ERESOLVE when a peer range of the package excludes what next-sanity brings
      // (its visual editing needs @sanity/icons 5). Nothing is installed, so no engine is checked: the Studio npm
      // adds as next-sanity's peer needs Node 22.12, which is why the example itself sets legacy-peer-deps.
      await run('npm', ['install', '--package-lock-only', '--legacy-peer-deps=false', '--no-audit', '--no-fund', '--prefer-offline', tarballPath], scratch)
      const lock = JSON.parse(readFileSync(path.join(scratch, 'package-lock.json'), 'utf8')) as {packages: Record<string, {version?: string}>}
      expect(lock.packages['node_modules/@bekkenbodem/content']?.version).toBe(JSON.parse(readFileSync(path.join(ROOT, 'package.json'), 'utf8')).version)
    } finally {
      rmSync(scratch, {recursive: true, force: true})
    }
  })

  it('measures what each route sends: HTML and JavaScript, as sent (gzip) and unpacked', async () => {
    const kb = (bytes: number) => `${(bytes / 1024).toFixed(1)} kB`
    for (const route of ['/', '/pagina/2', '/aandoeningen/verzakking', '/zoeken?q=verzakking']) {
      const {context} = await siteContext()
      const page = await context.newPage()
      // Measured once the live connection is open: by then the page has loaded all the code it runs.
      const liveConnection = page.waitForResponse((response) => response.url().includes('/data/live/events/'))
      const document = await page.goto(`${siteUrl}${route}`, {waitUntil: 'load'})
      await liveConnection
      const named = new Set([...((await document?.text()) ?? '').matchAll(/\/_next\/static\/[^"'\s]+\.js/gu)].map(([path]) => path))
      // The browser's own account of each file: bytes as sent (next start compresses) and unpacked.
      const {html, scripts} = await page.evaluate(() => {
        const [navigation] = performance.getEntriesByType('navigation') as PerformanceNavigationTiming[]
        const resources = performance.getEntriesByType('resource') as PerformanceResourceTiming[]
        return {
          html: {sent: navigation?.encodedBodySize ?? 0, unpacked: navigation?.decodedBodySize ?? 0},
          scripts: resources
            .filter((entry) => new URL(entry.name).pathname.endsWith('.js'))
            .map((entry) => ({path: new URL(entry.name).pathname, sent: entry.encodedBodySize, unpacked: entry.decodedBodySize})),
        }
      })
      const total = (files: typeof scripts) =>
        `${kb(files.reduce((sum, {sent}) => sum + sent, 0))} sent (${kb(files.reduce((sum, {unpacked}) => sum + unpacked, 0))}), ${files.length} files`
      const inHtml = scripts.filter(({path}) => named.has(path))
      expect(inHtml.length).toBeGreaterThan(0)
      figures.push([`${route}: HTML; JavaScript the HTML names; all JavaScript once live`, `${kb(html.sent)} sent (${kb(html.unpacked)}); ${total(inHtml)}; ${total(scripts)}`])
      await context.close()
    }
  })
})
