import type {Page} from 'playwright-core'
import {describe, expect, it} from 'vitest'
import {explainFailure, offlineContext, screenshotSteps, unexpectedExternal, type OfflineContext} from './support/browser'
import {LOCAL_WRITE_TOKEN, useEditableStudio} from './support/studioServer'
import {openStudioDocument, publishButton, summaryField, waitUntil} from './support/studioDocument'

/**
 * The editor's path through a draft that outlives the page: the Studio loads
 * a document with `GET /data/doc/{dataset}/{id},drafts.{id}` and no
 * perspective, so what the form shows after a reload or a restart is what
 * that request answers. Before the doc endpoint gave drafts by their exact
 * id, each of these tests failed: the form showed the published text, the
 * keystrokes after a reload were never saved, a copy opened empty, and an
 * unpublished document opened empty. The tests run in order on one server:
 * the draft of the first test is the one the next two reload and publish.
 */

const session = useEditableStudio()

const ID = 'condition-verzakking'
const DRAFT_ID = `drafts.${ID}`
const DRAFT_SUMMARY = 'Bij een verzakking zakt de blaas, de baarmoeder of de darm. Dit concept is nog niet gepubliceerd.'
const ADDED_AFTER_RESTART = ' Oefeningen helpen vaak.'
const COPY_TITLE = 'Verzakking kopie'
const COPY_SLUG = 'verzakking-kopie'
const ORIGINAL_AFTER_COPY = 'Bij een verzakking zakken de blaas, de baarmoeder of de darm naar beneden.'
/** A condition no other document refers to, so that it may be unpublished. */
const UNPUBLISHED_ID = 'condition-vulvair-vestibulitis-syndroom'

interface StoredDocument {
  _id: string
  _type: string
  title?: string
  summary?: string
  slug?: {current?: string}
}

/**
 * One document as the server holds it, asked through the query API rather
 * than the doc endpoint the Studio loads documents with, so that a fault in
 * that endpoint shows in the form and not in the test's own look-ups. With
 * the token and the raw perspective: drafts included (the editor's view);
 * without a token: published documents only (a visitor's view).
 */
async function documentById(id: string, as: 'editor' | 'visitor'): Promise<StoredDocument | null> {
  const url = new URL(`${session.studio.server.url}/v2025-02-19/data/query/production`)
  url.searchParams.set('query', '*[_id == $id][0]{_id, _type, title, summary, slug}')
  url.searchParams.set('$id', JSON.stringify(id))
  if (as === 'editor') url.searchParams.set('perspective', 'raw')
  const response = await fetch(url, {headers: as === 'editor' ? {authorization: `Bearer ${LOCAL_WRITE_TOKEN}`} : {}})
  expect(response.status).toBe(200)
  return ((await response.json()) as {result: StoredDocument | null}).result
}

/** A document or draft as the editor (with the token) sees it on the server. */
function stored(id: string): Promise<StoredDocument | null> {
  return documentById(id, 'editor')
}

/** A published document as a visitor (no token) gets it from the API. */
function published(id: string): Promise<StoredDocument | null> {
  return documentById(id, 'visitor')
}

/** The ids of other conditions with this address: copies of the original, as the editor sees them. */
async function copiesOf(slug: string): Promise<string[]> {
  const url = new URL(`${session.studio.server.url}/v2025-02-19/data/query/production`)
  url.searchParams.set('query', '*[_type == "condition" && slug.current == $slug && !(_id in [$id, "drafts." + $id])]._id')
  url.searchParams.set('$slug', JSON.stringify(slug))
  url.searchParams.set('$id', JSON.stringify(ID))
  url.searchParams.set('perspective', 'raw')
  const response = await fetch(url, {headers: {authorization: `Bearer ${LOCAL_WRITE_TOKEN}`}})
  expect(response.status).toBe(200)
  return ((await response.json()) as {result: string[]}).result
}

async function editorPage(prefix: string): Promise<{editor: OfflineContext; page: Page; step: (page: Page, step: string) => Promise<void>}> {
  const editor = await offlineContext(session.browser, session.studio.server.url, {signInPath: session.studio.signInPath()})
  const page = await editor.context.newPage()
  const step = screenshotSteps(prefix)
  explainFailure(page, step)
  return {editor, page, step}
}

/** The Studio's messages that an operation failed ("Er is een fout opgetreden tijdens publish", …). */
function operationErrors(page: Page): Promise<string[]> {
  return page.getByText(/Er is een fout opgetreden/).allInnerTexts()
}

/** Nothing went wrong in the page, and it asked nothing of the internet. */
async function closeCleanly(editor: OfflineContext, page: Page): Promise<void> {
  await expect(operationErrors(page)).resolves.toEqual([])
  expect(editor.pageErrors).toEqual([])
  expect(unexpectedExternal(editor.external)).toEqual([])
  await editor.context.close()
}

