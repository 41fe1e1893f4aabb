import {createClient} from '@sanity/client'
import type {Locator, Page} from 'playwright-core'
import {describe, expect, it} from 'vitest'
import {explainFailure, offlineContext, screenshotSteps, unexpectedExternal} from './support/browser'
import {LOCAL_WRITE_TOKEN, useEditableStudio} from './support/studioServer'
import {openStudioDocument, pane, publishButton, summaryField, waitUntil} from './support/studioDocument'

const session = useEditableStudio()

const EDITED = 'Bij een verzakking zakken de blaas, de baarmoeder of de darm naar beneden. Dit is een zin die de redactie na de controle toevoegde.'
/** The green badge: only a published text whose reviewed revision is the current one carries it. */
const REVIEWED_BADGE = 'Medisch gecontroleerd'

function lakeClient() {
  return createClient({
    projectId: 'local',
    dataset: 'production',
    apiHost: session.studio.server.url,
    useProjectHostname: false,
    useCdn: false,
    apiVersion: '2025-02-19',
    token: LOCAL_WRITE_TOKEN,
  })
}

async function reviewBlock(): Promise<string> {
  const html = await (await fetch(`${session.studio.server.url}/aandoeningen/verzakking`)).text()
  return /<div class="review-block">(.*?)<\/div>/s.exec(html)?.[1] ?? ''
}

/** The document's badge with exactly this label, once it is on screen. */
async function badge(page: Page, label: string): Promise<Locator> {
  const found = page
    .locator('[data-ui="Badge"]')
    .filter({has: page.getByText(label, {exact: true})})
    .first()
  await found.waitFor({timeout: 30_000})
  return found
}

/** The labels of the badges on screen. */
async function badgeLabels(page: Page): Promise<string[]> {
  return page.locator('[data-ui="Badge"]').allInnerTexts()
}

/** The colour a badge is drawn in: its tone only shows in its style. */
async function colourOf(badgeOnScreen: Locator): Promise<string> {
  return badgeOnScreen.evaluate((element) => getComputedStyle(element).backgroundColor)
}

