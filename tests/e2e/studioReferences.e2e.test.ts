import type {Page, Response} from 'playwright-core'
import {describe, expect, it} from 'vitest'
import {explainFailure, offlineContext, screenshotSteps, unexpectedExternal, type OfflineContext} from './support/browser'
import {LOCAL_WRITE_TOKEN, useEditableStudio} from './support/studioServer'
import {openStudioDocument, waitUntil} from './support/studioDocument'

/**
 * Referential integrity through the Studio. Before it deletes or unpublishes
 * a document, the Studio asks `*[references($documentId)]` and lists the
 * documents that refer to it in its confirm dialog; if there are any, it
 * still offers to go ahead ("Toch verwijderen", "Toch ontpubliceren"), and
 * the Lake then refuses with 409 when a reference is strong. The complaint
 * Obstipatie is shown on the page of Verzakking (a strong reference), so it
 * stays; Dyspareunie is only a related condition of Vaginisme (a weak
 * reference), so it may be unpublished, and the Vaginisme page stays up
 * without its link. The tests run in order on one server.
 */

const session = useEditableStudio()

const COMPLAINT = 'symptom-obstipatie'
const COMPLAINT_TITLE = 'obstipatie'
const REFERRER = 'condition-verzakking'
const REFERRER_TITLE = 'Verzakking'
const REFERRER_PAGE = '/aandoeningen/verzakking'
/** How the page of Verzakking shows the complaint. */
const COMPLAINT_ON_PAGE = 'Obstipatie'

const WEAKLY_REFERENCED = 'condition-dyspareunie'
const WEAKLY_REFERENCED_TITLE = 'Dyspareunie'
const WEAK_REFERRER_TITLE = 'Vaginisme'
const WEAK_REFERRER_PAGE = '/aandoeningen/vaginisme'
const LINK_TO_WEAKLY_REFERENCED = 'href="/aandoeningen/dyspareunie"'

/** The Studio's toasts when the Lake refuses (its text for a delete and for an unpublish). */
const DELETE_REFUSED = 'Er is een fout opgetreden bij het proberen te verwijderen van dit document. Dit betekent meestal dat er andere documenten zijn die ernaar verwijzen.'
const UNPUBLISH_REFUSED =
  'Er is een fout opgetreden bij het proberen te annuleren van de publicatie van dit document. Dit betekent meestal dat er andere documenten zijn die ernaar verwijzen.'
const UNPUBLISHED = 'De publicatie van het document is ongedaan gemaakt. Er is een concept gemaakt van de laatste gepubliceerde versie.'
/** What the Lake says, in the toast's details. */
const LAKE_REFUSAL = `Document "${COMPLAINT}" cannot be deleted as there are references to it from "${REFERRER}"`

interface StoredDocument {
  _id: string
  title?: string
  related?: {condition?: {_ref?: string; _weak?: boolean}}[]
}

/** One document by its exact id (published or `drafts.…`), as the editor (with the token) gets it from the doc endpoint. */
async function onServer(id: string): Promise<StoredDocument | null> {
  const response = await fetch(`${session.studio.server.url}/v2025-02-19/data/doc/production/${id}`, {headers: {authorization: `Bearer ${LOCAL_WRITE_TOKEN}`}})
  expect(response.status).toBe(200)
  return ((await response.json()) as {documents: StoredDocument[]}).documents[0] ?? null
}

/** A page of the preview site as a visitor gets it. */
async function previewPage(path: string): Promise<{status: number; html: string}> {
  const response = await fetch(`${session.studio.server.url}${path}`)
  return {status: response.status, html: await response.text()}
}

async function editorPage(prefix: string): Promise<{editor: OfflineContext; page: Page; step: (page: Page, step: string) => Promise<void>}> {
  const editor = await offlineContext(session.browser, session.studio.server.url, {signInPath: session.studio.signInPath()})
  const page = await editor.context.newPage()
  const step = screenshotSteps(prefix)
  explainFailure(page, step)
  return {editor, page, step}
}

/** The answer to the document action the Studio sends for `operation` ("delete", "unpublish"). */
function actionAnswer(page: Page, operation: string): Promise<Response> {
  return page.waitForResponse(
    (response) =>
      response.request().method() === 'POST' && response.url().includes('/data/actions/production') && response.url().includes(`tag=sanity.studio.document.${operation}`),
    {timeout: 30_000},
  )
}

