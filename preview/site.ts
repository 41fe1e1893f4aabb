import {readFileSync} from 'node:fs'
import type {ServerResponse} from 'node:http'
import {ApiError} from '../lake/http/apiError'
import type {PageSite} from '../lake/server'
import {bodyEtag, etagMatches, queryEtag} from '../lake/http/etag'
import {isoDay} from '../schemas/reviewStatus'
import type {DatasetStore} from '../lake/store/datasetStore'
import {WorkerPool} from '../lake/workers/workerPool'
import {errorPage} from './pages'
import type {RenderJob, RenderOutcome} from './renderWorker'
import {DraftMode, type DraftModeAccess} from './draftMode'
import {visualEditingScript} from './visualEditingScript'
import {DRAFT_MODE_EVENTS_PATH, VISUAL_EDITING_SCRIPT_PATH} from '../schemas/studio/previewPaths'
import {encodeServerSentEvent, KEEP_ALIVE_COMMENT} from '../lake/http/serverSentEvents'

const STYLESHEET = readFileSync(new URL('./styles.css', import.meta.url), 'utf8')
const STYLESHEET_ETAG = bodyEtag(STYLESHEET)
const WORKER_MODULE = new URL('./renderWorker.ts', import.meta.url)

/** Pages kept per dataset version; far more than the dataset has, but bounded against odd paths. */
const MAX_CACHED_PAGES = 2000
const CONTENT_SECURITY_POLICY = "default-src 'none'; style-src 'self'; img-src 'self'; base-uri 'none'; form-action 'none'"
/**
 * Draft mode runs the overlays' script from this site, which talks to the
 * Studio framing it (same origin) and inserts its own styles; nothing else
 * may frame the page.
 */
const DRAFT_MODE_CONTENT_SECURITY_POLICY =
  "default-src 'none'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; connect-src 'self'; base-uri 'none'; form-action 'none'; frame-ancestors 'self'"

export interface PreviewSiteOptions {
  store: DatasetStore
  /** A page taking longer is stopped and answered with 503 (RENDER_TIMEOUT_MS). */
  renderTimeoutMs?: number
  /** Worker threads that render pages (PREVIEW_WORKERS). */
  workers?: number
  /** Renders waiting longer than this for a worker are refused with 503. */
  queueTimeoutMs?: number
  /** Lets the Studio's Presentation tool open draft mode; without it draft mode is refused. */
  draftMode?: DraftModeAccess
  /** Today's date (YYYY-MM-DD, UTC), which decides whether a medical check is due; the clock unless a test sets it. */
  today?: () => string
}

export interface PreviewSite extends PageSite {
  /** How many pages have been rendered so far (not served from the per-version cache). */
  renderCount(): number
}

interface Page {
  status: number
  body: string
  /** Only pages that exist get a tag; it follows the dataset version and the day, so a 304 needs no render. */
  etag?: string
}

function renderTimeoutError(job: RenderJob, timeoutMs: number): ApiError {
  return new ApiError(503, `Rendering ${job.pathname} took longer than the limit of ${timeoutMs} ms (RENDER_TIMEOUT_MS) and was stopped.`)
}

function sendHtml(response: ServerResponse, page: Page): void {
  response.statusCode = page.status
  response.setHeader('content-type', 'text/html; charset=utf-8')
  if (page.etag) {
    response.setHeader('etag', page.etag)
    response.setHeader('cache-control', 'no-cache')
  }
  response.end(page.body)
}

/**
 * The reference frontend: every page is rendered from the typed client's
 * embedded backend, on a worker thread with a time limit. A page is
 * rendered once per dataset version and shared by concurrent requests.
 */
