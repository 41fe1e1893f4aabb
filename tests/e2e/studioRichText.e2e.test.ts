import type {Locator, Page} from 'playwright-core'
import {describe, expect, it} from 'vitest'
import {explainFailure, offlineContext, screenshotSteps, unexpectedExternal} from './support/browser'
import {LOCAL_WRITE_TOKEN, useEditableStudio} from './support/studioServer'
import {openStudioDocument, publishButton, summaryField, waitUntil} from './support/studioDocument'

/**
 * Bold and links as an editor makes them in the Studio: the Portable Text
 * Editor's own hotkey (Ctrl+B) for the `strong` decorator, and its own
 * paste handling, which turns a pasted https address on selected text into
 * a `link` annotation. The published text reaches the preview page as
 * <strong> and <a href>.
 */

const session = useEditableStudio()

const BOLD_WORD = 'zwakte'
const LINK_TEXT = 'de bekkenbodem'
const LINK_HREF = 'https://www.thuisarts.nl/bekkenbodem'

interface StoredBlock {
  markDefs?: Array<{_type: string; _key: string; href?: string}>
  children: Array<{text: string; marks?: string[]}>
}

/** The published Verzakking, as the editor (with the token) gets it from the doc endpoint. */
async function publishedDescription(): Promise<StoredBlock[]> {
  const response = await fetch(`${session.studio.server.url}/v2025-02-19/data/doc/production/condition-verzakking`, {headers: {authorization: `Bearer ${LOCAL_WRITE_TOKEN}`}})
  expect(response.status).toBe(200)
  return ((await response.json()) as {documents: Array<{description: StoredBlock[]}>}).documents[0]?.description ?? []
}

function descriptionEditor(page: Page): Locator {
  return page.locator('[data-testid="field-description"] [contenteditable="true"]').first()
}

/** Selects `text` inside the editor as a user's drag would: a DOM selection the editor follows. */
async function selectText(editor: Locator, text: string): Promise<void> {
  await editor.evaluate((root, wanted) => {
    const walker = document.createTreeWalker(root, NodeFilter.SHOW_TEXT)
    for (let node = walker.nextNode(); node; node = walker.nextNode()) {
      const at = node.textContent?.indexOf(wanted) ?? -1
      if (at < 0) continue
      const range = document.createRange()
      range.setStart(node, at)
      range.setEnd(node, at + wanted.length)
      const selection = window.getSelection()
      selection?.removeAllRanges()
      selection?.addRange(range)
      return
    }
    throw new Error(`"${wanted}" is not in the editor`)
  }, text)
  await waitUntil(() => editor.evaluate((_root, wanted) => window.getSelection()?.toString() === wanted, text), `"${text}" is selected`)
}

/** Pastes `text` as the clipboard's plain text, the way a browser delivers Ctrl+V to the editor. */
async function pastePlainText(editor: Locator, text: string): Promise<void> {
  await editor.evaluate((root, pasted) => {
    const data = new DataTransfer()
    data.setData('text/plain', pasted)
    root.dispatchEvent(new ClipboardEvent('paste', {clipboardData: data, bubbles: true, cancelable: true}))
  }, text)
}