/** Waits until the Studio's toast with this title has come in (faded in fully), and returns its text. */
async function toastText(page: Page, title: string): Promise<string> {
  const toast = page.getByRole('alert').filter({hasText: title})
  await toast.waitFor({timeout: 30_000})
  await waitUntil(async () => (await toast.evaluate((element) => getComputedStyle(element).opacity)) === '1', `the toast "${title}" is shown`)
  return (await toast.textContent()) ?? ''
}

/** The Studio's messages that an operation failed. */
function operationErrors(page: Page): Promise<string[]> {
  return page.getByText(/Er is een fout opgetreden/u).allInnerTexts()
}

function titleInput(page: Page) {
  return page.locator('[data-testid="field-title"] input').first()
}

/** The page of Verzakking is up and still shows the complaint. */
async function referrerPageShowsComplaint(): Promise<void> {
  const referrerPage = await previewPage(REFERRER_PAGE)
  expect(referrerPage.status).toBe(200)
  expect(referrerPage.html).toContain(REFERRER_TITLE)
  expect(referrerPage.html).toContain(COMPLAINT_ON_PAGE)
}

/** Nothing broke in the page, and it asked nothing of the internet. */
async function close(editor: OfflineContext): Promise<void> {
  expect(editor.pageErrors).toEqual([])
  expect(unexpectedExternal(editor.external)).toEqual([])
  await editor.context.close()
}

