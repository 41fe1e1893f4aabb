import {readFile} from 'node:fs/promises'
import {fileURLToPath} from 'node:url'
import {afterAll, beforeAll, describe, expect, it} from 'vitest'
import {readServerConfig} from '../../lake/config'
import {startServer, type RunningServer} from '../../lake/server'
import {createPreviewSite} from '../../preview/site'
import {PROLAPSE_PAGE_SECTIONS, writeTempDataset} from '../lake/fixtures'

const SEEDED_DATASET = fileURLToPath(new URL('../../dataset/production.ndjson', import.meta.url))

interface StoredDocument {
  _id: string
  _type: string
  title?: string
  slug?: {current: string}
  components?: Array<{_ref: string}>
  symptoms?: Array<{_ref: string}>
  [field: string]: unknown
}

let documents: StoredDocument[]
const byId = (id: string) => documents.find((document) => document._id === id)

async function servePreview(datasetPath: string): Promise<RunningServer> {
  const config = readServerConfig(['--dataset', datasetPath, '--port', '0'], {QUERY_WORKERS: '1'})
  return startServer(config, {pages: (store) => createPreviewSite({store})})
}

async function page(server: RunningServer, path: string): Promise<{status: number; html: string; response: Response}> {
  const response = await fetch(`${server.url}${path}`)
  return {status: response.status, html: await response.text(), response}
}

/** The heading levels in document order, e.g. [1, 2, 2, 3]. */
function headingLevels(html: string): number[] {
  return [...html.matchAll(/<h([1-6])[\s>]/g)].map((match) => Number(match[1]))
}

