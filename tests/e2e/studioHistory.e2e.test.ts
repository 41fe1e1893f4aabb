import {readFile} from 'node:fs/promises'
import {describe, expect, it} from 'vitest'
import {explainFailure, offlineContext, screenshotSteps, unexpectedExternal} from './support/browser'
import {useEditableStudio} from './support/studioServer'
import {openStudioDocument, publishButton, summaryField, waitUntil} from './support/studioDocument'

const session = useEditableStudio()

const EARLIER = 'Bij een verzakking zakken de blaas, de baarmoeder of de darm naar beneden.'
const LATER = 'Bij een verzakking zakt een orgaan in het bekken naar beneden.'

async function publishedSummary(datasetPath: string): Promise<unknown> {
  const line = (await readFile(datasetPath, 'utf8')).split('\n').find((candidate) => candidate.includes('"_id":"condition-verzakking"'))
  return (JSON.parse(line ?? '{}') as {summary?: unknown}).summary
}

describe('the Studio at /studio: an editor restores an earlier revision from the history', () => {
  it('shows the earlier text of a published document in the history, restores it, and publishes it again', async () => {
    const {context, external, pageErrors} = await offlineContext(session.browser, session.studio.server.url, {signInPath: session.studio.signInPath()})
    const page = await context.newPage()
    const step = screenshotSteps('studio-history')
    explainFailure(page, step)

    await openStudioDocument(page, session.studio.server.url, 'condition-verzakking', 'condition')
    const summary = summaryField(page)
    for (const text of [EARLIER, LATER]) {
      await summary.input.fill(text)
      await waitUntil(async () => !(await publishButton(page).isDisabled()), `Publiceren is enabled for "${text}"`, 30_000)
      await publishButton(page).click()
      await waitUntil(() => publishButton(page).isDisabled(), `"${text}" is published`, 30_000)
      await waitUntil(async () => (await publishedSummary(session.studio.datasetPath)) === text || (await summary.input.inputValue()) === text, `the form shows "${text}"`, 30_000)
    }
    await step(page, 'published-twice')

    // The history panel, from the document's menu: the revisions come from the local Lake's history.
    await page.getByTestId('pane-context-menu-button').first().click()
    await page.getByRole('menuitem', {name: 'Wijzigingen beoordelen'}).first().click()
    await page.getByRole('tab', {name: 'Historie'}).first().click()
    const published = page.getByTestId('timeline-item-button').filter({hasText: 'Gepubliceerd'})
    await waitUntil(async () => (await published.count()) >= 2, 'the history lists both publishes', 30_000)
    await step(page, 'history')

    // The earlier publish: the form shows its text.
    await published.nth(1).click()
    await waitUntil(async () => (await summary.input.inputValue()) === EARLIER, 'the form shows the earlier revision', 30_000)
    await step(page, 'earlier-revision')

    await page.getByRole('button', {name: 'Herstellen', exact: true}).first().click()
    await page.getByText('Weet u zeker dat u dit document wilt herstellen?').waitFor({timeout: 10_000})
    await page
      .getByRole('button', {name: /^(Bevestigen|Herstellen|Doorgaan|Ja)$/})
      .last()
      .click()
    await waitUntil(async () => !(await publishButton(page).isDisabled()), 'the restored draft can be published', 30_000)
    await waitUntil(async () => (await summary.input.inputValue()) === EARLIER, 'the draft holds the restored text', 30_000)
    await step(page, 'restored')
    await publishButton(page).click()
    await waitUntil(async () => (await publishedSummary(session.studio.datasetPath)) === EARLIER, 'the dataset holds the earlier text again', 30_000)
    await step(page, 'republished')

    expect(pageErrors).toEqual([])
    expect(unexpectedExternal(external)).toEqual([])
    await context.close()
  })
})
