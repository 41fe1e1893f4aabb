import {readFileSync} from 'node:fs'
import type {IncomingMessage, ServerResponse} from 'node:http'
import {createContentClient, toHtml, toJsonLd} from '../../client/index'
import {bodyEtag, etagMatches} from '../server/etag'
import type {PreviewContent, PreviewRenderers} from './content'
import {conditionPage, errorPage, indexPage, notFoundPage, symptomsPage, treatmentPage} from './pages'

const STYLESHEET = readFileSync(new URL('./styles.css', import.meta.url), 'utf8')

/** Pages kept after rendering; far more than the dataset has, but bounded against odd Host headers. */
const MAX_CACHED_PAGES = 2000

interface Rendered {
  status: number
  contentType: string
  body: string
  etag: string
}

export interface PreviewSiteOptions {
  datasetPath: string
}

export interface PreviewSite {
  handle(request: IncomingMessage, response: ServerResponse, url: URL): Promise<void>
}

function decodeSegment(segment: string): string | null {
  try {
    return decodeURIComponent(segment)
  } catch {
    return null
  }
}

/**
 * The reference frontend: every page is rendered on the server from the
 * typed client's embedded backend. The dataset never changes while the
 * server runs, so a rendered page is kept and served again as is.
 */
export function createPreviewSite(options: PreviewSiteOptions, content: PreviewContent = createContentClient({dataset: options.datasetPath}), renderers: PreviewRenderers = {toHtml, toJsonLd}): PreviewSite {
  const rendered = new Map<string, Promise<Rendered>>()

  /** Renders a page, or returns null when nothing lives at the path. */
  async function renderPage(pathname: string, origin: string): Promise<string | null> {
    if (pathname === '/') return indexPage((await content.listConditionGroups()).items, renderers)
    if (pathname === '/klachten') {
      const groups = (await content.listSymptoms()).items
      const withConditions = await Promise.all(
        groups.map(async (group) => ({
          title: group.title,
          category: group.category,
          symptoms: await Promise.all(
            group.symptoms.map(async (symptom) => ({symptom, conditions: (await content.findConditionsBySymptom(symptom.slug))?.conditions ?? []})),
          ),
        })),
      )
      return symptomsPage(withConditions)
    }
    const match = /^\/(aandoeningen|behandelingen)\/([^/]+)$/.exec(pathname)
    const slug = match?.[2] === undefined ? null : decodeSegment(match[2])
    if (!match || slug === null) return null
    if (match[1] === 'aandoeningen') {
      const page = await content.getCondition(slug)
      return page && conditionPage(page, {url: `${origin}${pathname}`, renderers})
    }
    const page = await content.getTreatment(slug)
    return page && treatmentPage(page, renderers)
  }

  async function render(pathname: string, origin: string): Promise<Rendered> {
    if (pathname === '/styles.css') return {status: 200, contentType: 'text/css; charset=utf-8', body: STYLESHEET, etag: bodyEtag(STYLESHEET)}
    const page = await renderPage(pathname, origin)
    const body = page ?? notFoundPage(pathname)
    return {status: page === null ? 404 : 200, contentType: 'text/html; charset=utf-8', body, etag: bodyEtag(body)}
  }

  return {
    async handle(request, response, url) {
      // Trailing slashes lead to the same page, so links and bookmarks with them work too.
      const pathname = url.pathname.length > 1 && url.pathname.endsWith('/') ? url.pathname.slice(0, -1) : url.pathname
      const origin = `http://${request.headers.host ?? 'localhost'}`
      let page: Rendered
      try {
        // The JSON-LD names the page's URL, so the host is part of the key.
        const key = `${origin}${pathname}`
        let pending = rendered.get(key)
        if (!pending) {
          pending = render(pathname, origin)
          const result = await pending
          // Only real pages are kept (unknown paths are unbounded), and only so many.
          if (result.status === 200) {
            if (rendered.size >= MAX_CACHED_PAGES) rendered.delete(rendered.keys().next().value as string)
            rendered.set(key, pending)
          }
        }
        page = await pending
      } catch (error) {
        console.error(error)
        const body = errorPage()
        page = {status: 500, contentType: 'text/html; charset=utf-8', body, etag: bodyEtag(body)}
      }
      response.setHeader('x-content-type-options', 'nosniff')
      response.setHeader('content-security-policy', "default-src 'none'; style-src 'self'; img-src 'self'; base-uri 'none'; form-action 'none'")
      if (page.status === 200 && etagMatches(request.headers['if-none-match'], page.etag)) {
        response.statusCode = 304
        response.setHeader('etag', page.etag)
        response.end()
        return
      }
      response.statusCode = page.status
      response.setHeader('content-type', page.contentType)
      if (page.status === 200) {
        response.setHeader('etag', page.etag)
        response.setHeader('cache-control', 'no-cache')
      }
      response.end(page.body)
    },
  }
}
