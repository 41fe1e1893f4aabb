import {mkdir} from 'node:fs/promises'
import {fileURLToPath} from 'node:url'
import type {Browser, BrowserContext, Page, Request} from 'playwright-core'
import {onTestFailed} from 'vitest'

export {launchChromium} from '../../../scripts/chromium'

export const RESULTS_DIRECTORY = fileURLToPath(new URL('../../../test-results/', import.meta.url))

export interface OfflineContext {
  context: BrowserContext
  /**
   * Every request the page made to anything but the loopback server, in
   * order. None of them got through: the page's own policy or the test refused
   * each one, so whatever the page showed, it showed without them.
   */
  external: string[]
  /** Uncaught errors in the page. */
  pageErrors: string[]
}

/**
 * Whether `url` goes to the server at `origin`: its own origin, or the same
 * port under a name below `.localhost`, which the browser resolves to this
 * machine itself (the local Studio gives each live connection such a name).
 */
export function reachesServer(url: string, origin: string): boolean {
  const target = new URL(url)
  const server = new URL(origin)
  if (target.origin === server.origin) return true
  return target.protocol === server.protocol && target.port === server.port && target.hostname.endsWith('.localhost')
}

function isLocal(url: string, origin: string): boolean {
  return url.startsWith('data:') || url.startsWith('blob:') || reachesServer(url, origin)
}

/**
 * A browser context that may talk to the loopback server only. With
 * `signInPath` (from the server's Studio routes), the context first opens
 * that one-time sign-in link, as an editor does once per browser, so that
 * the Studio's session hands it the write token.
 */
export async function offlineContext(browser: Browser, serverUrl: string, options: {signInPath?: string | null} = {}): Promise<OfflineContext> {
  const context = await browser.newContext({locale: 'nl-NL', viewport: {width: 1280, height: 860}})
  if (options.signInPath) {
    // The context's own request API shares its cookies: the cookie the link sets is the browser's from now on.
    const signedIn = await context.request.get(new URL(options.signInPath, serverUrl).href, {maxRedirects: 0})
    if (signedIn.status() !== 303) throw new Error(`Signing in to the local Studio answered ${signedIn.status()}: ${await signedIn.text()}`)
  }
  const origin = new URL(serverUrl).origin
  const external: string[] = []
  const pageErrors: string[] = []
  await context.route('**/*', async (route) => {
    if (isLocal(route.request().url(), origin)) await route.continue()
    else await route.abort('blockedbyclient')
  })
  context.on('request', (request) => {
    if (!isLocal(request.url(), origin)) external.push(`${request.method()} ${request.url()}`)
  })
  context.on('weberror', (error) => pageErrors.push(error.error().message))
  // The page's own policy refuses some requests before they reach the network, and so before the route above: count those too.
  await context.exposeBinding('reportRefusedByPolicy', (_source, directive: unknown, blocked: unknown) => {
    const url = String(blocked)
    if (!/^https?:/u.test(url) || isLocal(url, origin)) return
    external.push(`${String(directive)} ${url}`)
  })
  await context.addInitScript(() => {
    document.addEventListener('securitypolicyviolation', (event) => {
      // Defined by exposeBinding above, in every page of this context.
      ;(window as unknown as {reportRefusedByPolicy: (directive: string, blocked: string) => void}).reportRefusedByPolicy(event.effectiveDirective, event.blockedURI)
    })
  })
  context.on('page', (page) => {
    page.on('websocket', (socket) => {
      if (new URL(socket.url()).host !== new URL(serverUrl).host) external.push(`WebSocket ${socket.url()}`)
    })
  })
  return {context, external, pageErrors}
}

/**
 * The requests outside the machine that a test did not expect: all of them.
 * The local Studio serves its own font and asks the local Lake for version
 * news and the feedback probe (docs/local-lake.md, "What the local Studio
 * asks for"), so anything here means the Studio depends on the network.
 */
export function unexpectedExternal(external: readonly string[]): string[] {
  return [...external]
}

/** Numbered screenshots of a test's steps, in test-results/. */
export function screenshotSteps(prefix: string): (page: Page, step: string) => Promise<void> {
  let count = 0
  return async (page, step) => {
    count += 1
    await mkdir(RESULTS_DIRECTORY, {recursive: true})
    await page.screenshot({path: `${RESULTS_DIRECTORY}${prefix}-${String(count).padStart(2, '0')}-${step}.png`})
  }
}

/**
 * If the running test fails: a screenshot of the page as it was then, the
 * page's requests that were still unanswered (live connections aside), and
 * the alerts it showed. A Studio left waiting on the server shows which
 * request it waits for; one that could not save says so in a toast.
 */
export function explainFailure(page: Page, step: (page: Page, step: string) => Promise<void>): void {
  const open = new Map<Request, number>()
  page.on('request', (request) => open.set(request, Date.now()))
  page.on('requestfinished', (request) => open.delete(request))
  page.on('requestfailed', (request) => open.delete(request))
  onTestFailed(async () => {
    const now = Date.now()
    const waiting = [...open]
      .filter(([request]) => !new URL(request.url()).pathname.includes('/data/listen/'))
      .map(([request, since]) => `${now - since} ms ${request.method()} ${request.url()}`)
    if (waiting.length > 0) console.error(`Requests still unanswered when the test failed:\n${waiting.join('\n')}`)
    // A refused save or a lost connection shows as a toast; it says more than a locator's timeout.
    const alerts = await page
      .locator('[role="alert"], [role="status"]')
      .allInnerTexts()
      .catch(() => [])
    const shown = alerts.map((text) => text.trim()).filter((text) => text !== '')
    if (shown.length > 0) console.error(`Alerts on the page when the test failed:\n${shown.join('\n')}`)
    // The test has failed already; a page too broken for a screenshot must not hide why.
    await step(page, 'failed').catch((error: unknown) => console.error(`No screenshot of the failure: ${String(error)}`))
  })
}
