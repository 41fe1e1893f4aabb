import {readFile} from 'node:fs/promises'
import {fileURLToPath} from 'node:url'
import {afterAll, beforeAll, describe, expect, it} from 'vitest'
import {readServerConfig} from '../../lake/config'
import {startServer, type RunningServer} from '../../lake/server'
import {createPreviewSite} from '../../preview/site'
import {writeTempDataset} from '../lake/fixtures'
import {seededSitePaths} from './support/previewPages'
import {textBlocks} from './support/textBlocks'

const SEEDED_DATASET = fileURLToPath(new URL('../../dataset/production.ndjson', import.meta.url))
const APPROVED = {_type: 'valueReview', status: 'approved', reviewedBy: 'J. Jansen, gynaecoloog', reviewedOn: '2027-01-10'}

interface StoredDocument {
  _id: string
  _type: string
  explanation?: string
  valueReview?: {status: string}
  additions?: Array<{path: string}>
}

let documents: StoredDocument[]
const servers: RunningServer[] = []
const removers: Array<() => Promise<void>> = []

async function serve(dataset: readonly StoredDocument[]): Promise<RunningServer> {
  const written = await writeTempDataset(dataset)
  removers.push(written.remove)
  const server = await startServer(readServerConfig(['--dataset', written.datasetPath, '--port', '0'], {QUERY_WORKERS: '1'}), {pages: (store) => createPreviewSite({store})})
  servers.push(server)
  return server
}

const pageHtml = async (server: RunningServer, path: string) => (await fetch(`${server.url}${path}`)).text()

beforeAll(async () => {
  documents = (await readFile(SEEDED_DATASET, 'utf8'))
    .split('\n')
    .filter((line) => line.trim() !== '')
    .map((line) => JSON.parse(line) as StoredDocument)
})

afterAll(async () => {
  for (const server of servers) await server.close()
  for (const remove of removers) await remove()
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
    const server = await serve(documents)
    for (const path of await seededSitePaths()) {
      const html = await pageHtml(server, path)
      expect(html, path).not.toContain('class="term"')
      expect(html, path).not.toContain('id="uitleg"')
    }
  })

  it('links the first use of an approved word on a page to its explanation, marked as an addition, and leaves the sentence as it was', async () => {
    const approve = new Set(['glossaryTerm-obstipatie', 'glossaryTerm-penetratie', 'glossaryTerm-adipositas'])
    const server = await serve(documents.map((document) => (approve.has(document._id) ? {...document, valueReview: APPROVED} : document)))
    const seeded = await serve(documents)

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
