import {beforeAll, describe, expect, it} from 'vitest'
import {seededDocuments, usePreviewSite} from './support/previewSite'

/** WCAG 2.2 target size (minimum), 2.5.8: 24 by 24 CSS pixels. */
const MIN_TARGET = 24
/** The main navigation gets the size of a comfortable thumb target (Apple and Android guidance, WCAG 2.5.5). */
const MIN_NAVIGATION_TARGET = 44

interface StoredDocument {
  _type: string
  slug?: {current: string}
}

const session = usePreviewSite()
let paths: string[]

beforeAll(async () => {
  const documents = await seededDocuments<StoredDocument>()
  paths = [
    '/',
    '/klachten',
    '/over-deze-informatie',
    ...documents.filter((document) => document._type === 'condition').map((document) => `/aandoeningen/${document.slug?.current}`),
    ...documents.filter((document) => document._type === 'treatment').map((document) => `/behandelingen/${document.slug?.current}`),
  ]
})

describe('targets a thumb can hit, measured in Chromium on a phone (390 px)', () => {
  it(`gives every link at least ${MIN_TARGET}×${MIN_TARGET} px, and the header's links at least ${MIN_NAVIGATION_TARGET} px height`, async () => {
    const page = await session.browser.newPage({viewport: {width: 390, height: 844}})
    const small: string[] = []
    let measured = 0
    let smallest = Number.POSITIVE_INFINITY
    try {
      for (const path of paths) {
        await page.goto(`${session.server.url}${path}`)
        const links = await page.locator('a[href]').evaluateAll((elements) =>
          elements.map((element) => {
            // A link that wraps over lines is one target per line: each line's box must be big enough to hit.
            const lines = [...element.getClientRects()].map((rect) => ({width: rect.width, height: rect.height}))
            return {text: (element.textContent ?? '').trim(), header: element.closest('.site-header') !== null, lines}
          }),
        )
        for (const link of links) {
          measured++
          const height = Math.min(...link.lines.map((line) => line.height))
          const width = Math.max(...link.lines.map((line) => line.width))
          smallest = Math.min(smallest, height)
          const minimum = link.header ? MIN_NAVIGATION_TARGET : MIN_TARGET
          if (height < minimum - 0.01 || width < MIN_TARGET - 0.01)
            small.push(`${path} "${link.text}": ${width.toFixed(1)}×${height.toFixed(1)} px (at least ${MIN_TARGET}×${minimum})`)
        }
      }
    } finally {
      await page.close()
    }
    console.log(`Target sizes at 390 px: ${measured} links on ${paths.length} pages, the lowest ${smallest.toFixed(1)} px high`)
    expect(measured).toBeGreaterThan(50)
    expect(small).toEqual([])
  })
})