/** The text of each heading of a level, with tags removed and character references decoded. */
function headingTexts(html: string, level: number): string[] {
  return [...html.matchAll(new RegExp(`<h${level}[^>]*>(.*?)</h${level}>`, 'gs'))].map((match) =>
    (match[1] ?? '').replace(/<[^>]+>/g, '').replace(/&#(\d+);/g, (_, code: string) => String.fromCharCode(Number(code))),
  )
}

function jsonLdOf(html: string): unknown {
  const match = /<script type="application\/ld\+json">(.*?)<\/script>/s.exec(html)
  if (!match?.[1]) throw new Error('The page has no JSON-LD script element.')
  return JSON.parse(match[1])
}

function expectHeadingsInOrder(html: string): void {
  const levels = headingLevels(html)
  expect(levels[0]).toBe(1)
  expect(levels.filter((level) => level === 1)).toHaveLength(1)
  levels.forEach((level, index) => {
    if (index > 0) expect(level, `heading ${index} jumps from h${levels[index - 1]} to h${level}`).toBeLessThanOrEqual((levels[index - 1] ?? 1) + 1)
  })
}

let server: RunningServer

beforeAll(async () => {
  documents = (await readFile(SEEDED_DATASET, 'utf8'))
    .split('\n')
    .filter((line) => line.trim() !== '')
    .map((line) => JSON.parse(line) as StoredDocument)
  server = await servePreview(SEEDED_DATASET)
})

afterAll(async () => {
  await server?.close()
})

describe('the preview site', () => {
  it('lists every condition group and links every condition on the index', async () => {
    const {status, html} = await page(server, '/')
    expect(status).toBe(200)
    expect(html).toContain('<html lang="nl">')
    expectHeadingsInOrder(html)
    const groups = documents.filter((document) => document._type === 'conditionGroup')
    expect(groups).toHaveLength(2)
    expect(headingTexts(html, 2).sort()).toEqual(groups.map((group) => group.title).sort())
    const conditions = documents.filter((document) => document._type === 'condition' && !document._id.startsWith('drafts.'))
    expect(conditions.map((condition) => condition.slug?.current)).toEqual(['dyspareunie', 'vaginisme', 'verzakking', 'vulvair-vestibulitis-syndroom'])
    for (const condition of conditions) {
      expect(html).toContain(`href="/aandoeningen/${condition.slug?.current}"`)
    }
  })

  it('shows a condition page with headings in order, a link to its treatment and JSON-LD', async () => {
    const {status, html} = await page(server, '/aandoeningen/verzakking')
    expect(status).toBe(200)
    expect(html).toContain('<html lang="nl">')
    expectHeadingsInOrder(html)
    expect(headingTexts(html, 1)).toEqual(['Verzakking'])
    expect(headingTexts(html, 2)).toEqual(PROLAPSE_PAGE_SECTIONS)
    // The treatment itself has one home, its own page; the condition links to it.
    expect(html).toContain('href="/behandelingen/bekkenfysiotherapie"')
    expect(html).not.toContain('class="components"')
    const jsonLd = jsonLdOf(html) as {'@type': string; inLanguage: string; mainEntity: {'@type': string; name: string}}
    expect(jsonLd).toMatchObject({'@type': 'MedicalWebPage', inLanguage: 'nl', mainEntity: {'@type': 'MedicalCondition', name: 'Verzakking'}})
  })

  it('shows the difference with vaginisme once, on the dyspareunie page, and links the two', async () => {
    const dyspareunie = await page(server, '/aandoeningen/dyspareunie')
    expect(headingTexts(dyspareunie.html, 2)).toContain('Verwante aandoeningen')
    expect(dyspareunie.html).toContain('href="/aandoeningen/vaginisme"')
    expect(dyspareunie.html).toContain('Het onderscheid met vaginisme is vaak moeilijk te maken.')
    const vaginisme = await page(server, '/aandoeningen/vaginisme')
    expect(vaginisme.html).toContain('href="/aandoeningen/dyspareunie"')
    expect(vaginisme.html).not.toContain('Het onderscheid met vaginisme is vaak moeilijk te maken.')
  })

  it('puts the review status right under the title of every condition and treatment page', async () => {
    const paths = [
      ...documents.filter((document) => document._type === 'condition').map((document) => `/aandoeningen/${document.slug?.current}`),
      ...documents.filter((document) => document._type === 'treatment').map((document) => `/behandelingen/${document.slug?.current}`),
    ]
    expect(paths).toHaveLength(5)
    for (const path of paths) {
      const {html} = await page(server, path)
      expect(html, path).toMatch(/<\/h1>\s*<div class="review-block"><p class="review-status"><strong>Nog niet medisch gecontroleerd\.<\/strong>/u)
    }
  })

  it('gives the treatment page its sources and JSON-LD, with no review it did not have', async () => {
    const {html} = await page(server, '/behandelingen/bekkenfysiotherapie')
    expect(headingTexts(html, 3)).toContain('Bronnen')
    expect(html).toContain('Folder bekkenfysiotherapie: verzakkingen, behandeling en pijn rond de geslachtsdelen')
    const jsonLd = jsonLdOf(html) as Record<string, unknown>
    expect(jsonLd).toMatchObject({
      '@type': 'MedicalWebPage',
      inLanguage: 'nl',
      medicalAudience: {'@type': 'Patient'},
      citation: [{'@type': 'CreativeWork', name: 'Folder bekkenfysiotherapie: verzakkingen, behandeling en pijn rond de geslachtsdelen'}],
      mainEntity: {'@type': 'PhysicalTherapy', name: 'Bekkenfysiotherapeutische behandeling'},
    })
    expect(jsonLd).not.toHaveProperty('lastReviewed')
    expect(jsonLd).not.toHaveProperty('reviewedBy')
  })

  it('shows a treatment page with its components as a bulleted list in order, and the conditions it treats', async () => {
    const {status, html} = await page(server, '/behandelingen/bekkenfysiotherapie')
    expect(status).toBe(200)
    expectHeadingsInOrder(html)
    expect(headingTexts(html, 1)).toEqual(['Bekkenfysiotherapeutische behandeling'])
    const treatment = byId('treatment-bekkenfysiotherapie')
    // Each component once: its full text when it has one, else its title.
    const componentTexts = (treatment?.components ?? []).map((reference) => {
      const component = byId(reference._ref)
      return String(component?.description ?? component?.title)
    })
    expect(componentTexts).toHaveLength(5)
    // Bullets, as in the leaflet: numbers would suggest fixed steps.
    expect(html).not.toContain('<ol')
    const list = /<ul class="components">(.*?)<\/ul>/s.exec(html)?.[1] ?? ''
    expect([...list.matchAll(/<li>(.*?)<\/li>/g)].map((match) => match[1])).toEqual(componentTexts)
    for (const slug of ['dyspareunie', 'vaginisme', 'verzakking', 'vulvair-vestibulitis-syndroom']) expect(html).toContain(`href="/aandoeningen/${slug}"`)
  })

  it('lists symptoms by category, each linking to the conditions that have it', async () => {
    const {status, html} = await page(server, '/klachten')
    expect(status).toBe(200)
    expectHeadingsInOrder(html)
    expect(headingTexts(html, 2)).toContain('Blaas en plassen')
    const conditions = documents.filter((document) => document._type === 'condition' && !document._id.startsWith('drafts.'))
    const links = documents
      .filter((document) => document._type === 'symptom')
      .flatMap((symptom) => conditions.filter((condition) => condition.symptoms?.some((reference) => reference._ref === symptom._id)).map((condition) => ({symptom, condition})))
    // 18 links: 17 complaints, one of them (pain in the lower belly or around the genitals) had by two conditions.
    expect(links).toHaveLength(18)
    for (const {symptom, condition} of links) {
      const item = new RegExp(`<li id="${symptom.slug?.current}">(.*?)</li>`, 's').exec(html)?.[1] ?? ''
      expect(item, `${symptom._id} links ${condition._id}`).toContain(`href="/aandoeningen/${condition.slug?.current}"`)
    }
  })

  it('names each complaint once with a capital, in Dutch alphabetical order, never as a fragment of its sentence', async () => {
    const {html} = await page(server, '/klachten')
    const collator = new Intl.Collator('nl', {sensitivity: 'base', numeric: true})
    const sections = [...html.matchAll(/<ul class="symptoms">(.*?)<\/ul>/gs)].map((match) => match[1] ?? '')
    expect(sections.length).toBeGreaterThan(1)
    const namesBySection = sections.map((section) => [...section.matchAll(/<li id="[^"]+"><strong>(.*?)<\/strong>/g)].map((match) => (match[1] ?? '').replace(/<[^>]+>/g, '')))
    // Every one of the 17 seeded complaints, each once.
    expect(namesBySection.flat()).toHaveLength(17)
    expect(new Set(namesBySection.flat()).size).toBe(17)
    for (const names of namesBySection) {
      expect(names.length).toBeGreaterThan(0)
      expect(names).toEqual([...names].sort(collator.compare))
      for (const name of names) expect(name, name).toMatch(/^\p{Lu}/u)
    }
    // The stored text keeps its lower case; only the display capitalises it.
    expect(byId('symptom-moeite-met-uitplassen')?.title).toBe('moeite met uitplassen')
    expect(html).toContain('<strong>Moeite met uitplassen</strong>')
    expect(html).not.toContain('Als gevolg hiervan')
    for (const slug of ['vaginisme', 'dyspareunie']) expect(html, slug).toContain(`href="/aandoeningen/${slug}"`)
  })

  it('answers an unknown slug with a 404 page', async () => {
    for (const path of ['/aandoeningen/bestaat-niet', '/behandelingen/bestaat-niet', '/nergens']) {
      const {status, html, response} = await page(server, path)
      expect(status, path).toBe(404)
      expect(response.headers.get('content-type')).toContain('text/html')
      expect(html).toContain('<html lang="nl">')
      expect(headingTexts(html, 1)).toEqual(['Pagina niet gevonden'])
    }
  })

  it('answers a repeat request for a page with 304', async () => {
    const first = await fetch(`${server.url}/aandoeningen/verzakking`)
    const etag = first.headers.get('etag') ?? ''
    expect(etag).not.toBe('')
    const repeat = await fetch(`${server.url}/aandoeningen/verzakking`, {headers: {'if-none-match': etag}})
    expect(repeat.status).toBe(304)
  })

  it('serves a stylesheet that adapts to small screens', async () => {
    const {status, html: css, response} = await page(server, '/styles.css')
    expect(status).toBe(200)
    expect(response.headers.get('content-type')).toContain('text/css')
    expect(css).toContain('max-width')
    const {html} = await page(server, '/')
    expect(html).toContain('<meta name="viewport" content="width=device-width, initial-scale=1">')
  })
})

describe('escaping', () => {
  const hostileTitle = 'Verzakking </script><script>alert(1)</script> & <b>vet</b>'
  let hostileServer: RunningServer
  let remove: () => Promise<void>

  beforeAll(async () => {
    const altered = documents.map((document) =>
      document._id === 'condition-verzakking' ? {...document, title: hostileTitle, summary: 'Samenvatting met <img src=x onerror=alert(1)>.'} : document,
    )
    const dataset = await writeTempDataset(altered)
    remove = dataset.remove
    hostileServer = await servePreview(dataset.datasetPath)
  })

  afterAll(async () => {
    await hostileServer?.close()
    await remove?.()
  })

  it('escapes text from the dataset in the markup and in the JSON-LD', async () => {
    const {html} = await page(hostileServer, '/aandoeningen/verzakking')
    expect(html).not.toContain('<script>alert(1)')
    expect(html).not.toContain('<img src=x')
    expect(html).not.toContain('<b>vet</b>')
    // Exactly one script element, the JSON-LD, and it still carries the title unchanged.
    expect(html.match(/<script/g)).toHaveLength(1)
    expect(html.match(/<\/script>/g)).toHaveLength(1)
    const jsonLd = jsonLdOf(html) as {mainEntity: {name: string}}
    expect(jsonLd.mainEntity.name).toBe(hostileTitle)
    expect(html).toContain('<h1><span class="addition">Verzakking &#60;/script&#62;&#60;script&#62;alert(1)&#60;/script&#62; &#38; &#60;b&#62;vet&#60;/b&#62;</span></h1>')
    expect(headingTexts(html, 1)).toEqual([hostileTitle])
    const index = await page(hostileServer, '/')
    expect(index.html).not.toContain('<script>alert(1)')
  })
})
