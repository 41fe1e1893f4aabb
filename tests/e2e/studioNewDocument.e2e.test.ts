import {describe, expect, it} from 'vitest'
import {offlineContext, screenshotSteps, unexpectedExternal} from './support/browser'
import {useEditableStudio} from './support/studioServer'
import {pane, publishButton, summaryField, waitUntil} from './support/studioDocument'


const session = useEditableStudio()

describe('the Studio at /studio: a new condition in a group', () => {
  it('starts from "Aandoening in dit onderwerp" with the group filled in, and cannot be published without its required fields', async () => {
    const {context, external, pageErrors} = await offlineContext(session.browser, session.studio.server.url)
    const page = await context.newPage()
    const step = screenshotSteps('studio-new-document')

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

    await summaryField(page).input.fill('Een korte samenvatting.')
    await summaryField(page).errorIcon.waitFor({state: 'detached', timeout: 30_000})
    // Saved, and still blocked: the text, the sources and the review are required too.
    await page.getByText('Opgeslagen', {exact: true}).first().waitFor({timeout: 30_000})
    await expect(publishButton(page).isDisabled()).resolves.toBe(true)
    await step(page, 'still-blocked')

    expect(pageErrors).toEqual([])
    expect(unexpectedExternal(external)).toEqual([])
    await context.close()
  })
})
