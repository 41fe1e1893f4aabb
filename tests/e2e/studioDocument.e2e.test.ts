import type {Page} from 'playwright-core'
import {describe, expect, it} from 'vitest'
import {offlineContext, reachesServer, screenshotSteps, unexpectedExternal} from './support/browser'
import {useEditableStudio} from './support/studioServer'
import {pane} from './support/studioDocument'

const session = useEditableStudio()

/** The live connections (`/data/listen`) the page has open, and the most it had open at once. */
function watchLiveConnections(page: Page): {hosts: Set<string>; mostOpen: () => number} {
  const open = new Set<object>()
  const hosts = new Set<string>()
  let most = 0
  page.on('request', (request) => {
    if (!new URL(request.url()).pathname.includes('/data/listen/')) return
    open.add(request)
    hosts.add(new URL(request.url()).host)
    most = Math.max(most, open.size)
  })
  const closed = (request: object) => open.delete(request)
  page.on('requestfinished', closed)
  page.on('requestfailed', closed)
  return {hosts, mostOpen: () => most}
}

describe('the Studio at /studio, editing against the local Content Lake', () => {
  it('opens the lists and a document while the Studio keeps more live connections open than a browser allows per host', async () => {
    const {context, external, pageErrors} = await offlineContext(session.browser, session.studio.server.url, {signInPath: session.studio.signInPath()})
    const page = await context.newPage()
    const step = screenshotSteps('studio-document')
    const live = watchLiveConnections(page)
    const apiRequests: string[] = []
    page.on('request', (request) => {
      if (/\/v(?:X|1|\d{4}-\d{2}-\d{2})\//.test(new URL(request.url()).pathname)) apiRequests.push(request.url())
    })

    await page.goto(`${session.studio.server.url}/studio/`)
    // The first load of the Studio's code takes a while on a busy machine.
    await page.getByTestId('structure-tool-list-pane').getByText('Controle nodig').waitFor({timeout: 60_000})
    const root = await pane(page, 'Inhoud')

    await root.getByRole('link', {name: 'Aandoeningen', exact: true}).click()
    const groups = await pane(page, 'Aandoeningen per onderwerp')
    await groups.getByText('Verzakkingen', {exact: true}).waitFor({timeout: 30_000})
    await expect(groups.getByText('Pijn in de onderbuik, of rond de geslachtsdelen (vaginisme & dyspareunie)').count()).resolves.toBe(1)
    await step(page, 'groups')

    await groups.getByText('Verzakkingen', {exact: true}).click()
    const conditions = await pane(page, 'Aandoeningen')
    await conditions.getByText('Verzakking', {exact: true}).waitFor({timeout: 30_000})
    await step(page, 'conditions')

    await conditions.getByText('Verzakking', {exact: true}).click()
    const title = page.locator('[data-testid="field-title"] input').first()
    await title.waitFor({timeout: 30_000})
    await expect(title.inputValue()).resolves.toBe('Verzakking')
    await expect(page.getByText('Document laden').count()).resolves.toBe(0)
    // The values the editors added (not from the leaflet) are counted in a badge; the field "Toevoegingen van de redactie" names them.
    await page.getByText('7 toevoegingen van de redactie').first().waitFor({timeout: 30_000})
    await step(page, 'document')

    // The other group's list loads too, with the document still open. Its pane has folded up beside the document; a click unfolds it.
    await page.getByTestId('pane-header').getByText('Aandoeningen per onderwerp', {exact: true}).click()
    await groups.getByText('Pijn in de onderbuik, of rond de geslachtsdelen (vaginisme & dyspareunie)').click()
    const painConditions = await pane(page, 'Aandoeningen')
    for (const name of ['Dyspareunie', 'Vaginisme', 'Vulvair vestibulitis syndroom']) {
      await painConditions.getByText(name, {exact: true}).waitFor({timeout: 30_000})
    }
    await step(page, 'other-group')

    // Why this needs its own test: more live connections at once than the six a browser allows per host over HTTP/1.1.
    expect(live.mostOpen()).toBeGreaterThanOrEqual(6)
    expect(live.hosts.size).toBeGreaterThanOrEqual(live.mostOpen())

    await expect(page.locator('#__sanityError').count()).resolves.toBe(0)
    expect(pageErrors).toEqual([])
    expect(apiRequests.filter((url) => !reachesServer(url, session.studio.server.url))).toEqual([])
    expect(unexpectedExternal(external)).toEqual([])
    await context.close()
  })
})
