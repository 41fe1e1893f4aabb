import {build} from 'esbuild'
import {fileURLToPath} from 'node:url'
import type {Browser, Page, Request} from 'playwright-core'
import {afterAll, beforeAll, describe, expect, it} from 'vitest'
import {startLocalLake, type TestLake} from '../support/localLake'
import {explainFailure, launchChromium, screenshotSteps} from './support/browser'

/**
 * The content client in Chromium against the local Lake: 20 subscriptions on
 * one page share one live connection, so the page keeps connections to spare
 * (Chromium opens at most 6 HTTP/1.1 connections per host; a connection per
 * subscription left every other request of the page waiting).
 */

const ROOT = fileURLToPath(new URL('../../', import.meta.url))
const DOCUMENT_ID = 'e2e-abonnementen'
const SUBSCRIPTIONS = 20

/** The page's own state, set up by its script. */
interface PageState {
  seen: unknown[][]
  errors: string[]
  stopAll(): void
}

let lake: TestLake
let browser: Browser
let bundle: string

beforeAll(async () => {
  const built = await build({
    stdin: {contents: `export {createContentClient} from './client/index.browser'`, resolveDir: ROOT, loader: 'ts'},
    bundle: true,
    format: 'iife',
    globalName: 'ContentBundle',
    platform: 'browser',
    target: 'es2022',
    write: false,
    logLevel: 'silent',
    define: {'process.env.NODE_ENV': '"production"'},
  })
  bundle = built.outputFiles[0]?.text ?? ''
  lake = await startLocalLake([{_id: DOCUMENT_ID, _type: 'condition', title: 'Abonnementen', slug: {_type: 'slug', current: 'abonnementen'}, summary: 'eerst'}])
  browser = await launchChromium()
})

afterAll(async () => {
  await browser?.close()
  await lake?.close()
})

/** An HTML page at the Lake's own origin (so its requests are same-origin), with the bundled client. */
async function openTestPage(page: Page): Promise<void> {
  await page.route(`${lake.url}/__test__/client.js`, (route) => route.fulfill({contentType: 'text/javascript; charset=utf-8', body: bundle}))
  await page.route(`${lake.url}/__test__`, (route) =>
    route.fulfill({contentType: 'text/html; charset=utf-8', body: '<!doctype html><html lang="nl"><title>Abonnementen</title><script src="/__test__/client.js"></script></html>'}),
  )
  await page.goto(`${lake.url}/__test__`)
}

describe('subscribe in a browser', () => {
  it('20 subscriptions on one page hear an edit over one live connection, and the page can still query', async () => {
    const page = await browser.newPage()
    // On failure: the requests the page still waited for.
    explainFailure(page, screenshotSteps('live-subscribe'))
    const requests: Request[] = []
    page.on('request', (request) => requests.push(request))
    const pathsOf = (endpoint: string) => requests.filter((request) => new URL(request.url()).pathname.includes(`/data/${endpoint}/`))
    await openTestPage(page)

    await page.evaluate(
      ({id, count}) => {
        const {createContentClient} = (window as unknown as {ContentBundle: typeof import('../../client/index.browser')}).ContentBundle
        const content = createContentClient({sanity: {projectId: 'local', dataset: 'production', apiHost: location.origin, useProjectHostname: false, useCdn: false}})
        const seen: unknown[][] = Array.from({length: count}, () => [])
        const errors: string[] = []
        const stops = seen.map((results, index) =>
          content.subscribe(
            '*[_id == $id][0]{summary, "subscription": $index}',
            {id, index},
            {next: (result) => results.push(result), error: (error) => errors.push(String(error))},
          ),
        )
        const state: PageState = {seen, errors, stopAll: () => stops.forEach((stop) => stop())}
        ;(window as unknown as {state: PageState}).state = state
      },
      {id: DOCUMENT_ID, count: SUBSCRIPTIONS},
    )
    const state = () =>
      page.evaluate(() => {
        const {seen, errors} = (window as unknown as {state: PageState}).state
        return {seen, errors}
      })

    await page.waitForFunction((count) => (window as unknown as {state: PageState}).state.seen.filter((results) => results.length === 1).length === count, SUBSCRIPTIONS)
    expect(pathsOf('live/events')).toHaveLength(1)
    expect(pathsOf('listen')).toEqual([])

    // A plain query from the page answers while the 20 are open; it gives up after 5 s rather than wait for a free connection.
    const answer = await page.evaluate(async (id) => {
      const url = `/v2025-02-19/data/query/production?query=${encodeURIComponent('*[_id == $id][0].summary')}&%24id=${encodeURIComponent(JSON.stringify(id))}`
      const response = await fetch(url, {signal: AbortSignal.timeout(5_000)})
      return ((await response.json()) as {result: unknown}).result
    }, DOCUMENT_ID)
    expect(answer).toBe('eerst')

    await lake.client().patch(DOCUMENT_ID).set({summary: 'bewerkt in Node'}).commit()
    await page.waitForFunction((count) => (window as unknown as {state: PageState}).state.seen.filter((results) => results.length === 2).length === count, SUBSCRIPTIONS)
    const {seen, errors} = await state()
    expect(errors).toEqual([])
    expect(seen).toHaveLength(SUBSCRIPTIONS)
    seen.forEach((results, index) =>
      expect(results).toEqual([
        {summary: 'eerst', subscription: index},
        {summary: 'bewerkt in Node', subscription: index},
      ]),
    )
    expect(pathsOf('live/events')).toHaveLength(1)

    // Stopping all ends the live request in the page.
    const live = pathsOf('live/events')[0]!
    const ended = new Promise<void>((resolve) => {
      page.on('requestfailed', (request) => request === live && resolve())
      page.on('requestfinished', (request) => request === live && resolve())
    })
    await page.evaluate(() => (window as unknown as {state: PageState}).state.stopAll())
    await ended
    await page.close()
  })
})
