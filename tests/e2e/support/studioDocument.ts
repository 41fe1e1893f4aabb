import type {Locator, Page} from 'playwright-core'
import {expect} from 'vitest'

/** The structure pane with this title, once it is on screen. */
export async function pane(page: Page, title: string): Promise<Locator> {
  // The structure's own lists and the document lists are different kinds of pane.
  const found = page
    .locator('[data-testid="structure-tool-list-pane"], [data-testid="pane"]')
    .filter({has: page.getByTestId('pane-header').getByText(title, {exact: true})})
    .last()
  await found.waitFor({timeout: 30_000})
  return found
}

/** Opens a document in the Studio through its edit intent and waits until its form is on screen. */
export async function openStudioDocument(page: Page, serverUrl: string, id: string, type: string): Promise<void> {
  await page.goto(`${serverUrl}/studio/intent/edit/id=${id};type=${type}/`)
  // The first load of the Studio's code takes a while on a busy machine.
  await page.locator('[data-testid="field-title"] input').first().waitFor({timeout: 60_000})
}

/** The document's Publiceren button in its footer. */
export function publishButton(page: Page): Locator {
  return page.getByRole('button', {name: 'Publiceren', exact: true}).first()
}

export function summaryField(page: Page): {input: Locator; errorIcon: Locator; warningIcon: Locator} {
  const field = page.locator('[data-testid="field-summary"]').first()
  return {
    input: field.locator('textarea').first(),
    errorIcon: field.getByTestId('input-validation-icon-error').first(),
    warningIcon: field.getByTestId('input-validation-icon-warning').first(),
  }
}

/** Waits until `condition` holds, failing with `what` after `timeout` ms. */
export async function waitUntil(condition: () => Promise<boolean>, what: string, timeout = 20_000): Promise<void> {
  await expect.poll(condition, {timeout, interval: 250, message: `Timed out waiting until ${what}`}).toBe(true)
}