describe('the Studio at /studio: deleting and unpublishing a document that others refer to', () => {
  it('lists Verzakking when the editor deletes the complaint Obstipatie, and shows the refusal when the editor deletes anyway', async () => {
    const {editor, page, step} = await editorPage('studio-references-delete')
    await expect(onServer(COMPLAINT)).resolves.toMatchObject({_id: COMPLAINT, title: COMPLAINT_TITLE})
    await referrerPageShowsComplaint()
    await openStudioDocument(page, session.studio.server.url, COMPLAINT, 'symptom')
    await page.getByRole('button', {name: 'Documentacties openen', exact: true}).click()
    // The menu item's name ends with its keyboard shortcut (Ctrl Alt D).
    await page.getByRole('menuitem', {name: /^Verwijderen/u}).click()

    // The dialog names the referring document, and offers to delete anyway rather than "Nu verwijderen".
    const dialog = page.getByRole('dialog', {name: 'Document verwijderen?'})
    await dialog.getByTestId('internal-references').getByText(REFERRER_TITLE, {exact: true}).waitFor({timeout: 30_000})
    const deleteAnyway = dialog.getByRole('button', {name: 'Toch verwijderen', exact: true})
    await deleteAnyway.waitFor({timeout: 30_000})
    const dialogText = await dialog.innerText()
    expect(dialogText).toContain(`1 document verwijst naar “${COMPLAINT_TITLE}”`)
    expect(dialogText).toContain(`Het is mogelijk dat u “${COMPLAINT_TITLE}” niet kunt verwijderen omdat de volgende documenten ernaar verwijzen:`)
    expect(await dialog.getByRole('button', {name: 'Nu verwijderen', exact: true}).count()).toBe(0)
    await step(page, 'dialog')

    const answer = actionAnswer(page, 'delete')
    await deleteAnyway.click()
    expect((await answer).status()).toBe(409)
    expect(await toastText(page, DELETE_REFUSED)).toContain(LAKE_REFUSAL)
    await step(page, 'refused')

    // The document is still there: on the server, in the Studio (whose pane a delete would close), and on the page that shows it.
    await expect(onServer(COMPLAINT)).resolves.toMatchObject({_id: COMPLAINT, title: COMPLAINT_TITLE})
    await expect(onServer(`drafts.${COMPLAINT}`)).resolves.toBeNull()
    expect(page.url()).toContain(COMPLAINT)
    expect(await titleInput(page).inputValue()).toBe(COMPLAINT_TITLE)
    await referrerPageShowsComplaint()
    await close(editor)
  })

  it('lists Verzakking when the editor unpublishes the complaint Obstipatie, and shows the refusal when the editor unpublishes anyway', async () => {
    const {editor, page, step} = await editorPage('studio-references-unpublish')
    await openStudioDocument(page, session.studio.server.url, COMPLAINT, 'symptom')
    // Studio 5 offers Depubliceren on the published version: its chip above the form selects it.
    await page.getByRole('button', {name: 'Gepubliceerd', exact: true}).click()
    await page.getByRole('button', {name: 'Depubliceren', exact: true}).click()

    const dialog = page.getByRole('dialog', {name: 'Document ontpubliceren?'})
    await dialog.getByTestId('internal-references').getByText(REFERRER_TITLE, {exact: true}).waitFor({timeout: 30_000})
    const unpublishAnyway = dialog.getByRole('button', {name: 'Toch ontpubliceren', exact: true})
    await unpublishAnyway.waitFor({timeout: 30_000})
    const dialogText = await dialog.innerText()
    expect(dialogText).toContain(`1 document verwijst naar “${COMPLAINT_TITLE}”`)
    expect(dialogText).toContain(`Het is mogelijk dat u “${COMPLAINT_TITLE}” niet kunt ontpubliceren omdat de volgende documenten ernaar verwijzen:`)
    expect(await dialog.getByRole('button', {name: 'Nu ontpubliceren', exact: true}).count()).toBe(0)
    await step(page, 'dialog')

    const answer = actionAnswer(page, 'unpublish')
    await unpublishAnyway.click()
    expect((await answer).status()).toBe(409)
    expect(await toastText(page, UNPUBLISH_REFUSED)).toContain(LAKE_REFUSAL)
    await step(page, 'refused')

    // The published document stays, and no draft was made of it; the Studio shows it published.
    await expect(onServer(COMPLAINT)).resolves.toMatchObject({_id: COMPLAINT, title: COMPLAINT_TITLE})
    await expect(onServer(`drafts.${COMPLAINT}`)).resolves.toBeNull()
    await waitUntil(async () => (await titleInput(page).inputValue()) === COMPLAINT_TITLE, 'the published version in the Studio shows the complaint', 30_000)
    await referrerPageShowsComplaint()
    await close(editor)
  })

  it('unpublishes Dyspareunie, which Vaginisme refers to only weakly, and the page of Vaginisme stays up without its link', async () => {
    const {editor, page, step} = await editorPage('studio-references-weak')
    const before = await previewPage(WEAK_REFERRER_PAGE)
    expect(before.status).toBe(200)
    expect(before.html).toContain(LINK_TO_WEAKLY_REFERENCED)
    await openStudioDocument(page, session.studio.server.url, WEAKLY_REFERENCED, 'condition')
    await page.getByRole('button', {name: 'Gepubliceerd', exact: true}).click()
    await page.getByRole('button', {name: 'Depubliceren', exact: true}).click()

    // The Studio's query finds weak references too: it lists Vaginisme, and offers to unpublish anyway.
    const dialog = page.getByRole('dialog', {name: 'Document ontpubliceren?'})
    await dialog.getByTestId('internal-references').getByText(WEAK_REFERRER_TITLE, {exact: true}).waitFor({timeout: 30_000})
    const unpublishAnyway = dialog.getByRole('button', {name: 'Toch ontpubliceren', exact: true})
    await unpublishAnyway.waitFor({timeout: 30_000})
    expect(await dialog.innerText()).toContain(`1 document verwijst naar “${WEAKLY_REFERENCED_TITLE}”`)
    await step(page, 'dialog')

    const answer = actionAnswer(page, 'unpublish')
    await unpublishAnyway.click()
    expect((await answer).status()).toBe(200)
    await toastText(page, UNPUBLISHED)
    await expect(operationErrors(page)).resolves.toEqual([])
    await step(page, 'unpublished')

    // Unpublished: what was published is now a draft; Vaginisme still points at it, weakly.
    await expect(onServer(WEAKLY_REFERENCED)).resolves.toBeNull()
    await expect(onServer(`drafts.${WEAKLY_REFERENCED}`)).resolves.toMatchObject({title: WEAKLY_REFERENCED_TITLE})
    const vaginisme = await onServer('condition-vaginisme')
    expect(vaginisme?.related?.map((related) => related.condition)).toContainEqual(expect.objectContaining({_ref: WEAKLY_REFERENCED, _weak: true}))

    // The page of Vaginisme answers without the link; Dyspareunie has no page.
    await waitUntil(async () => !(await previewPage(WEAK_REFERRER_PAGE)).html.includes(LINK_TO_WEAKLY_REFERENCED), 'the page of Vaginisme drops the link')
    const after = await previewPage(WEAK_REFERRER_PAGE)
    expect(after.status).toBe(200)
    expect(after.html).toContain(WEAK_REFERRER_TITLE)
    expect(after.html).not.toContain(LINK_TO_WEAKLY_REFERENCED)
    expect((await previewPage('/aandoeningen/dyspareunie')).status).toBe(404)
    await page.goto(`${session.studio.server.url}${WEAK_REFERRER_PAGE}`)
    await step(page, 'vaginisme-page')
    await close(editor)
  })
})