describe('the Studio at /studio: bold text and links in rich text', () => {
  it('makes a selected word bold with Ctrl+B, links selected text by pasting an https address, and the preview page shows <strong> and <a>', async () => {
    const {context, external, pageErrors} = await offlineContext(session.browser, session.studio.server.url, {signInPath: session.studio.signInPath()})
    const page = await context.newPage()
    const step = screenshotSteps('studio-rich-text')
    explainFailure(page, step)
    await openStudioDocument(page, session.studio.server.url, 'condition-verzakking', 'condition')

    const editor = descriptionEditor(page)
    await editor.waitFor({timeout: 30_000})
    await editor.click()
    await selectText(editor, BOLD_WORD)
    await page.keyboard.press('Control+b')
    await editor.locator('strong', {hasText: BOLD_WORD}).waitFor({timeout: 20_000})
    await step(page, 'bold')

    await selectText(editor, LINK_TEXT)
    await pastePlainText(editor, LINK_HREF)
    await waitUntil(async () => (await editor.innerText()).includes(`weefsel (${LINK_TEXT} en/of`), 'the pasted address did not replace the selected text')
    await waitUntil(async () => (await editor.locator('[data-link], a, [class*="annotation" i]', {hasText: LINK_TEXT}).count()) > 0, 'the selected text is shown as a link')
    await step(page, 'linked')

    await waitUntil(async () => !(await publishButton(page).isDisabled()), 'Publiceren is enabled', 30_000)
    await publishButton(page).click()
    await waitUntil(() => publishButton(page).isDisabled(), 'the document is published', 30_000)

    const [, paragraph] = await publishedDescription()
    const link = paragraph?.markDefs?.find((definition) => definition._type === 'link')
    expect(link?.href).toBe(LINK_HREF)
    expect(paragraph?.children.find((child) => child.text === BOLD_WORD)?.marks).toEqual(['strong'])
    expect(paragraph?.children.find((child) => child.text === LINK_TEXT)?.marks).toEqual([link?._key])

    await waitUntil(
      async () => (await (await fetch(`${session.studio.server.url}/aandoeningen/verzakking`)).text()).includes(`<strong>${BOLD_WORD}</strong>`),
      'the preview page shows the bold word',
    )
    await page.goto(`${session.studio.server.url}/aandoeningen/verzakking`)
    await expect(page.locator('main strong', {hasText: BOLD_WORD}).count()).resolves.toBe(1)
    await expect(page.getByRole('link', {name: LINK_TEXT, exact: true}).getAttribute('href')).resolves.toBe(LINK_HREF)
    await step(page, 'preview')

    expect(pageErrors).toEqual([])
    expect(unexpectedExternal(external)).toEqual([])
    await context.close()
  }, 150_000)

  it('links a word to another condition through the toolbar, and the preview page links it to that page', async () => {
    const {context, external, pageErrors} = await offlineContext(session.browser, session.studio.server.url, {signInPath: session.studio.signInPath()})
    const page = await context.newPage()
    const step = screenshotSteps('studio-internal-link')
    explainFailure(page, step)
    await openStudioDocument(page, session.studio.server.url, 'condition-dyspareunie', 'condition')

    const editor = descriptionEditor(page)
    await editor.waitFor({timeout: 30_000})
    await editor.click()
    await selectText(editor, 'vaginisme')
    await page.locator('[data-testid="field-description"]').getByRole('button', {name: 'Link naar aandoening of behandeling'}).first().click()
    // The annotation's form opens in a popover; the document's own reference fields have the same search box.
    const form = page.getByText('Bewerk Link naar aandoening of behandeling', {exact: true}).locator('xpath=ancestor::*[.//*[text()="Pagina"]][1]')
    const search = form.getByPlaceholder('Typ om te zoeken')
    await search.pressSequentially('Vaginisme')
    // The search results open in a popover of their own: the list the search box owns. The document
    // list beside the form has an option named Vaginisme too, which is there before any result.
    const results = page.locator(`[id=${JSON.stringify(await search.getAttribute('aria-owns'))}]`)
    const option = results.getByRole('option').filter({hasText: 'Vaginisme'}).first()
    await option.waitFor({timeout: 20_000})
    await step(page, 'searched')
    await waitUntil(() => option.isVisible(), 'the search result is shown')
    await page.keyboard.press('ArrowDown')
    await page.keyboard.press('Enter')
    // Once chosen, the search box in the link's form gives way to the chosen page.
    await waitUntil(
      async () => (await form.getByPlaceholder('Typ om te zoeken').count()) === 0 && (await form.getByText('Vaginisme', {exact: true}).count()) > 0,
      'the reference is chosen',
    )
    await step(page, 'chosen')
    await page.keyboard.press('Escape')

    // Publishing validates the document first (the button says "Document valideren…" meanwhile); count() does not wait for a button that is renamed.
    await waitUntil(async () => (await publishButton(page).count()) > 0 && !(await publishButton(page).isDisabled()), 'Publiceren is enabled', 60_000)
    await publishButton(page).click()
    await step(page, 'publishing')
    await waitUntil(async () => (await publishButton(page).count()) > 0 && (await publishButton(page).isDisabled()), 'the document is published', 120_000)

    const linkInText = '<a href="/aandoeningen/vaginisme">vaginisme</a> is vaak moeilijk te maken.'
    await waitUntil(async () => (await (await fetch(`${session.studio.server.url}/aandoeningen/dyspareunie`)).text()).includes(linkInText), 'the preview page links the word')
    await page.goto(`${session.studio.server.url}/aandoeningen/dyspareunie`)
    await page.locator('main p a', {hasText: 'vaginisme'}).first().click()
    await page.waitForURL(`${session.studio.server.url}/aandoeningen/vaginisme`)
    await step(page, 'followed')

    expect(pageErrors).toEqual([])
    expect(unexpectedExternal(external)).toEqual([])
    await context.close()
  }, 150_000)

  it('counts the characters of the summary beneath it, and says how many too many', async () => {
    const {context, external, pageErrors} = await offlineContext(session.browser, session.studio.server.url, {signInPath: session.studio.signInPath()})
    const page = await context.newPage()
    const step = screenshotSteps('studio-character-count')
    explainFailure(page, step)
    await openStudioDocument(page, session.studio.server.url, 'condition-verzakking', 'condition')

    const summary = summaryField(page)
    const counter = page.locator('[data-testid="field-summary"] .character-count')
    const stored = await summary.input.inputValue()
    await expect(counter.innerText()).resolves.toBe(`${stored.length} / 200 tekens`)
    await expect(summary.input.getAttribute('aria-describedby')).resolves.toContain(await counter.getAttribute('id'))

    await summary.input.fill('a'.repeat(212))
    await waitUntil(async () => (await counter.innerText()) === '212 / 200 tekens, 12 te veel', 'the counter follows the typing')
    await expect(counter.getAttribute('aria-live')).resolves.toBe('polite')
    await step(page, 'over')
    const title = await page.locator('[data-testid="field-title"] input').first().inputValue()
    await expect(page.locator('[data-testid="field-title"] .character-count').innerText()).resolves.toBe(`${title.length} / 120 tekens`)

    expect(pageErrors).toEqual([])
    expect(unexpectedExternal(external)).toEqual([])
    await context.close()
  })
})
