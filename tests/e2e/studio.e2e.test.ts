import {fileURLToPath} from 'node:url'
import type {Browser} from 'playwright-core'
import {afterAll, beforeAll, describe, expect, it} from 'vitest'
import type {RunningServer} from '../../lake/server'
import {launchChromium, offlineContext, reachesServer, screenshotSteps, unexpectedExternal} from './support/browser'
import {ensureStudio, startStudioServer} from './support/studioServer'

const SEEDED_DATASET = fileURLToPath(new URL('../../dataset/production.ndjson', import.meta.url))

/** The structure's top level, in the order editors see it. */
const STRUCTURE_ROOT = [
  'Aandoeningen',
  'Onderwerpen',
  'Oorzaken',
  'Risicofactoren',
  'Klachten',
  'Behandelingen',
  'Onderdelen',
  'Lichaamsdelen',
  'Bronnen',
  'Moeilijke woorden',
  'Controle nodig',
  'Codes, cijfers en uitleg ter controle',
  'Praktijk en contact',
]

let server: RunningServer
let browser: Browser

beforeAll(async () => {
  // Builds the Studio only when dist-studio/ is missing or stale (CI builds it beforehand).
  await ensureStudio()
  server = await startStudioServer(SEEDED_DATASET)
  browser = await launchChromium()
}, 15 * 60_000)

afterAll(async () => {
  await browser?.close()
  await server?.close()
})

describe('the Studio at /studio, offline', () => {
  it('opens without a login as the local editor, in Dutch, with the content structure, and needs nothing outside the machine', async () => {
    const {context, external, pageErrors} = await offlineContext(browser, server.url)
    const page = await context.newPage()
    const step = screenshotSteps('studio-structure')
    const apiRequests: string[] = []
    page.on('request', (request) => {
      if (/\/v(?:X|1|\d{4}-\d{2}-\d{2})\//.test(new URL(request.url()).pathname)) apiRequests.push(request.url())
    })

    await page.goto(`${server.url}/studio/`)
    const rootPane = page.getByTestId('structure-tool-list-pane').first()
    await rootPane.getByText('Controle nodig').waitFor({timeout: 45_000})
    await step(page, 'root')

    const items = await rootPane.locator('a').allInnerTexts()
    expect(items.map((text) => text.trim()).filter((text) => text !== '')).toEqual(STRUCTURE_ROOT)
    // Sanity's own interface is Dutch: the tool, the perspective menu and the search.
    await expect(page.getByRole('link', {name: 'Inhoud'}).count()).resolves.toBeGreaterThan(0)
    await expect(page.getByText('Concepten').count()).resolves.toBeGreaterThan(0)
    // The local editor is signed in: no login screen, and their avatar in the navigation bar.
    await expect(page.getByText('Inloggen').count()).resolves.toBe(0)
    await expect(page.locator('#user-menu [aria-label="Lokale redacteur"]').count()).resolves.toBe(1)

    // No error screen, and every API request went to this server.
    await expect(page.locator('#__sanityError').count()).resolves.toBe(0)
    expect(pageErrors).toEqual([])
    expect(apiRequests.length).toBeGreaterThan(0)
    expect(apiRequests.filter((url) => !reachesServer(url, server.url))).toEqual([])
    expect(unexpectedExternal(external)).toEqual([])
    await context.close()
  })
})
