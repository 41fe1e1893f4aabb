import {createHmac, randomBytes, timingSafeEqual} from 'node:crypto'
import type {IncomingMessage, ServerResponse} from 'node:http'
import {ApiError} from '../http/apiError'
import {LOCAL_SESSION_API_VERSION, LOCAL_SIGN_IN_URI} from '../../schemas/studio/local/localSession'

/**
 * How a browser gets the Studio's write access, and nothing else does.
 * `npm start` prints a one-time sign-in link; opening it sets an HttpOnly,
 * SameSite=Strict cookie that only this browser holds. The Studio's session
 * (the editor and the write token) is handed out only with that cookie, so
 * another local process cannot get the token by sending a header: it would
 * need the cookie, which lives in the browser's profile, or the token file,
 * which is readable by its owner only.
 */

const STUDIO_SESSION_COOKIE = 'local_studio_session'
/** Unused sign-in codes kept at most; the oldest goes first. */
const MAX_OPEN_CODES = 16
/** A year: the cookie lasts as long as the token it is derived from. */
const COOKIE_MAX_AGE_SECONDS = 365 * 24 * 60 * 60

function sameText(left: string, right: string): boolean {
  const a = Buffer.from(left)
  const b = Buffer.from(right)
  return a.length === b.length && timingSafeEqual(a, b)
}

function cookieOf(request: IncomingMessage, name: string): string | undefined {
  for (const part of (request.headers.cookie ?? '').split(';')) {
    const equals = part.indexOf('=')
    if (equals !== -1 && part.slice(0, equals).trim() === name) return part.slice(equals + 1).trim()
  }
  return undefined
}

export class StudioSignIn {
  private readonly codes: string[] = []

  /** `token`: the write token the session hands out; null when there is none to hand out (read-only, or open to the network). */
  constructor(readonly token: () => string | null) {}

  /**
   * A new one-time sign-in path, to be opened in the editor's browser on this
   * server's origin; null when the session holds no token, so there is
   * nothing to sign in for. Valid until used or the server stops.
   */
  issuePath(): string | null {
    if (this.token() === null) return null
    const code = randomBytes(24).toString('base64url')
    this.codes.push(code)
    if (this.codes.length > MAX_OPEN_CODES) this.codes.shift()
    return `/v${LOCAL_SESSION_API_VERSION}${LOCAL_SIGN_IN_URI}?code=${code}`
  }

  /** The cookie's value: derived from the token, so it lasts across restarts and ends when the token is replaced. */
  private sessionValue(token: string): string {
    return createHmac('sha256', token).update('local studio session').digest('base64url')
  }

  /** Whether the request comes from a browser that has signed in (or there is no token to guard). */
  hasSession(request: IncomingMessage): boolean {
    const token = this.token()
    if (token === null) return true
    const presented = cookieOf(request, STUDIO_SESSION_COOKIE)
    return presented !== undefined && sameText(presented, this.sessionValue(token))
  }

  /** `GET …/local/sign-in?code=…`: uses up the code, sets the session cookie and sends the browser on to `redirectTo`. */
  signIn(url: URL, response: ServerResponse, redirectTo: string): void {
    const token = this.token()
    const code = url.searchParams.get('code') ?? ''
    const index = this.codes.findIndex((open) => sameText(open, code))
    if (token === null || index === -1) {
      throw new ApiError(
        403,
        'This sign-in link is not valid (any more): each link works once, and only until the server stops. Restart npm start for a new one, and open it in the browser you edit in.',
      )
    }
    this.codes.splice(index, 1)
    response.statusCode = 303
    response.setHeader('set-cookie', `${STUDIO_SESSION_COOKIE}=${this.sessionValue(token)}; Path=/; Max-Age=${COOKIE_MAX_AGE_SECONDS}; HttpOnly; SameSite=Strict`)
    response.setHeader('cache-control', 'no-store')
    response.setHeader('location', redirectTo)
    response.end()
  }
}