/** Waits until the form's summary is `text`, and says what it showed instead. */
async function formShowsSummary(page: Page, text: string, what: string): Promise<void> {
  const input = summaryField(page).input
  await waitUntil(async () => (await input.inputValue()) === text, what, 30_000).catch(async (error: unknown) => {
    throw new Error(`${error instanceof Error ? error.message : String(error)}; the form shows ${JSON.stringify(await input.inputValue())}`)
  })
}

describe('the Studio at /studio: a saved draft after a reload or a restart', () => {
  it('shows the saved draft in the form after a reload', async () => {
    const {editor, page, step} = await editorPage('studio-draft-reload')
    await openStudioDocument(page, session.studio.server.url, ID, 'condition')
    const seeded = await published(ID)
    expect(seeded?.summary).toBeTruthy()
    expect(seeded?.summary).not.toBe(DRAFT_SUMMARY)

    await summaryField(page).input.fill(DRAFT_SUMMARY)
    await waitUntil(async () => (await stored(DRAFT_ID))?.summary === DRAFT_SUMMARY, 'the server holds the draft')
    await step(page, 'draft-saved')

    await page.reload()
    await page.locator('[data-testid="field-title"] input').first().waitFor({timeout: 60_000})
    await formShowsSummary(page, DRAFT_SUMMARY, 'the form shows the draft after the reload')
    // The published text stays what it was: a reload publishes nothing.
    await expect(published(ID)).resolves.toMatchObject({summary: seeded?.summary})
    await step(page, 'reloaded')
    await closeCleanly(editor, page)
  })

  it('shows the saved draft in the form after the server restarts', async () => {
    await session.studio.restart()
    await expect(stored(DRAFT_ID)).resolves.toMatchObject({summary: DRAFT_SUMMARY})
    const {editor, page, step} = await editorPage('studio-draft-restart')
    await openStudioDocument(page, session.studio.server.url, ID, 'condition')
    await formShowsSummary(page, DRAFT_SUMMARY, 'the form shows the draft after the restart')
    await step(page, 'restarted')
    await closeCleanly(editor, page)
  })

  it('publishes the reloaded draft, with an edit made after the reload', async () => {
    const {editor, page, step} = await editorPage('studio-draft-publish')
    await openStudioDocument(page, session.studio.server.url, ID, 'condition')
    // The editor carries on where the draft left off. (What the form shows on
    // opening is the tests above; this one follows the keystrokes to the published text.)
    const summary = summaryField(page).input
    await summary.focus()
    await summary.press('Control+End')
    await summary.pressSequentially(ADDED_AFTER_RESTART)
    const finished = DRAFT_SUMMARY + ADDED_AFTER_RESTART
    await waitUntil(async () => (await stored(DRAFT_ID))?.summary?.endsWith(ADDED_AFTER_RESTART) === true, 'the server holds the edited draft').catch(async (error: unknown) => {
      throw new Error(`${error instanceof Error ? error.message : String(error)}; the server's draft summary is ${JSON.stringify((await stored(DRAFT_ID))?.summary)}`)
    })
    await waitUntil(async () => !(await publishButton(page).isDisabled()), 'Publiceren is enabled', 30_000)
    await step(page, 'ready')

    await publishButton(page).click()
    await waitUntil(
      async () => (await published(ID))?.summary === finished || (await operationErrors(page)).length > 0,
      'the API without a token returns the published text, or the Studio reports an error',
      30_000,
    )
    await expect(operationErrors(page)).resolves.toEqual([])
    await expect(published(ID)).resolves.toMatchObject({summary: finished})
    await waitUntil(() => publishButton(page).isDisabled(), 'nothing is left to publish', 30_000)
    await expect(stored(DRAFT_ID)).resolves.toBeNull()
    await formShowsSummary(page, finished, 'the form shows the published text')
    await step(page, 'published')
    await closeCleanly(editor, page)
  })

  it('duplicates a document into a filled copy, and the original stays publishable once the copy has its own address', async () => {
    const {editor, page, step} = await editorPage('studio-draft-duplicate')
    // What the editor duplicates: the draft if there is one, else the published document.
    const original = (await stored(DRAFT_ID)) ?? (await published(ID))
    expect(original?.title).toBeTruthy()
    expect(original?.summary).toBeTruthy()
    await openStudioDocument(page, session.studio.server.url, ID, 'condition')
    await page.getByRole('button', {name: 'Documentacties openen', exact: true}).click()
    await page.getByRole('menuitem', {name: 'Dupliceren', exact: true}).click()

    // The copy is a new draft on the server, with the original's content.
    let copyId = ''
    await waitUntil(async () => {
      copyId = (await copiesOf(original?.slug?.current ?? ''))[0] ?? ''
      return copyId !== ''
    }, 'the server holds the copy')
    expect(copyId).toMatch(/^drafts\./u)
    await waitUntil(async () => page.url().includes(copyId.replace(/^drafts\./u, '')), 'the Studio opens the copy')
    // The copy opens filled: title and summary are the original's.
    const title = page.locator('[data-testid="field-title"] input').first()
    await waitUntil(async () => (await title.inputValue()) === original?.title, "the copy shows the original's title", 30_000)
    await formShowsSummary(page, original?.summary ?? '', "the copy shows the original's summary")
    // Its address is the original's, which the editor sees and changes.
    const slug = page.getByTestId('field-slug')
    await waitUntil(async () => (await slug.locator('input').first().inputValue()) === original?.slug?.current, "the copy shows the original's address", 30_000)
    await slug.getByTestId('input-validation-icon-error').waitFor({timeout: 30_000})
    await step(page, 'copy-opened')

    await title.fill(COPY_TITLE)
    await slug.getByRole('button', {name: 'Genereren', exact: true}).click()
    await waitUntil(async () => (await slug.locator('input').first().inputValue()) === COPY_SLUG, 'the copy gets an address of its own', 30_000)
    await slug.getByTestId('input-validation-icon-error').waitFor({state: 'detached', timeout: 30_000})
    await waitUntil(async () => (await stored(copyId))?.slug?.current === COPY_SLUG, "the server holds the copy's own address")
    await step(page, 'copy-renamed')

    // The original, edited and published.
    await openStudioDocument(page, session.studio.server.url, ID, 'condition')
    await summaryField(page).input.fill(ORIGINAL_AFTER_COPY)
    await waitUntil(async () => (await stored(DRAFT_ID))?.summary === ORIGINAL_AFTER_COPY, "the server holds the original's new draft")
    await waitUntil(async () => !(await publishButton(page).isDisabled()), 'Publiceren is enabled for the original', 30_000)
    await publishButton(page).click()
    await waitUntil(async () => (await published(ID))?.summary === ORIGINAL_AFTER_COPY, "the API without a token returns the original's new summary", 30_000)
    await waitUntil(async () => (await stored(DRAFT_ID)) === null, "the original's draft is gone")
    // The copy is still an unpublished draft of its own.
    await expect(published(copyId.replace(/^drafts\./u, ''))).resolves.toBeNull()
    await expect(stored(copyId)).resolves.toMatchObject({title: COPY_TITLE, summary: original?.summary})
    await step(page, 'original-published')
    await closeCleanly(editor, page)
  })

  it('publishes an unpublished document again', async () => {
    const {editor, page, step} = await editorPage('studio-draft-republish')
    const before = await published(UNPUBLISHED_ID)
    expect(before?.title).toBeTruthy()
    await openStudioDocument(page, session.studio.server.url, UNPUBLISHED_ID, 'condition')
    // Studio 5 offers Depubliceren on the published version: its chip above the form selects it.
    await page.getByRole('button', {name: 'Gepubliceerd', exact: true}).click()
    await page.getByRole('button', {name: 'Depubliceren', exact: true}).click()
    await page.getByRole('dialog', {name: 'Document ontpubliceren?'}).getByRole('button', {name: 'Nu ontpubliceren', exact: true}).click()
    await waitUntil(async () => (await published(UNPUBLISHED_ID)) === null, 'the API without a token no longer returns the document', 30_000)
    // What was published is now a draft.
    await waitUntil(async () => (await stored(`drafts.${UNPUBLISHED_ID}`))?.title === before?.title, 'the server holds the unpublished document as a draft')
    await expect(stored(`drafts.${UNPUBLISHED_ID}`)).resolves.toMatchObject({title: before?.title, summary: before?.summary})
    await step(page, 'unpublished')

    // Back to the draft, and after a reload the form shows it; publishing it brings the document back.
    await page.getByRole('button', {name: 'Concept', exact: true}).click()
    await waitUntil(async () => new URL(page.url()).searchParams.get('perspective') !== 'published', 'the Studio shows the draft again')
    await page.reload()
    const title = page.locator('[data-testid="field-title"] input').first()
    await title.waitFor({timeout: 60_000})
    await waitUntil(async () => (await title.inputValue()) === before?.title, 'the form shows the unpublished document', 30_000)
    await waitUntil(async () => !(await publishButton(page).isDisabled()), 'Publiceren is enabled for the unpublished document', 30_000)
    await step(page, 'reloaded')
    await publishButton(page).click()
    await waitUntil(
      async () => (await published(UNPUBLISHED_ID)) !== null || (await operationErrors(page)).length > 0,
      'the API without a token returns the document again, or the Studio reports an error',
      30_000,
    )
    await expect(operationErrors(page)).resolves.toEqual([])
    await expect(published(UNPUBLISHED_ID)).resolves.toMatchObject({title: before?.title, summary: before?.summary})
    await waitUntil(async () => (await stored(`drafts.${UNPUBLISHED_ID}`)) === null, 'the draft is gone')
    await step(page, 'published-again')
    await closeCleanly(editor, page)
  })
})