describe('the Studio at /studio: a medical review that tells the truth', () => {
  it('records a review with "Medisch gecontroleerd", then an edit shows as changed since the review in the Studio and on the page', async () => {
    const {context, external, pageErrors} = await offlineContext(session.browser, session.studio.server.url, {signInPath: session.studio.signInPath()})
    const page = await context.newPage()
    const step = screenshotSteps('studio-review')
    explainFailure(page, step)

    await openStudioDocument(page, session.studio.server.url, 'condition-verzakking', 'condition')
    await badge(page, 'Nog niet medisch gecontroleerd')
    await step(page, 'imported')

    // An edit makes a draft: the badge says so and is not green.
    const summary = summaryField(page)
    await summary.input.fill(EDITED)
    const draftColour = await colourOf(await badge(page, 'Concept: nog niet gecontroleerd'))
    expect(await badgeLabels(page)).not.toContain(REVIEWED_BADGE)
    await step(page, 'draft')

    // The reviewer checked this draft: record it, which publishes the text with its review.
    await page.getByTestId('action-menu-button').click()
    await page.getByRole('menuitem', {name: 'Medisch gecontroleerd'}).click()
    const form = page.getByTestId('medical-review-form')
    await form.locator('input[name="reviewedBy"]').fill('J. Jansen')
    await form.locator('select[name="reviewerRole"]').selectOption('bekkenfysiotherapeut')
    await step(page, 'review-dialog')
    await form.getByRole('button', {name: 'Controle vastleggen en publiceren'}).click()
    const green = await colourOf(await badge(page, REVIEWED_BADGE))
    expect(draftColour).not.toBe(green)
    await waitUntil(() => publishButton(page).isDisabled(), 'the reviewed text is published, with no draft left', 30_000)
    await step(page, 'reviewed')

    const reviewed = await lakeClient().getDocument('condition-verzakking')
    const today = new Date().toISOString().slice(0, 10)
    expect(reviewed).toMatchObject({summary: EDITED, review: {lastReviewed: today, reviewedBy: 'J. Jansen', reviewerRole: 'bekkenfysiotherapeut', intervalMonths: 36}})
    // The review names the revision it made, and the next check follows the review date, not the import's three months.
    const recorded = reviewed?.review as {reviewedRevision?: string; nextReview?: string} | undefined // a field of the stored document; the test reads two of its values
    expect(recorded?.reviewedRevision).toBe(reviewed?._rev)
    expect(recorded?.nextReview).toBe(`${Number(today.slice(0, 4)) + 3}${today.slice(4) === '-02-29' ? '-02-28' : today.slice(4)}`)
    await waitUntil(async () => (await reviewBlock()).includes('<dt>Medisch gecontroleerd</dt>'), 'the page shows the review')
    expect(await reviewBlock()).toContain('J. Jansen, bekkenfysiotherapeut')

    // Controle nodig no longer lists the reviewed condition; the others, never checked, stay.
    await page.goto(`${session.studio.server.url}/studio/structure/review-due`)
    const reviewDue = await pane(page, 'Controle nodig')
    await reviewDue.getByText('Dyspareunie', {exact: true}).first().waitFor({timeout: 30_000})
    await expect(reviewDue.getByText('Verzakking', {exact: true}).count()).resolves.toBe(0)
    await step(page, 'review-due-without-reviewed')
    await openStudioDocument(page, session.studio.server.url, 'condition-verzakking', 'condition')

    // An edit after the review: the draft is not green, and once published the text is changed since the review, in the Studio and on the page.
    await summary.input.fill(`${EDITED} Nog een zin.`)
    expect(await colourOf(await badge(page, 'Concept: gewijzigd sinds de controle'))).not.toBe(green)
    expect(await badgeLabels(page)).not.toContain(REVIEWED_BADGE)
    await step(page, 'edited-draft')
    await waitUntil(async () => !(await publishButton(page).isDisabled()), 'Publiceren is enabled for the edit')
    await publishButton(page).click()
    expect(await colourOf(await badge(page, 'Gewijzigd sinds de controle'))).not.toBe(green)
    expect(await badgeLabels(page)).not.toContain(REVIEWED_BADGE)
    await step(page, 'changed-since-review')
    await waitUntil(async () => (await reviewBlock()).includes('Gewijzigd sinds de medische controle.'), 'the page says the text changed since the review')
    // And Controle nodig lists it again.
    await page.goto(`${session.studio.server.url}/studio/structure/review-due`)
    await (await pane(page, 'Controle nodig')).getByText('Verzakking', {exact: true}).first().waitFor({timeout: 30_000})
    await step(page, 'review-due-after-edit')
    await page.goto(`${session.studio.server.url}/aandoeningen/verzakking`)
    await step(page, 'page-changed-since-review')

    expect(pageErrors).toEqual([])
    expect(unexpectedExternal(external)).toEqual([])
    await context.close()
  }, 180_000)

  it('never shows an unpublished draft as medically checked, even one that carries a copied review record and does not validate', async () => {
    const client = lakeClient()
    const copied = await client.getDocument('condition-verzakking')
    if (!copied) throw new Error('condition-verzakking is not in the Lake')
    // A new document that was never published, with someone's review record copied in and no summary: invalid, and checked by nobody.
    const {_rev, _createdAt, _updatedAt, summary: _summary, ...content} = copied
    await client.createOrReplace({
      ...content,
      _id: 'drafts.condition-concept',
      _type: 'condition',
      title: 'Conceptaandoening',
      slug: {_type: 'slug', current: 'conceptaandoening'},
      review: {
        _type: 'review',
        intervalMonths: 36,
        lastReviewed: '2026-11-01',
        nextReview: '2029-11-01',
        reviewedBy: 'J. Jansen',
        reviewerRole: 'arts',
        reviewedRevision: 'some-revision',
      },
    })
    const {context, pageErrors} = await offlineContext(session.browser, session.studio.server.url, {signInPath: session.studio.signInPath()})
    const page = await context.newPage()
    const step = screenshotSteps('studio-review-unpublished')
    explainFailure(page, step)
    await openStudioDocument(page, session.studio.server.url, 'condition-concept', 'condition')
    await badge(page, 'Concept: nog niet gecontroleerd')
    expect(await badgeLabels(page)).not.toContain(REVIEWED_BADGE)
    await step(page, 'unpublished-draft')
    expect(pageErrors).toEqual([])
    await context.close()
  })
})
