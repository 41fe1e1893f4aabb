/**
 * What the local server and the local Studio agree on. Import-free, so that
 * the server can use it without pulling in any Studio code.
 */

/** The one editor of a local Studio. There is no login: whoever opens the page on this machine is this editor. */
export const LOCAL_EDITOR = {
  id: 'local-editor',
  name: 'Lokale redacteur',
  email: 'redacteur@localhost',
  role: 'administrator',
  roles: [{name: 'administrator', title: 'Beheerder'}],
  provider: 'local',
} as const

/** The project id a local Studio uses; the local server answers for it as its only project. */
export const LOCAL_PROJECT_ID = 'offline0'

/**
 * Where the Studio asks the local server for its session: the editor and the
 * write token. It sits under an API version prefix like every other API path,
 * so a development server needs one proxy rule for all of them.
 */
export const LOCAL_SESSION_URI = '/local/session'
export const LOCAL_SESSION_API_VERSION = '2025-02-19'

/** Where the one-time sign-in link `npm start` prints points: it gives this browser the cookie the session asks for. */
export const LOCAL_SIGN_IN_URI = '/local/sign-in'

export interface LocalSession {
  user: typeof LOCAL_EDITOR
  /** The token that writes and drafts need, or null when the server has none to give (read-only, or open to the network). */
  token: string | null
}
