import type {Page} from 'playwright-core'
import {describe, expect, it} from 'vitest'
import {offlineContext, screenshotSteps, unexpectedExternal, type OfflineContext} from './support/browser'
import {LOCAL_WRITE_TOKEN, useEditableStudio} from './support/studioServer'
import {openStudioDocument, summaryField, waitUntil} from './support/studioDocument'

const FIRST_EDITORS_SUMMARY = 'Bij een verzakking zakt een orgaan in het bekken naar beneden.'
const SECOND_EDITORS_TITLE = 'Verzakking van blaas, baarmoeder of darm'

const session = useEditableStudio()

function titleInput(page: Page) {
  return page.locator('[data-testid="field-title"] input').first()
}

/**
 * Where the Studio shows another editor in the form: her avatar, drawn beside
 * the field she is in. The local editor is everyone's name here, so the other
 * editor is told apart by her session, as the Studio does.
 */
async function otherEditorBesideTitle(page: Page): Promise<boolean> {
  const title = await page.locator('[data-testid="field-title"]').first().boundingBox()
  const avatars = page.locator('[data-testid="document-panel-scroller"] [aria-label="Lokale redacteur"]')
  for (const avatar of await avatars.all()) {
    const box = await avatar.boundingBox()
    if (title && box && box.y >= title.y && box.y + box.height <= title.y + title.height) return true
  }
  return false
}

async function savedDraft(): Promise<{title?: string; summary?: string} | null> {
  const url = new URL(`${session.studio.server.url}/v2025-02-19/data/query/production`)
  url.searchParams.set('query', '*[_id == "drafts.condition-verzakking"][0]{title, summary}')
  url.searchParams.set('perspective', 'raw')
  const response = await fetch(url, {headers: {authorization: `Bearer ${LOCAL_WRITE_TOKEN}`}})
  return ((await response.json()) as {result: {title?: string; summary?: string} | null}).result
}

describe('the Studio at /studio: two editors on one document', () => {
  it('shows each editor where the other one is and her change as it is made, and keeps both', async () => {
    const editors: OfflineContext[] = [
      await offlineContext(session.browser, session.studio.server.url, {signInPath: session.studio.signInPath()}),
      await offlineContext(session.browser, session.studio.server.url, {signInPath: session.studio.signInPath()}),
    ]
    const [first, second] = await Promise.all(editors.map((editor) => editor.context.newPage()))
    if (!first || !second) throw new Error('two pages expected')
    const stepFirst = screenshotSteps('studio-two-editors-first')
    const stepSecond = screenshotSteps('studio-two-editors-second')

    await openStudioDocument(first, session.studio.server.url, 'condition-verzakking', 'condition')
    await openStudioDocument(second, session.studio.server.url, 'condition-verzakking', 'condition')
    await stepFirst(first, 'opened')
    await stepSecond(second, 'opened')

    // Presence: the first editor sees where the second one is, and nobody while she is alone.
    await expect(first.locator('[data-testid="document-panel-scroller"] [aria-label="Lokale redacteur"]').count()).resolves.toBe(0)
    await titleInput(second).click()
    await waitUntil(() => otherEditorBesideTitle(first), "the first editor sees the second editor's avatar beside the title")
    await stepFirst(first, 'sees-presence')

    await summaryField(first).input.fill(FIRST_EDITORS_SUMMARY)
    await waitUntil(async () => (await summaryField(second).input.inputValue()) === FIRST_EDITORS_SUMMARY, "the second editor sees the first editor's summary")
    await stepSecond(second, 'sees-summary')

    await titleInput(second).fill(SECOND_EDITORS_TITLE)
    await waitUntil(async () => (await titleInput(first).inputValue()) === SECOND_EDITORS_TITLE, "the first editor sees the second editor's title")
    await stepFirst(first, 'sees-title')

    // No edit lost: both screens and the saved draft hold both changes.
    for (const page of [first, second]) {
      await expect(summaryField(page).input.inputValue()).resolves.toBe(FIRST_EDITORS_SUMMARY)
      await expect(titleInput(page).inputValue()).resolves.toBe(SECOND_EDITORS_TITLE)
    }
    await waitUntil(async () => {
      const draft = await savedDraft()
      return draft?.title === SECOND_EDITORS_TITLE && draft.summary === FIRST_EDITORS_SUMMARY
    }, 'the saved draft holds both edits')

    for (const editor of editors) {
      expect(editor.pageErrors).toEqual([])
      expect(unexpectedExternal(editor.external)).toEqual([])
    }
    // The second editor closes her window: the first one sees her go.
    await editors[1]?.context.close()
    await waitUntil(async () => !(await otherEditorBesideTitle(first)), "the second editor is gone from the first editor's form")
    await editors[0]?.context.close()
  })
})
