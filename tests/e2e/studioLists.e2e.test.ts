import type {Locator} from 'playwright-core'
import {describe, expect, it} from 'vitest'
import {explainFailure, offlineContext, screenshotSteps, unexpectedExternal} from './support/browser'
import {useEditableStudio} from './support/studioServer'
import {pane} from './support/studioDocument'

const session = useEditableStudio()

/** The seeded conditions per Onderwerp, as the leaflet groups them. */
const CONDITIONS_BY_GROUP: Record<string, string[]> = {
  Verzakkingen: ['Verzakking'],
  'Pijn in de onderbuik, of rond de geslachtsdelen (vaginisme & dyspareunie)': ['Dyspareunie', 'Vaginisme', 'Vulvair vestibulitis syndroom'],
}

/** Which of `candidates` a list pane shows as an item title, sorted. */
async function listedTitles(list: Locator, candidates: readonly string[]): Promise<string[]> {
  const shown: string[] = []
  for (const candidate of candidates) if ((await list.getByText(candidate, {exact: true}).count()) > 0) shown.push(candidate)
  return shown.sort()
}

describe('the Studio at /studio: the lists an editor starts from', () => {
  it('lists the four conditions under their groups, every seeded condition under Controle nodig, and the values awaiting a medical check', async () => {
    const {context, external, pageErrors} = await offlineContext(session.browser, session.studio.server.url, {signInPath: session.studio.signInPath()})
    const page = await context.newPage()
    const step = screenshotSteps('studio-structure-lists')
    explainFailure(page, step)
    await page.goto(`${session.studio.server.url}/studio/`)
    await (await pane(page, 'Inhoud')).getByRole('link', {name: 'Aandoeningen', exact: true}).click()
    const groups = await pane(page, 'Aandoeningen per onderwerp')
    for (const [group, conditions] of Object.entries(CONDITIONS_BY_GROUP)) {
      await groups.getByText(group, {exact: true}).click()
      const list = await pane(page, 'Aandoeningen')
      for (const condition of conditions) await list.getByText(condition, {exact: true}).waitFor({timeout: 30_000})
      await expect(listedTitles(list, Object.values(CONDITIONS_BY_GROUP).flat())).resolves.toEqual([...conditions].sort())
      await step(page, group.slice(0, 20).replace(/\W+/gu, '-'))
    }

    await (await pane(page, 'Inhoud')).getByRole('link', {name: 'Controle nodig', exact: true}).click()
    const reviewDue = await pane(page, 'Controle nodig')
    const allConditions = Object.values(CONDITIONS_BY_GROUP).flat()
    for (const condition of allConditions) await reviewDue.getByText(condition, {exact: true}).first().waitFor({timeout: 30_000})
    await step(page, 'review-due')

    // Every seeded condition has a code waiting for its medical check, and so does every glossary entry.
    await (await pane(page, 'Inhoud')).getByRole('link', {name: 'Codes, cijfers en uitleg ter controle', exact: true}).click()
    const awaiting = await pane(page, 'Codes, cijfers en uitleg ter controle')
    for (const title of ['Verzakking', 'Dyspareunie', 'obstipatie']) await awaiting.getByText(title, {exact: true}).first().waitFor({timeout: 30_000})
    await expect(awaiting.getByText('Kon lijstitems niet ophalen').count()).resolves.toBe(0)
    await step(page, 'values-awaiting-review')

    // A cause's preview names its risk factors (Overbelasting has 4 in the leaflet).
    await (await pane(page, 'Inhoud')).getByRole('link', {name: 'Oorzaken', exact: true}).click()
    const causes = await pane(page, 'Oorzaken')
    await causes.getByText('adipositas, chronisch hoesten en nog 2', {exact: true}).waitFor({timeout: 30_000})
    await step(page, 'causes')

    expect(pageErrors).toEqual([])
    expect(unexpectedExternal(external)).toEqual([])
    await context.close()
  })
})
