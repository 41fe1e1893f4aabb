import {randomBytes} from 'node:crypto'
import type {IncomingMessage, ServerResponse} from 'node:http'
import {createClient} from '@sanity/client'
import {validatePreviewUrl} from '@sanity/preview-url-secret'
import {DRAFT_MODE_DISABLE_PATH, DRAFT_MODE_ENABLE_PATH} from '../schemas/studio/previewPaths'
import {errorPage} from './pages'

/** What the site needs to check a Studio's preview secret with the Lake. */
export interface DraftModeAccess {
  /** The Lake's write token: the preview secrets are private documents. Null when the server has none (read-only). */
  token(): string | null
  datasetName: string
}

const COOKIE_NAME = 'bekkenbodem-draft-mode'
/** A draft-mode session ends after a working day; Presentation opens a new one each time it loads. */
const SESSION_TTL_MS = 8 * 60 * 60 * 1000
const API_VERSION = '2025-02-19'

function cookieValue(header: string | undefined, name: string): string | null {
  for (const part of (header ?? '').split(';')) {
    const [key, ...value] = part.trim().split('=')
    if (key === name) return value.join('=')
  }
  return null
}

/** The same server, reached over loopback: the secret is checked where it was written, never at an address a request names. */
function ownOrigin(request: IncomingMessage): string {
  const local = request.socket.localAddress ?? '127.0.0.1'
  const address = local.startsWith('::ffff:') ? local.slice('::ffff:'.length) : local
  return `http://${address.includes(':') ? `[${address}]` : address}:${request.socket.localPort ?? 0}`
}

/** Only a path on this site: a redirect never leads elsewhere. */
function sitePath(target: string | null | undefined): string {
  return target && target.startsWith('/') && !target.startsWith('//') ? target : '/'
}

/**
 * Draft mode: a browser sees drafts only after it came through the Studio's
 * Presentation tool, which writes a fresh secret (a private
 * `sanity.previewUrlSecret` document, valid for an hour) and opens the enable
 * route with it. The site checks the secret with the Lake, using the write
 * token on the server, as `@sanity/preview-url-secret` prescribes, and then
 * gives the browser a random session in an HttpOnly, SameSite cookie. The
 * token never leaves the server; the session only tells the server to render
 * with drafts.
 */
export class DraftMode {
  private readonly sessions = new Map<string, number>()

  constructor(private readonly access: DraftModeAccess | undefined) {}

  /** Whether the request carries an open draft-mode session. */
  isActive(request: IncomingMessage): boolean {
    const session = cookieValue(request.headers.cookie, COOKIE_NAME)
    if (!session) return false
    const expires = this.sessions.get(session)
    if (expires === undefined) return false
    if (expires < Date.now()) {
      this.sessions.delete(session)
      return false
    }
    return true
  }

  /** Answers the enable and disable routes; false for any other path. */
  async handle(request: IncomingMessage, response: ServerResponse, url: URL): Promise<boolean> {
    if (url.pathname === DRAFT_MODE_ENABLE_PATH) {
      await this.enable(request, response, url)
      return true
    }
    if (url.pathname === DRAFT_MODE_DISABLE_PATH) {
      this.disable(request, response, url)
      return true
    }
    return false
  }

  private async enable(request: IncomingMessage, response: ServerResponse, url: URL): Promise<void> {
    const token = this.access?.token() ?? null
    if (!token) {
      refuse(response, 403, 'Deze server heeft geen schrijfsleutel, dus geen conceptweergave.')
      return
    }
    const client = createClient({
      projectId: 'local',
      dataset: this.access?.datasetName ?? 'production',
      apiHost: ownOrigin(request),
      useProjectHostname: false,
      apiVersion: API_VERSION,
      useCdn: false,
      token,
    })
    const {isValid, redirectTo} = await validatePreviewUrl(client, url.toString())
    if (!isValid) {
      refuse(response, 401, 'De conceptweergave opent alleen vanuit de Studio (Presentatie).')
      return
    }
    this.dropExpired()
    const session = randomBytes(32).toString('base64url')
    this.sessions.set(session, Date.now() + SESSION_TTL_MS)
    response.statusCode = 307
    response.setHeader('set-cookie', `${COOKIE_NAME}=${session}; Path=/; HttpOnly; SameSite=Strict; Max-Age=${SESSION_TTL_MS / 1000}`)
    response.setHeader('cache-control', 'no-store')
    response.setHeader('location', sitePath(redirectTo))
    response.end()
  }

  private disable(request: IncomingMessage, response: ServerResponse, url: URL): void {
    const session = cookieValue(request.headers.cookie, COOKIE_NAME)
    if (session) this.sessions.delete(session)
    response.statusCode = 307
    response.setHeader('set-cookie', `${COOKIE_NAME}=; Path=/; HttpOnly; SameSite=Strict; Max-Age=0`)
    response.setHeader('cache-control', 'no-store')
    response.setHeader('location', sitePath(url.searchParams.get('redirect')))
    response.end()
  }

  private dropExpired(): void {
    const now = Date.now()
    for (const [session, expires] of this.sessions) if (expires < now) this.sessions.delete(session)
  }
}

function refuse(response: ServerResponse, status: 401 | 403, reason: string): void {
  response.statusCode = status
  response.setHeader('content-type', 'text/html; charset=utf-8')
  response.setHeader('cache-control', 'no-store')
  response.end(errorPage(reason))
}
