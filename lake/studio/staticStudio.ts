import {createHash} from 'node:crypto'
import {readFile, stat} from 'node:fs/promises'
import type {IncomingMessage, ServerResponse} from 'node:http'
import path from 'node:path'
import {ApiError} from '../http/apiError'
import {answeredNotModified} from '../http/httpIo'

/**
 * Serves the built Studio (`dist-studio/`) under its base path:
 * - files under `{basePath}/static/` as they are; the hashed ones are cached
 *   for a year, since a new build gives them new names;
 * - every other path under the base path gets `index.html`, because the
 *   Studio routes in the browser (`/studio/intent/edit/…` is a page, not a file).
 */
export interface StaticStudioOptions {
  /** The Studio build, e.g. dist-studio/. */
  directory: string
  /** Where the Studio is served; the build must have been made with the same base path. */
  basePath: string
}

export interface StudioPages {
  matches(pathname: string): boolean
  handle(request: IncomingMessage, response: ServerResponse, url: URL): Promise<void>
}

const CONTENT_TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.map': 'application/json; charset=utf-8',
  '.webmanifest': 'application/manifest+json; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.woff2': 'font/woff2',
  '.woff': 'font/woff',
  '.txt': 'text/plain; charset=utf-8',
}

/** Vite names built assets `name-<8 characters of hash>.ext`. */
const HASHED_ASSET = /-[A-Za-z0-9_-]{8}\.[a-z0-9]+$/
const IMMUTABLE = 'public, max-age=31536000, immutable'

/**
 * The Studio's HTML links its icons at `/static/…` whatever its base path is;
 * these few are served from the build too, so the browser finds them.
 */
const ROOT_ICONS = new Set(['/static/favicon.ico', '/static/favicon.svg', '/static/apple-touch-icon.png', '/static/manifest.webmanifest'])

/**
 * The Studio page loads Sanity's dashboard bridge from a CDN. It only matters
 * inside Sanity's dashboard, so the local server leaves it out: no request
 * leaves the machine.
 */
const DASHBOARD_BRIDGE = /<script[^>]*\ssrc="https:\/\/core\.sanity-cdn\.com\/bridge\.js"[^>]*><\/script>/g

export function withoutExternalScripts(html: string): string {
  return html.replace(DASHBOARD_BRIDGE, '')
}

/**
 * Sanity's page says it is English (`<html lang="en">`) whatever the Studio's
 * language; the local Studio is Dutch, and a screen reader reads it as Dutch
 * only when the page says so.
 */
function inDutch(html: string): string {
  return html.replace(/<html lang="en"/u, '<html lang="nl"')
}

/**
 * The Studio page may load and connect to this server only. The Studio still
 * asks Sanity's CDN for version news and fonts; the browser refuses those
 * itself, so nothing leaves the machine, and the page falls back to the
 * system font. The page holds a write session, so no other site may frame it.
 * Its live connections reach this same server on this port under names below
 * `.localhost` (one per connection, see the local client factory), which
 * browsers resolve to this machine.
 */
function studioContentSecurityPolicy(port: number): string {
  return [
    "default-src 'self'",
    // Sanity's page has an inline error handler, and styled-components writes styles at run time.
    "script-src 'self' 'unsafe-inline'",
    "style-src 'self' 'unsafe-inline'",
    "img-src 'self' data: blob:",
    "font-src 'self' data:",
    `connect-src 'self' http://*.localhost:${port}`,
    "worker-src 'self' blob:",
    "frame-src 'self'",
    "frame-ancestors 'self'",
    "base-uri 'self'",
    "form-action 'self'",
  ].join('; ')
}

interface CachedFile {
  body: Buffer
  etag: string
  version: string
}

function decodePath(pathname: string): string {
  try {
    return decodeURIComponent(pathname)
  } catch {
    throw new ApiError(400, `The path ${pathname} is not valid percent-encoding.`)
  }
}

export function createStudioPages({directory, basePath}: StaticStudioOptions): StudioPages {
  const base = basePath.replace(/\/+$/, '')
  const root = path.resolve(directory)
  const cache = new Map<string, CachedFile>()

  /** The file at `relative` inside the build, or null when there is none. Never anything outside the build. */
  async function load(relative: string, transform?: (text: string) => string): Promise<CachedFile | null> {
    const file = path.resolve(root, `.${path.posix.normalize(`/${relative}`)}`)
    if (file !== root && !file.startsWith(`${root}${path.sep}`)) return null
    let info
    try {
      info = await stat(file)
    } catch {
      return null
    }
    if (!info.isFile()) return null
    // A rebuild replaces files; size and time tell the cached copy is stale.
    const version = `${info.size}:${info.mtimeMs}`
    const cached = cache.get(file)
    if (cached?.version === version) return cached
    const raw = await readFile(file)
    const body = transform ? Buffer.from(transform(raw.toString('utf8'))) : raw
    const loaded = {body, version, etag: `"${createHash('sha256').update(body).digest('base64url').slice(0, 27)}"`}
    cache.set(file, loaded)
    return loaded
  }

  function send(request: IncomingMessage, response: ServerResponse, file: CachedFile, contentType: string, cacheControl: string): void {
    response.setHeader('x-content-type-options', 'nosniff')
    if (cacheControl !== IMMUTABLE && answeredNotModified(request, response, file.etag)) return
    response.statusCode = 200
    response.setHeader('content-type', contentType)
    response.setHeader('content-length', file.body.length)
    response.setHeader('etag', file.etag)
    response.setHeader('cache-control', cacheControl)
    response.end(request.method === 'HEAD' ? undefined : file.body)
  }

  async function sendIndex(request: IncomingMessage, response: ServerResponse): Promise<void> {
    const index = await load('index.html', (html) => inDutch(withoutExternalScripts(html)))
    if (!index)
      throw new ApiError(503, `The Studio has not been built: ${path.join(root, 'index.html')} is missing. Run "npm run build:studio", or restart "npm start", which builds it.`)
    response.setHeader('content-security-policy', studioContentSecurityPolicy(request.socket.localPort ?? 0))
    send(request, response, index, CONTENT_TYPES['.html'] ?? 'text/html', 'no-cache')
  }

  return {
    matches(pathname) {
      return pathname === base || pathname.startsWith(`${base}/`) || ROOT_ICONS.has(pathname)
    },
    async handle(request, response, url) {
      const method = request.method ?? 'GET'
      if (method !== 'GET' && method !== 'HEAD') throw new ApiError(405, `Method ${method} is not allowed for the Studio's files; use GET.`, undefined, {allow: 'GET, HEAD'})
      const pathname = decodePath(url.pathname)
      if (pathname.includes('\0')) throw new ApiError(400, 'The path contains a NUL character.')
      const relative = ROOT_ICONS.has(pathname) ? pathname : pathname.slice(base.length)
      if (relative.startsWith('/static/') || ROOT_ICONS.has(pathname)) {
        const asset = await load(relative)
        // A missing asset is a 404, not the Studio page: a script tag must not receive HTML.
        if (!asset) throw new ApiError(404, `No Studio file at ${url.pathname}. If the Studio was rebuilt, reload the page.`)
        const contentType = CONTENT_TYPES[path.extname(relative).toLowerCase()] ?? 'application/octet-stream'
        send(request, response, asset, contentType, HASHED_ASSET.test(relative) ? IMMUTABLE : 'no-cache')
        return
      }
      await sendIndex(request, response)
    },
  }
}
