import {readFile} from 'node:fs/promises'
import {fileURLToPath} from 'node:url'
import {afterAll, beforeAll, describe, expect, it} from 'vitest'
import {readServerConfig} from '../../scripts/server/config'
import {startServer, type RunningServer} from '../../scripts/server/createServer'
import {createPreviewSite} from '../../scripts/preview/site'
import {PROLAPSE_PAGE_SECTIONS, writeTempDataset} from './fixtures'

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
    expect(headingTexts(html, 2).sort()).toEqual(groups.map((group) => group.title).sort())
    for (const condition of documents.filter((document) => document._type === 'condition' && !document._id.startsWith('drafts.'))) {
      expect(html).toContain(`href="/aandoeningen/${condition.slug?.current}"`)
    }
  })

  it('shows a condition page with headings in order, the components in order and JSON-LD', async () => {
    const {status, html} = await page(server, '/aandoeningen/verzakking')
    expect(status).toBe(200)
    expect(html).toContain('<html lang="nl">')
    expectHeadingsInOrder(html)
    expect(headingTexts(html, 1)).toEqual(['Verzakking'])
    expect(headingTexts(html, 2)).toEqual(PROLAPSE_PAGE_SECTIONS)
    const treatment = byId('treatment.bekkenfysiotherapie')
    const componentTitles = (treatment?.components ?? []).map((reference) => byId(reference._ref)?.title)
    expect(componentTitles).toHaveLength(5)
    const list = /<ol class="components">(.*?)<\/ol>/s.exec(html)?.[1] ?? ''
    expect([...list.matchAll(/<strong>(.*?)<\/strong>/g)].map((match) => match[1])).toEqual(componentTitles)
    expect(html).toContain('Laatst gecontroleerd')
    expect(html).toContain('Volgende controle')
    const jsonLd = jsonLdOf(html) as {'@type': string; inLanguage: string; mainEntity: {'@type': string; name: string}}
    expect(jsonLd).toMatchObject({'@type': 'MedicalWebPage', inLanguage: 'nl', mainEntity: {'@type': 'MedicalCondition', name: 'Verzakking'}})
  })

  it('shows related conditions with the distinction', async () => {
    const {html} = await page(server, '/aandoeningen/dyspareunie')
    expect(headingTexts(html, 2)).toContain('Verwante aandoeningen')
    expect(html).toContain('href="/aandoeningen/vaginisme"')
    expect(html).toContain('Het onderscheid met vaginisme is vaak moeilijk te maken.')
  })

  it('shows a treatment page with the conditions it treats', async () => {
    const {status, html} = await page(server, '/behandelingen/bekkenfysiotherapie')
    expect(status).toBe(200)
    expectHeadingsInOrder(html)
    expect(headingTexts(html, 1)).toEqual(['Bekkenfysiotherapeutische behandeling'])
    expect(html).toContain('href="/aandoeningen/verzakking"')
  })

  it('lists symptoms by category, each linking to the conditions that have it', async () => {
    const {status, html} = await page(server, '/klachten')
    expect(status).toBe(200)
    expectHeadingsInOrder(html)
    expect(headingTexts(html, 2)).toContain('Blaas en plassen')
    const conditions = documents.filter((document) => document._type === 'condition' && !document._id.startsWith('drafts.'))
    for (const symptom of documents.filter((document) => document._type === 'symptom')) {
      const item = new RegExp(`<li id="${symptom.slug?.current}">(.*?)</li>`, 's').exec(html)?.[1] ?? ''
      const having = conditions.filter((condition) => condition.symptoms?.some((reference) => reference._ref === symptom._id))
      for (const condition of having) expect(item, `${symptom._id} links ${condition._id}`).toContain(`href="/aandoeningen/${condition.slug?.current}"`)
    }
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
      document._id === 'condition.verzakking' ? {...document, title: hostileTitle, summary: 'Samenvatting met <img src=x onerror=alert(1)>.'} : document,
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
    expect(html).toContain('<h1>Verzakking &#60;/script&#62;&#60;script&#62;alert(1)&#60;/script&#62; &#38; &#60;b&#62;vet&#60;/b&#62;</h1>')
    expect(headingTexts(html, 1)).toEqual([hostileTitle])
    const index = await page(hostileServer, '/')
    expect(index.html).not.toContain('<script>alert(1)')
  })
})
