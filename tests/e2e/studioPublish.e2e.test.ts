import {readFile} from 'node:fs/promises'
import {describe, expect, it} from 'vitest'
import {offlineContext, screenshotSteps, unexpectedExternal} from './support/browser'
import {useEditableStudio} from './support/studioServer'
import {openStudioDocument, publishButton, summaryField, waitUntil} from './support/studioDocument'

const session = useEditableStudio()

const TOO_LONG = `${'Een verzakking is een zakken van organen in het bekken en dat is vervelend. '.repeat(3)}Einde.`
const LONG_SENTENCE =
  'Een verzakking ontstaat als het weefsel dat de organen in het bekken op hun plaats houdt zwakker wordt en de blaas of de baarmoeder of de darm daardoor wat naar beneden zakt in de schede.'
const CORRECTED = 'Bij een verzakking zakken de blaas, de baarmoeder of de darm naar beneden. Het weefsel dat ze steunt is zwakker geworden.'

async function previewPage(url: string): Promise<string> {
  const response = await fetch(`${url}/aandoeningen/verzakking`)
  return response.text()
}

describe('the Studio at /studio: an editor edits and publishes', () => {
  it('blocks a summary over 200 characters, warns about a long sentence, and publishes the corrected text to the preview and the dataset file', async () => {
    expect(TOO_LONG.length).toBeGreaterThan(200)
    const {context, external, pageErrors} = await offlineContext(session.browser, session.studio.server.url, {signInPath: session.studio.signInPath()})
    const page = await context.newPage()
    const step = screenshotSteps('studio-publish')

    await openStudioDocument(page, session.studio.server.url, 'condition-verzakking', 'condition')
    await step(page, 'opened')

    const summary = summaryField(page)
    await summary.input.fill(TOO_LONG)
    await summary.errorIcon.waitFor({timeout: 30_000})
    await summary.errorIcon.hover()
    await page.getByText('De samenvatting mag hoogstens 200 tekens lang zijn.').first().waitFor({timeout: 10_000})
    await waitUntil(() => publishButton(page).isDisabled(), 'Publiceren is disabled while the summary is too long')
    await step(page, 'too-long-blocked')

    await summary.input.fill(LONG_SENTENCE)
    await summary.warningIcon.waitFor({timeout: 30_000})
    await expect(summary.errorIcon.count()).resolves.toBe(0)
    await summary.warningIcon.hover()
    await page
      .getByText(/Zin van meer dan 25 woorden/)
      .first()
      .waitFor({timeout: 10_000})
    await step(page, 'long-sentence-warning')

    await summary.input.fill(CORRECTED)
    await waitUntil(async () => (await summary.errorIcon.count()) === 0 && (await summary.warningIcon.count()) === 0, 'the corrected summary has no validation issues')
    await waitUntil(async () => !(await publishButton(page).isDisabled()), 'Publiceren is enabled for the corrected summary')
    await step(page, 'corrected')
    await publishButton(page).click()
    // Published: the draft is gone, so there is nothing left to publish.
    await waitUntil(() => publishButton(page).isDisabled(), 'the document is published', 30_000)
    // The form follows the published document: the seeded one it replaced had no revision of its own in the file.
    await waitUntil(async () => (await summary.input.inputValue()) === CORRECTED, 'the form shows the published summary', 30_000)
    await step(page, 'published')

    // The preview site shows it without a restart.
    await waitUntil(async () => (await previewPage(session.studio.server.url)).includes(CORRECTED), 'the preview page shows the new summary')
    // By then every event of the publish has reached the Studio too: the form has not gone back to an older text.
    await expect(summary.input.inputValue()).resolves.toBe(CORRECTED)
    await page.goto(`${session.studio.server.url}/aandoeningen/verzakking`)
    await step(page, 'preview')

    expect(pageErrors).toEqual([])
    expect(unexpectedExternal(external)).toEqual([])
    await context.close()

    // Written to the dataset file, and served from it after a restart.
    await session.studio.restart()
    const lines = (await readFile(session.studio.datasetPath, 'utf8')).split('\n').filter((line) => line.includes('"_id":"condition-verzakking"'))
    expect(lines).toHaveLength(1)
    expect(JSON.parse(lines[0] ?? '{}')).toMatchObject({summary: CORRECTED})
    expect(await previewPage(session.studio.server.url)).toContain(CORRECTED)
  })
})
