import {describe, expect, it} from 'vitest'
import {createContentClient} from '../../client/index'
import {explainFailure, offlineContext, screenshotSteps, unexpectedExternal} from './support/browser'
import {useEditableStudio} from './support/studioServer'
import {pane, publishButton, summaryField, waitUntil} from './support/studioDocument'

const session = useEditableStudio()

const SLUG = 'testaandoening'
const SUMMARY = 'Een korte samenvatting.'
const DESCRIPTION = 'Deze tekst beschrijft de testaandoening.'
const SOURCE_TITLE = 'Folder bekkenfysiotherapie: verzakkingen, behandeling en pijn rond de geslachtsdelen'

interface PublishedCondition {
  _id: string
  title: string
  group: {_type: string; _ref: string}
  description: {children: {text: string}[]}[]
  sources: {_ref: string}[]
  review: {status: string; nextReview: string}
}

/** The new condition as a visitor gets it from the local API: published only, no token. */
async function publishedCondition(): Promise<PublishedCondition[]> {
  const url = new URL(`${session.studio.server.url}/v2025-02-19/data/query/production`)
  url.searchParams.set('query', `*[_type == "condition" && slug.current == "${SLUG}"]{_id, title, group, description, sources, review}`)
  const response = await fetch(url)
  expect(response.status).toBe(200)
  return ((await response.json()) as {result: PublishedCondition[]}).result
}