export function createPreviewSite(options: PreviewSiteOptions): PreviewSite {
  const {store} = options
  const today = options.today ?? (() => isoDay())
  const renderTimeoutMs = options.renderTimeoutMs ?? 10_000
  const workers = options.workers ?? 1
  const pool = new WorkerPool<RenderJob, RenderOutcome>({
    label: 'page render',
    workerModule: WORKER_MODULE,
    store,
    size: workers,
    timeoutMs: renderTimeoutMs,
    timeoutError: renderTimeoutError,
    queueTimeoutMs: options.queueTimeoutMs ?? renderTimeoutMs * 2,
    queueTimeoutName: 'RENDER_TIMEOUT_MS',
    maxQueued: 256,
    maxQueuedName: 'the preview render queue',
    // Pages share the workers evenly; one slow page must not hold them all.
    longRunningMs: renderTimeoutMs,
    maxLongRunning: workers,
    log: console.error,
  })
  let cachedVersion = store.current().version
  const rendered = new Map<string, Promise<Page>>()
  const unsubscribe = store.subscribe((_delivery, version) => {
    cachedVersion = version.version
    rendered.clear()
  })

  let renders = 0
  const draftMode = new DraftMode(options.draftMode)

  async function render(pathname: string, origin: string, day: string, draftMode: boolean, version: number): Promise<Page> {
    renders++
    const answer = await pool.run({pathname, origin, today: day, draftMode}, {version})
    if (!answer.outcome.ok) {
      console.error(`Rendering ${pathname} failed: ${answer.outcome.message}`)
      return {status: 500, body: errorPage()}
    }
    const {page} = answer.outcome
    // A draft page is never cached by the browser: leaving draft mode must show the public page at once.
    return {status: page.status, body: page.body, etag: page.status === 200 && !draftMode ? queryEtag(answer.etag, {page: `${origin}${pathname}`, day}) : undefined}
  }

  /**
   * One render per (version, day, mode, page) at a time: concurrent requests
   * wait for the same promise. The day is part of the key because a page says
   * whether its medical check is due, which changes at midnight without a
   * new dataset version.
   */
  function pageFor(pathname: string, origin: string, day: string, draftMode: boolean): Promise<Page> {
    const version = store.current().version
    const key = `${draftMode ? 'draft ' : ''}${day} ${origin}${pathname}`
    const cacheable = version === cachedVersion
    const existing = cacheable ? rendered.get(key) : undefined
    if (existing) return existing
    const pending = render(pathname, origin, day, draftMode, version)
    if (!cacheable) return pending
    if (rendered.size >= MAX_CACHED_PAGES) rendered.delete(rendered.keys().next().value as string)
    rendered.set(key, pending)
    // Failures and unknown paths are not kept: the next request tries again.
    pending.then(
      (page) => page.status !== 200 && rendered.get(key) === pending && rendered.delete(key),
      () => rendered.get(key) === pending && rendered.delete(key),
    )
    return pending
  }

  /**
   * Draft mode: tells the page each time the content changes (a keystroke in
   * the Studio is a new version), so that it fetches its main content again.
   * Only the version number goes out; the page itself is fetched as always.
   */
  function streamChanges(response: ServerResponse): void {
    response.statusCode = 200
    response.setHeader('content-type', 'text/event-stream; charset=utf-8')
    response.setHeader('cache-control', 'no-store')
    response.write('retry: 1000\n\n')
    const stop = store.subscribe((_delivery, version) => {
      response.write(encodeServerSentEvent({event: 'change', data: {version: version.version}}))
    })
    const keepAlive = setInterval(() => response.write(KEEP_ALIVE_COMMENT), 25_000)
    response.once('close', () => {
      stop()
      clearInterval(keepAlive)
    })
  }

  return {
    renderCount: () => renders,
    streams: (pathname) => pathname === DRAFT_MODE_EVENTS_PATH,
    ready: () => pool.ready(),
    async close() {
      unsubscribe()
      await pool.close()
    },
    async handle(request, response, url) {
      response.setHeader('x-content-type-options', 'nosniff')
      if (await draftMode.handle(request, response, url)) return
      const inDraftMode = draftMode.isActive(request)
      response.setHeader('content-security-policy', inDraftMode ? DRAFT_MODE_CONTENT_SECURITY_POLICY : CONTENT_SECURITY_POLICY)
      // Trailing slashes lead to the same page, so links and bookmarks with them work too.
      const pathname = url.pathname.length > 1 && url.pathname.endsWith('/') ? url.pathname.slice(0, -1) : url.pathname
      if (pathname === DRAFT_MODE_EVENTS_PATH && inDraftMode) {
        streamChanges(response)
        return
      }
      if (pathname === VISUAL_EDITING_SCRIPT_PATH && inDraftMode) {
        response.setHeader('content-type', 'text/javascript; charset=utf-8')
        response.setHeader('cache-control', 'private, max-age=3600')
        response.end(await visualEditingScript())
        return
      }
      if (pathname === '/styles.css') {
        response.setHeader('content-type', 'text/css; charset=utf-8')
        if (etagMatches(request.headers['if-none-match'], STYLESHEET_ETAG, {exists: true})) {
          response.statusCode = 304
          response.setHeader('etag', STYLESHEET_ETAG)
          response.end()
          return
        }
        response.setHeader('etag', STYLESHEET_ETAG)
        response.setHeader('cache-control', 'no-cache')
        response.end(STYLESHEET)
        return
      }
      // The JSON-LD names the page's URL, so the host (checked against the allowed hosts) is part of the key.
      const origin = `http://${request.headers.host ?? 'localhost'}`
      const day = today()
      const expectedTag = queryEtag(store.current().etag, {page: `${origin}${pathname}`, day})
      if (inDraftMode) response.setHeader('cache-control', 'no-store')
      else if (etagMatches(request.headers['if-none-match'], expectedTag)) {
        response.statusCode = 304
        response.setHeader('etag', expectedTag)
        response.end()
        return
      }
      let page: Page
      try {
        page = await pageFor(pathname, origin, day, inDraftMode)
      } catch (error) {
        const apiError = error instanceof ApiError ? error : null
        if (apiError?.statusCode === 499) return
        console.error(apiError ? apiError.message : error)
        page = {status: apiError?.statusCode ?? 500, body: errorPage(apiError?.message)}
      }
      if (page.etag && etagMatches(request.headers['if-none-match'], page.etag, {exists: true})) {
        response.statusCode = 304
        response.setHeader('etag', page.etag)
        response.end()
        return
      }
      sendHtml(response, page)
    },
  }
}
