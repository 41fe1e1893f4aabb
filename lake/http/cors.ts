import type {IncomingMessage, ServerResponse} from 'node:http'

/** Whether a browser origin is allowed: `*`, an exact origin, or a pattern ending in `:*` for any port. */
export function originAllowed(origin: string, allowed: readonly string[]): boolean {
  return allowed.some((pattern) => {
    if (pattern === '*') return true
    if (pattern.endsWith(':*')) {
      const base = pattern.slice(0, -2)
      return origin === base || (origin.startsWith(`${base}:`) && /^\d+$/.test(origin.slice(base.length + 1)))
    }
    return origin === pattern
  })
}

function isLoopbackName(hostname: string): boolean {
  return hostname === 'localhost' || hostname.endsWith('.localhost') || hostname === '[::1]' || /^127\.\d{1,3}\.\d{1,3}\.\d{1,3}$/.test(hostname)
}

/**
 * A page of this server itself (the preview, the Studio) may call its own
 * API: from its own origin, or, for the Studio's live connections, from a
 * loopback origin on the same port to a name below `.localhost`, which only
 * this machine answers.
 */
export function isOwnOrigin(origin: string, host: string | undefined): boolean {
  if (host === undefined) return false
  if (origin === `http://${host}`) return true
  let page: URL
  let target: URL
  try {
    page = new URL(origin)
    target = new URL(`http://${host}`)
  } catch {
    return false
  }
  return page.protocol === 'http:' && isLoopbackName(page.hostname) && target.hostname.endsWith('.localhost') && page.port === target.port
}

/** Whether a request may be served to its origin: none (not a browser's cross-origin request), an allowed one, or the server's own. */
export function requestOriginAllowed(request: IncomingMessage, allowed: readonly string[]): boolean {
  const origin = request.headers.origin
  return origin === undefined || originAllowed(origin, allowed) || isOwnOrigin(origin, request.headers.host)
}

/**
 * Adds CORS headers for allowed origins. Returns false for a browser request
 * from an origin that is not allowed; the caller refuses it before doing any
 * work, because CORS only hides the answer from the page, it does not stop
 * the request from running.
 */
export function applyCors(request: IncomingMessage, response: ServerResponse, allowed: readonly string[]): boolean {
  const origin = request.headers.origin
  response.setHeader('vary', 'Origin')
  if (!origin) return true
  if (!requestOriginAllowed(request, allowed)) return false
  response.setHeader('access-control-allow-origin', origin)
  response.setHeader('access-control-allow-credentials', 'true')
  response.setHeader('access-control-expose-headers', 'ETag, Content-Length')
  if (request.method === 'OPTIONS') {
    response.setHeader('access-control-allow-methods', 'GET, HEAD, POST, OPTIONS')
    response.setHeader('access-control-allow-headers', request.headers['access-control-request-headers'] ?? 'Authorization, Content-Type')
    response.setHeader('access-control-max-age', '600')
  }
  return true
}