describe('the Studio at /studio: a new condition in a group', () => {
  it('starts from "Aandoening in dit onderwerp" with the group filled in, is blocked until its required fields are filled, and publishes to the API and the preview', async () => {
    const {context, external, pageErrors} = await offlineContext(session.browser, session.studio.server.url, {signInPath: session.studio.signInPath()})
    const page = await context.newPage()
    const step = screenshotSteps('studio-new-document')
    explainFailure(page, step)

    await page.goto(`${session.studio.server.url}/studio/`)
    await page.getByTestId('structure-tool-list-pane').getByText('Controle nodig').waitFor({timeout: 60_000})
    await (await pane(page, 'Inhoud')).getByRole('link', {name: 'Aandoeningen', exact: true}).click()
    const groups = await pane(page, 'Aandoeningen per onderwerp')
    await groups.getByText('Verzakkingen', {exact: true}).click()
    const conditions = await pane(page, 'Aandoeningen')
    await conditions.getByText('Verzakking', {exact: true}).waitFor({timeout: 30_000})
    await step(page, 'group')

    await conditions.getByTestId('action-intent-button').click()
    const title = page.locator('[data-testid="field-title"] input').first()
    await title.waitFor({timeout: 30_000})
    await step(page, 'new')
    // The template filled in the group this list belongs to.
    // The reference field has no test id of its own: take the nearest element around its menu that shows the group, short of the next field.
    await page
      .getByTestId('field-actions-menu-group')
      .locator('xpath=ancestor::*[.//*[text()="Verzakkingen"]][1][not(.//*[@data-testid="field-summary"])]')
      .first()
      .waitFor({timeout: 30_000})
    await expect(title.inputValue()).resolves.toBe('')
    await step(page, 'group-filled')

    await title.fill('Testaandoening')
    await waitUntil(() => publishButton(page).isVisible(), 'the Publiceren button is shown', 30_000)
    await page.locator('[data-testid="field-title"]').getByTestId('input-validation-icon-error').waitFor({state: 'detached', timeout: 30_000})
    await summaryField(page).errorIcon.waitFor({timeout: 30_000})
    await page.getByText('Opgeslagen', {exact: true}).first().waitFor({timeout: 30_000})
    await waitUntil(() => publishButton(page).isDisabled(), 'Publiceren is disabled while required fields are empty')
    await step(page, 'required-missing')

    await summaryField(page).input.fill(SUMMARY)
    await summaryField(page).errorIcon.waitFor({state: 'detached', timeout: 30_000})
    // Saved, and still blocked: the text, the sources and the review are required too.
    await page.getByText('Opgeslagen', {exact: true}).first().waitFor({timeout: 30_000})
    await expect(publishButton(page).isDisabled()).resolves.toBe(true)
    await step(page, 'still-blocked')

    const slug = page.getByTestId('field-slug')
    await slug.getByRole('button', {name: 'Genereren', exact: true}).click()
    await waitUntil(async () => (await slug.locator('input').first().inputValue()) === SLUG, 'the slug is generated from the title', 30_000)
    await slug.getByTestId('input-validation-icon-error').waitFor({state: 'detached', timeout: 30_000})
    await step(page, 'slug-generated')

    const description = page.getByTestId('field-description')
    await description.getByRole('textbox').click()
    await page.keyboard.type(DESCRIPTION)
    await description.getByText(DESCRIPTION, {exact: true}).waitFor({timeout: 30_000})
    await description.getByTestId('input-validation-icon-error').waitFor({state: 'detached', timeout: 30_000})
    await step(page, 'description-written')

    const sources = page.getByTestId('field-sources')
    await sources.getByRole('button', {name: 'Voeg item toe', exact: true}).click()
    await sources.getByPlaceholder('Typ om te zoeken').pressSequentially('Folder')
    // The search results open in a popover outside the field.
    await page.getByRole('option').filter({hasText: SOURCE_TITLE}).click()
    await sources.getByText(SOURCE_TITLE).waitFor({timeout: 30_000})
    await sources.getByTestId('input-validation-icon-error').waitFor({state: 'detached', timeout: 30_000})
    await step(page, 'source-picked')

    // The review needs no typing: a new text starts as not yet checked (no review record), with its first check due and the usual interval.
    const review = page.getByTestId('field-review')
    await review.scrollIntoViewIfNeeded()
    await expect(page.getByTestId('field-review.intervalMonths').locator('input').first().inputValue()).resolves.toBe('36')
    await expect(page.getByTestId('field-review.lastReviewed').count()).resolves.toBe(0)
    await expect(page.getByTestId('field-review.nextReview').locator('input').first().inputValue()).resolves.not.toBe('')
    await expect(review.getByTestId('input-validation-icon-error').count()).resolves.toBe(0)
    await step(page, 'review-filled')

    await waitUntil(async () => !(await publishButton(page).isDisabled()), 'Publiceren is enabled once every required field is filled', 30_000)
    await expect(page.getByTestId('input-validation-icon-error').count()).resolves.toBe(0)
    // Until now the condition is a draft, which a visitor does not see.
    await expect(publishedCondition()).resolves.toEqual([])
    await step(page, 'ready-to-publish')

    await publishButton(page).click()
    await waitUntil(async () => (await publishedCondition()).length > 0, 'the API returns the published condition', 30_000)
    await waitUntil(() => publishButton(page).isDisabled(), 'nothing is left to publish', 30_000)
    await step(page, 'published')

    const [published] = await publishedCondition()
    expect(published?._id).not.toMatch(/^drafts\./)
    expect(published).toMatchObject({
      title: 'Testaandoening',
      group: {_type: 'reference', _ref: 'conditionGroup-verzakkingen'},
      description: [{children: [{text: DESCRIPTION}]}],
      sources: [{_ref: 'source-folder-bekkenfysiotherapie'}],
      review: {_type: 'review', intervalMonths: 36},
    })
    // A new text is not medically checked until someone records a check.
    expect(published?.review).not.toHaveProperty('lastReviewed')
    // The package's own client, as a frontend uses it, reads the new page through its contracts.
    const content = createContentClient({sanity: {projectId: 'local', dataset: 'production', apiHost: session.studio.server.url, useProjectHostname: false, useCdn: false}})
    await expect(content.getCondition(SLUG)).resolves.toMatchObject({title: 'Testaandoening', summary: SUMMARY, group: {title: 'Verzakkingen'}})

    await page.goto(`${session.studio.server.url}/`)
    const group = page.locator('section[aria-labelledby="group-verzakkingen"]')
    await group.getByText(SUMMARY, {exact: true}).waitFor({timeout: 30_000})
    await step(page, 'preview-group')
    await group.getByRole('link', {name: 'Testaandoening', exact: true}).click()
    await page.getByRole('heading', {level: 1, name: 'Testaandoening', exact: true}).waitFor({timeout: 30_000})
    expect(new URL(page.url()).pathname).toBe(`/aandoeningen/${SLUG}`)
    await page.getByText(SUMMARY, {exact: true}).waitFor({timeout: 30_000})
    await page.getByText(DESCRIPTION, {exact: true}).waitFor({timeout: 30_000})
    await step(page, 'preview-condition')

    expect(pageErrors).toEqual([])
    expect(unexpectedExternal(external)).toEqual([])
    await context.close()
  }, 240_000)
})
