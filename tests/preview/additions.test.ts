import {afterAll, beforeAll, describe, expect, it} from 'vitest'
import type {RunningServer} from '../../lake/server'
import {buildDocuments} from '../../seed/build'
import {SourceText} from '../../seed/sourceText'
import {seededSitePaths, serveSeededPreview} from './support/previewPages'

/** Editorial values that are addresses and notes for editors, never page text. */
const NOT_PAGE_TEXT = new Set(['slug.current', 'notes'])
const ADDITION = /<span class="addition">((?:(?!<\/span>).)*)<\/span>/gsu

let server: RunningServer
/** The seed's own record of what it added (its provenance), independent of the marks in the dataset and of the pages. */
let editorialValues: Set<string>
const pages = new Map<string, string>()

const decode = (html: string) => html.replace(/&#(\d+);/gu, (_, code: string) => String.fromCodePoint(Number(code)))
/** The page without its head (title, description, JSON-LD): what a reader sees. */
const visible = (html: string) => decode(html.slice(html.indexOf('<body>')))

beforeAll(async () => {
  const built = buildDocuments(SourceText.load())
  if (!built.ok) throw new Error('the seed must build')
  editorialValues = new Set(
    built.provenance.flatMap((entry) => (entry.kind === 'editorial' && !NOT_PAGE_TEXT.has(entry.path) && typeof entry.value === 'string' ? [entry.value] : [])),
  )
  server = await serveSeededPreview()
  for (const path of [...(await seededSitePaths()), '/over-deze-informatie']) {
    const response = await fetch(`${server.url}${path}`)
    expect(response.status, path).toBe(200)
    pages.set(path, visible(await response.text()))
  }
})

afterAll(async () => {
  await server?.close()
})

describe('additions of the editors on the pages', () => {
  it('marks every editorial value a page shows, on every page', () => {
    const unmarked: string[] = []
    for (const [path, html] of pages) {
      const withoutMarked = html.replace(ADDITION, '')
      for (const value of editorialValues) {
        if (withoutMarked.includes(`>${value}<`) || withoutMarked.includes(`datetime="${value}"`)) unmarked.push(`${path}: ${value}`)
      }
    }
    expect(unmarked).toEqual([])
  })

  it('marks nothing but editorial values: no text of the leaflet looks like an addition', () => {
    const wrong: string[] = []
    let marked = 0
    for (const [path, html] of pages) {
      for (const [, inner = ''] of html.matchAll(ADDITION)) {
        marked++
        const value = /<time datetime="([^"]+)">/u.exec(inner)?.[1] ?? inner.replace(/<[^>]+>/gu, '')
        // A name may be shown with a capital first letter.
        if (![...editorialValues].some((editorial) => editorial.toLocaleLowerCase('nl') === value.toLocaleLowerCase('nl'))) wrong.push(`${path}: ${value}`)
      }
    }
    expect(wrong).toEqual([])
    expect(marked).toBeGreaterThan(10)
  })

  it('says on each page that marks something what the mark means, and links to the explanation', () => {
    for (const [path, html] of pages) {
      if (!ADDITION.test(html)) continue
      ADDITION.lastIndex = 0
      expect(html, path).toContain('<a href="/over-deze-informatie#toevoegingen">')
    }
    expect(pages.get('/over-deze-informatie')).toContain('<h2 id="toevoegingen">')
    expect(pages.get('/aandoeningen/verzakking')).toContain('<h1><span class="addition">Verzakking</span></h1>')
  })

  it('says "Genoemd bij" on the complaints, not "Hoort bij", and keeps the place in the short names', () => {
    const klachten = pages.get('/klachten') ?? ''
    expect(klachten).toContain('Genoemd bij:')
    expect(klachten).not.toContain('Hoort bij')
    expect(klachten).toContain('Voor druk gevoelige rode plekjes rond de vagina')
    expect(klachten).toContain('Brandende schrijnende pijn rond de vagina')
  })

  it('names the body parts as the leaflet does, and a spelling as a spelling', () => {
    const vvs = pages.get('/aandoeningen/vulvair-vestibulitis-syndroom') ?? ''
    expect(vvs).toMatch(/Gaat over: .*gebied rond de vagina/u)
    expect(vvs).not.toMatch(/Gaat over: .*Vagina/u)
    const dyspareunie = pages.get('/aandoeningen/dyspareunie') ?? ''
    expect(dyspareunie).toContain('Ook geschreven als: dyspareünie')
    expect(dyspareunie).not.toContain('Ook wel: dyspareünie')
  })
})
