import {beforeAll, describe, expect, it} from 'vitest'
import {previewSites, seededDocuments} from './support/previewSites'
import {seededSitePaths} from './support/previewPages'
import {textBlocks} from './support/textBlocks'

const APPROVED = {_type: 'valueReview', status: 'approved', reviewedBy: 'J. Jansen, gynaecoloog', reviewedOn: '2027-01-10'}

interface StoredDocument {
  _id: string
  _type: string
  explanation?: string
  valueReview?: {status: string}
  additions?: Array<{path: string}>
}

let documents: StoredDocument[]
const sites = previewSites()

const pageHtml = async (server: {url: string}, path: string) => (await fetch(`${server.url}${path}`)).text()

beforeAll(async () => {
  documents = await seededDocuments<StoredDocument>()
})

describe('difficult words explained', () => {
  it('seeds each explanation as an addition of the editors that awaits its medical check', () => {
    const terms = documents.filter((document) => document._type === 'glossaryTerm')
    expect(terms.map((term) => term._id)).toEqual([
      'glossaryTerm-adipositas',
      'glossaryTerm-obstipatie',
      'glossaryTerm-penetratie',
      'glossaryTerm-progressief',
      'glossaryTerm-recidiverend',
      'glossaryTerm-rupturen',
    ])
    for (const term of terms) {
      expect(term.valueReview?.status, term._id).toBe('pending')
      expect(
        term.additions?.map((addition) => addition.path),
        term._id,
      ).toContain('explanation')
    }
  })

  it('shows no explanation that awaits its check, on any page', async () => {
    const server = await sites.serve(documents)
    for (const path of await seededSitePaths()) {
      const html = await pageHtml(server, path)
      expect(html, path).not.toContain('class="term"')
      expect(html, path).not.toContain('id="uitleg"')
    }
  })

  it('links the first use of an approved word on a page to its explanation, marked as an addition, and leaves the sentence as it was', async () => {
    const approve = new Set(['glossaryTerm-obstipatie', 'glossaryTerm-penetratie', 'glossaryTerm-adipositas'])
    const server = await sites.serve(documents.map((document) => (approve.has(document._id) ? {...document, valueReview: APPROVED} : document)))
    const seeded = await sites.serve(documents)

    const verzakking = await pageHtml(server, '/aandoeningen/verzakking')
    expect(verzakking.match(/<a class="term" href="#uitleg-obstipatie">/gu)).toHaveLength(1)
    expect(verzakking.match(/<a class="term" href="#uitleg-adipositas">/gu)).toHaveLength(1)
    // "progressief" still waits for its check.
    expect(verzakking).not.toContain('#uitleg-progressief')
    expect(verzakking).toContain('<dt id="uitleg-obstipatie">obstipatie</dt><dd><span class="addition">Verstopping: moeilijk of weinig poepen.</span></dd>')
    const withoutGlossary = (html: string) => textBlocks(html.replace(/<section aria-labelledby="uitleg".*?<\/section>/su, ''))
    expect(withoutGlossary(verzakking)).toEqual(textBlocks(await pageHtml(seeded, '/aandoeningen/verzakking')))

    // "penetratie" is used twice on the VVS page: only the first links.
    const vvs = await pageHtml(server, '/aandoeningen/vulvair-vestibulitis-syndroom')
    expect(vvs.match(/class="term"/gu)).toHaveLength(1)
    expect(vvs.indexOf('href="#uitleg-penetratie"')).toBeLessThan(vvs.lastIndexOf('penetratie'))
    expect(vvs).toContain('id="uitleg-penetratie"')
  })
})
