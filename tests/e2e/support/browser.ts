import {mkdir} from 'node:fs/promises'
import {fileURLToPath} from 'node:url'
import {chromium, type Browser, type BrowserContext, type Page} from 'playwright-core'

export const RESULTS_DIRECTORY = fileURLToPath(new URL('../../../test-results/', import.meta.url))
const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium'

export function launchChromium(): Promise<Browser> {
  return chromium.launch({
    executablePath: CHROMIUM,
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
  })
}

export interface OfflineContext {
  context: BrowserContext
  /** Every request that tried to leave the machine, in order; each was refused. */
  blocked: string[]
}

/**
 * A browser context that may talk to the loopback server only. Every other
 * request is refused and recorded, so a test can show that the page worked
 * without any of them.
 */
export async function offlineContext(browser: Browser, serverUrl: string): Promise<OfflineContext> {
  const context = await browser.newContext({locale: 'nl-NL', viewport: {width: 1280, height: 860}})
  const allowedOrigin = new URL(serverUrl).origin
  const blocked: string[] = []
  await context.route('**/*', async (route) => {
    const url = route.request().url()
    if (url.startsWith('data:') || url.startsWith('blob:') || new URL(url).origin === allowedOrigin) {
      await route.continue()
      return
    }
    blocked.push(`${route.request().method()} ${url}`)
    await route.abort('blockedbyclient')
  })
  context.on('weberror', (error) => blocked.push(`page error: ${error.error().message}`))
  context.on('page', (page) => {
    page.on('websocket', (socket) => {
      if (new URL(socket.url()).host !== new URL(serverUrl).host) blocked.push(`WebSocket ${socket.url()}`)
    })
  })
  return {context, blocked}
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
