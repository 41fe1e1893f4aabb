import {mkdir} from 'node:fs/promises'
import {describe, expect, it} from 'vitest'
import {PROLAPSE_PAGE_SECTIONS} from '../lake/fixtures'
import {RESULTS_DIRECTORY} from './support/browser'
import {seededDocuments, usePreviewSite} from './support/previewSite'

interface StoredDocument {
  _id: string
  title?: string
  description?: string
  components?: Array<{_ref: string}>
}

const session = usePreviewSite()

/** Each component as the page shows it: its full text when it has one, else its title. */
async function componentTextsFromDataset(): Promise<string[]> {
  const documents = await seededDocuments<StoredDocument>()
  const byId = new Map(documents.map((document) => [document._id, document]))
  const treatment = byId.get('treatment-bekkenfysiotherapie')
  return (treatment?.components ?? []).map((reference) => {
    const component = byId.get(reference._ref)
    return component?.description ?? component?.title ?? `missing ${reference._ref}`
  })
}

describe('the preview site in a browser', () => {
  it('goes from the index to the prolapse page and shows it whole', async () => {
    const page = await session.browser.newPage({viewport: {width: 390, height: 844}, javaScriptEnabled: false})
    await page.goto(`${session.server.url}/`)
    expect(await page.getAttribute('html', 'lang')).toBe('nl')
    await expect(page.locator('h1').textContent()).resolves.toBe('Aandoeningen')

    // The name "Verzakking" is the editors' (the leaflet's heading is "Verzakkingen"): a screen reader hears that after it.
    await page.getByRole('link', {name: 'Verzakking (toegevoegd door de redactie)', exact: true}).click()
    await page.waitForURL(`${session.server.url}/aandoeningen/verzakking`)

    expect(await page.locator('h1').allTextContents()).toEqual(['Verzakking'])
    expect(await page.locator('main h2').allTextContents()).toEqual(PROLAPSE_PAGE_SECTIONS)
    const levels = await page.locator('main h1, main h2, main h3, main h4, main h5, main h6').evaluateAll((headings) => headings.map((heading) => Number(heading.tagName.slice(1))))
    levels.forEach((level, index) => {
      if (index > 0) expect(level).toBeLessThanOrEqual((levels[index - 1] ?? 1) + 1)
    })

    // The treatment has one home, its own page: the condition page links to it.
    expect(await page.locator('ul.components').count()).toBe(0)

    const jsonLdText = await page.locator('script[type="application/ld+json"]').textContent()
    const jsonLd = JSON.parse(jsonLdText ?? 'null') as {'@type': string; url: string; mainEntity: {'@type': string; name: string; possibleTreatment: Array<{'@type': string}>}}
    expect(jsonLd['@type']).toBe('MedicalWebPage')
    expect(jsonLd.url).toBe(`${session.server.url}/aandoeningen/verzakking`)
    expect(jsonLd.mainEntity).toMatchObject({'@type': 'MedicalCondition', name: 'Verzakking'})
    expect(jsonLd.mainEntity.possibleTreatment[0]?.['@type']).toBe('PhysicalTherapy')

    // The text column fits a phone screen: nothing scrolls sideways.
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth)
    expect(overflow).toBeLessThanOrEqual(0)

    await mkdir(RESULTS_DIRECTORY, {recursive: true})
    await page.screenshot({path: `${RESULTS_DIRECTORY}preview-verzakking.png`, fullPage: true})

    await page.getByRole('link', {name: 'Bekkenfysiotherapeutische behandeling', exact: true}).click()
    await page.waitForURL(`${session.server.url}/behandelingen/bekkenfysiotherapie`)
    const expectedComponents = await componentTextsFromDataset()
    expect(expectedComponents).toHaveLength(5)
    expect(await page.locator('ul.components > li').allTextContents()).toEqual(expectedComponents)
    await page.close()
  })

  it('shows a proper 404 page for an unknown condition', async () => {
    const page = await session.browser.newPage()
    const response = await page.goto(`${session.server.url}/aandoeningen/bestaat-niet`)
    expect(response?.status()).toBe(404)
    expect(await page.locator('h1').textContent()).toBe('Pagina niet gevonden')
    await page.getByRole('link', {name: 'overzicht van aandoeningen'}).click()
    await page.waitForURL(`${session.server.url}/`)
    await page.close()
  })
})
