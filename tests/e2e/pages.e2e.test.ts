import {readFile} from 'node:fs/promises'
import {createRequire} from 'node:module'
import type {AxeResults} from 'axe-core'
import type {Page} from 'playwright-core'
import {beforeAll, describe, expect, it} from 'vitest'
import {seededDocuments, usePreviewSite} from './support/previewSite'

/** A phone (iPhone 12 to 15) and a laptop. */
const WIDTHS = [390, 1280] as const
/** Each width in the light scheme, and the phone in the dark one, whose colours are contrast-checked too. */
const VIEWS = [...WIDTHS.map((width) => ({width, colorScheme: 'light' as const})), {width: 390, colorScheme: 'dark' as const}]
/** Impacts that block or seriously hinder a reader; axe-core also reports "moderate" and "minor". */
const BLOCKING_IMPACTS = new Set(['serious', 'critical'])

interface StoredDocument {
  _id: string
  _type: string
  slug?: {current: string}
}

const session = usePreviewSite()
let axeSource: string
let paths: string[]

beforeAll(async () => {
  const documents = await seededDocuments<StoredDocument>()
  paths = [
    '/',
    '/klachten',
    ...documents.filter((document) => document._type === 'condition').map((document) => `/aandoeningen/${document.slug?.current}`),
    ...documents.filter((document) => document._type === 'treatment').map((document) => `/behandelingen/${document.slug?.current}`),
    '/bestaat-niet',
  ]
  axeSource = await readFile(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8')
})

/** Runs the real axe-core in the page; the site's CSP forbids scripts, so the test context bypasses it. */
async function axeViolations(page: Page): Promise<AxeResults['violations']> {
  await page.addScriptTag({content: axeSource})
  const results = await page.evaluate(async () => {
    const axe = (window as unknown as {axe: {run: (context: Document, options: object) => Promise<AxeResults>}}).axe // injected above
    return axe.run(document, {resultTypes: ['violations']})
  })
  return results.violations
}

describe('every page in a browser, on a phone and on a laptop', () => {
  for (const {width, colorScheme} of VIEWS) {
    it(`fits ${width} px (${colorScheme}) without sideways scrolling and has no serious or critical axe-core violations`, async () => {
      const context = await session.browser.newContext({viewport: {width, height: 900}, colorScheme, bypassCSP: true})
      const problems: string[] = []
      const byImpact = new Map<string, number>()
      try {
        for (const path of paths) {
          const page = await context.newPage()
          await page.goto(`${session.server.url}${path}`)
          const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth)
          if (overflow > 0) problems.push(`${path} at ${width} px scrolls sideways by ${overflow} px`)
          for (const violation of await axeViolations(page)) {
            byImpact.set(violation.impact ?? 'unknown', (byImpact.get(violation.impact ?? 'unknown') ?? 0) + violation.nodes.length)
            if (BLOCKING_IMPACTS.has(violation.impact ?? '')) {
              problems.push(`${path} at ${width} px: ${violation.id} (${violation.impact}): ${violation.nodes.map((node) => node.target.join(' ')).join(', ')}`)
            }
          }
          await page.close()
        }
      } finally {
        await context.close()
      }
      console.log(
        `axe-core at ${width} px (${colorScheme}) over ${paths.length} pages: ${byImpact.size === 0 ? 'no violations' : [...byImpact].map(([impact, nodes]) => `${nodes} ${impact}`).join(', ')}`,
      )
      expect(problems).toEqual([])
    })
  }

  it('runs axe-core for real: it reports a known critical violation', async () => {
    const page = await session.browser.newPage()
    await page.setContent('<!doctype html><html lang="nl"><head><title>Proef</title></head><body><main><img src="data:,"></main></body></html>')
    const violations = await axeViolations(page)
    expect(violations.map((violation) => [violation.id, violation.impact])).toContainEqual(['image-alt', 'critical'])
    await page.close()
  })

  it('keeps the menu items on one line with each other', async () => {
    for (const width of WIDTHS) {
      const page = await session.browser.newPage({viewport: {width, height: 900}})
      await page.goto(`${session.server.url}/`)
      const tops = await page.locator('.site-header nav li').evaluateAll((items) => items.map((item) => item.getBoundingClientRect().top))
      expect(tops.length, `${width} px`).toBe(2)
      expect(new Set(tops).size, `menu items at ${width} px start at ${tops.join(', ')}`).toBe(1)
      await page.close()
    }
  })
})
