import {beforeAll, describe, expect, it} from 'vitest'
import {previewSites, seededDocuments} from './support/previewSites'
import {seededSitePaths} from './support/previewPages'

interface StoredDocument {
  _id: string
  _type: string
  [field: string]: unknown
}

let documents: StoredDocument[]
let paths: string[]
const sites = previewSites()

function serveWithPractice(practice: Record<string, string>) {
  return sites.serve(documents.map((document) => (document._type === 'practice' ? {...document, ...practice} : document)))
}

const contentPaths = () => paths.filter((path) => path.startsWith('/aandoeningen/') || path.startsWith('/behandelingen/'))

beforeAll(async () => {
  documents = await seededDocuments<StoredDocument>()
  paths = await seededSitePaths()
})

describe('the contact block, from the practice document', () => {
  it('is seeded empty: the leaflet names no practice, so nothing is invented', () => {
    const practices = documents.filter((document) => document._type === 'practice')
    expect(practices).toEqual([{_id: 'practice-contact', _type: 'practice'}])
  })

  it('shows nothing on any page while the practice has filled in nothing', async () => {
    const server = await serveWithPractice({})
    for (const path of paths) {
      const html = await (await fetch(`${server.url}${path}`)).text()
      expect(html, path).not.toContain('id="contact"')
      expect(html, path).not.toContain('tel:')
    }
  })

  it('shows on every condition and treatment page what the practice filled in, and only that', async () => {
    const server = await serveWithPractice({name: 'Praktijk De Linde', phone: '030 123 45 67', whenToCall: 'Bel ons voor een afspraak.'})
    expect(contentPaths()).toHaveLength(5)
    for (const path of contentPaths()) {
      const html = await (await fetch(`${server.url}${path}`)).text()
      const block = /<section aria-labelledby="contact" class="contact">(.*?)<\/section>/su.exec(html)?.[1] ?? ''
      expect(block, path).toContain('<h2 id="contact">Contact</h2>')
      expect(block, path).toContain('Praktijk De Linde')
      expect(block, path).toContain('Bel ons voor een afspraak.')
      expect(block, path).toContain('<a href="tel:0301234567">030 123 45 67</a>')
      expect(block, path).not.toContain('Adres')
      expect(block, path).not.toContain('Openingstijden')
    }
  })

  it('keeps the lines of an address and opening hours, and escapes them', async () => {
    const server = await serveWithPractice({address: 'Lindelaan 1\n1234 AB Utrecht', openingHours: 'Ma–vr <8.00–17.00>'})
    const html = await (await fetch(`${server.url}/aandoeningen/verzakking`)).text()
    expect(html).toContain('<dt>Adres</dt><dd>Lindelaan 1<br>1234 AB Utrecht</dd>')
    expect(html).toContain('<dt>Openingstijden</dt><dd>Ma–vr &#60;8.00–17.00&#62;</dd>')
    expect(html).not.toContain('<dt>Telefoon</dt>')
  })
})
