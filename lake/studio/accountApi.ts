import type {IncomingMessage, ServerResponse} from 'node:http'
import {ApiError} from '../http/apiError'
import {readBody, sendJsonText} from '../http/httpIo'
import {LOCAL_EDITOR, LOCAL_SESSION_URI, LOCAL_SIGN_IN_URI, type LocalSession} from '../../schemas/studio/local/localSession'
import type {StudioSignIn} from './studioSignIn'

/**
 * The parts of Sanity's API that are not about content: the current user, the
 * project, the dataset's access rules, feature flags and onboarding. The
 * Studio asks for these before it shows anything. Locally there is one
 * project, one dataset and one editor, who may do everything.
 */
export interface AccountApiOptions {
  projectId: string
  datasetName: string
  /** Who gets the Studio's session with the write token: browsers that opened a sign-in link. */
  signIn: StudioSignIn
  /** Where a browser goes after signing in: the Studio's base path. */
  studioPath: string
  /** The editor's Studio settings (list layouts, sort orders), kept while the server runs. */
  preferences: Map<string, unknown>
}

/** `/v{version}/…` outside `/data/`: the account endpoints. */
const ACCOUNT_PATH = /^\/v(?:X|1|\d{4}-\d{2}-\d{2})(\/.*)$/

export function isAccountApiPath(pathname: string): boolean {
  const match = ACCOUNT_PATH.exec(pathname)
  return match !== null && !match[1]?.startsWith('/data/')
}

/** Everything a grant can allow; the local editor has all of it on every document. */
const ALL_PERMISSIONS = ['history', 'read', 'update', 'create', 'manage']

interface Route {
  method?: 'GET' | 'PUT' | 'POST'
  pattern: RegExp
  answer(match: RegExpExecArray, url: URL, options: AccountApiOptions, request: IncomingMessage): unknown
  /** A token must not stay in any cache. */
  private?: boolean
}

function userSummary() {
  return {id: LOCAL_EDITOR.id, displayName: LOCAL_EDITOR.name, email: LOCAL_EDITOR.email, isCurrentUser: true}
}

function projectOf(id: string, options: AccountApiOptions) {
  if (id !== options.projectId) throw new ApiError(404, `Project "${id}" not found. This server serves the local project "${options.projectId}".`)
  return {
    id,
    displayName: 'Bekkenbodem (lokaal)',
    studioHost: null,
    isBlocked: false,
    isDisabled: false,
    isDisabledByUser: false,
    organizationId: null,
    metadata: {},
    members: [{id: LOCAL_EDITOR.id, role: LOCAL_EDITOR.role, roles: LOCAL_EDITOR.roles, isRobot: false, isCurrentUser: true}],
    features: [],
    pendingInvites: 0,
  }
}

function datasetOf(projectId: string, dataset: string, options: AccountApiOptions): void {
  projectOf(projectId, options)
  if (dataset !== options.datasetName) throw new ApiError(404, `Dataset "${dataset}" not found. This server serves the dataset "${options.datasetName}".`)
}

/**
 * The session is only for the Studio on this server's own pages, in a
 * browser that has signed in: a browser marks a request from another site,
 * and only a signed-in browser holds the session cookie. A header alone,
 * which any local process can send, is not enough.
 */
function sessionFor(request: IncomingMessage, options: AccountApiOptions): LocalSession {
  const site = request.headers['sec-fetch-site']
  if (site !== 'same-origin') {
    throw new ApiError(
      403,
      `The local session is only given to the Studio served by this server (Sec-Fetch-Site: same-origin); this request came with Sec-Fetch-Site: ${site ?? '(none)'}.`,
    )
  }
  if (!options.signIn.hasSession(request)) {
    throw new ApiError(401, 'This browser has not signed in to the local Studio. Open the one-time sign-in link that npm start printed, in this browser.')
  }
  return {user: LOCAL_EDITOR, token: options.signIn.token()}
}

const ROUTES: Route[] = [
  {pattern: new RegExp(`^${LOCAL_SESSION_URI}$`), answer: (_match, _url, options, request) => sessionFor(request, options), private: true},
  {pattern: /^\/users\/me$/, answer: () => LOCAL_EDITOR},
  {
    pattern: /^\/users\/([^/]+)$/,
    answer: (match) => {
      const ids = decodeURIComponent(match[1] ?? '').split(',')
      return ids.filter((id) => id === LOCAL_EDITOR.id).map(() => userSummary())
    },
  },
  {pattern: /^\/projects\/([^/]+)$/, answer: (match, _url, options) => projectOf(match[1] ?? '', options)},
  {
    pattern: /^\/projects\/([^/]+)\/datasets$/,
    answer: (match, url, options) => {
      projectOf(match[1] ?? '', options)
      // Comments live in an add-on dataset on the Content Lake; the local server has none.
      if (url.searchParams.get('datasetProfile') === 'comments') return []
      return [{name: options.datasetName, aclMode: 'private', addonFor: null, datasetProfile: 'content', features: [], tags: []}]
    },
  },
  {
    pattern: /^\/projects\/([^/]+)\/datasets\/([^/]+)\/acl$/,
    answer: (match, _url, options) => {
      datasetOf(match[1] ?? '', match[2] ?? '', options)
      return [{filter: "_id in path('**')", permissions: ALL_PERMISSIONS}]
    },
  },
  {pattern: /^\/features$/, answer: () => []},
  {
    pattern: /^\/projects\/([^/]+)\/features$/,
    answer: (match, _url, options) => {
      projectOf(match[1] ?? '', options)
      return []
    },
  },
  // Onboarding and plan messages (trials, limits, announcements): none locally.
  {pattern: /^\/journey\/.+$/, answer: () => ({})},
  // Consent to usage statistics: denied, so the Studio collects and sends none.
  {pattern: /^\/intake\/telemetry-status$/, answer: () => ({status: 'denied'})},
  // Studios deployed to Sanity's hosting: none for a local project.
  {pattern: /^\/projects\/([^/]+)\/user-applications$/, answer: () => []},
  // Help and version news for the Studio's help menu: none offline, and no version is newer than the installed one.
  {pattern: /^\/help$/, answer: () => ({resources: {sectionArray: []}})},
  {
    // Sanity's module CDN, which the local Studio build asks here instead (see offlineStudioHosts):
    // the newest version in the range, which is the installed one, since a local build never updates itself.
    pattern: /^\/modules\/([^/]+)\/([^/]+)\/([^/]+)\/t\d+$/,
    answer: (match) => ({packageName: decodeURIComponent(match[1] ?? ''), latest: decodeURIComponent(match[3] ?? '').replace(/^[\^~]/u, '')}),
  },
  {
    pattern: /^\/users\/me\/keyvalue\/([^/]+)$/,
    answer: (match, _url, options) =>
      decodeURIComponent(match[1] ?? '')
        .split(',')
        .map((key) => ({key, value: options.preferences.get(key) ?? null})),
  },
  {
    method: 'PUT',
    pattern: /^\/users\/me\/keyvalue$/,
    answer: async (_match, _url, options, request) => storePreferences(parseJson(await readBody(request, MAX_PREFERENCES_BODY_BYTES)), options.preferences),
  },
  // The Studio offers its schema for Sanity's schema registry; locally the schema is the build's own, so there is nothing to send.
  {method: 'POST', pattern: /^\/descriptors\/claim$/, answer: () => ({synchronization: {type: 'complete'}})},
]

/** How many settings and how large each may be: a browser's settings are a few dozen small values. */
const MAX_PREFERENCES = 1000
const MAX_PREFERENCES_BODY_BYTES = 64 * 1024

function storePreferences(body: unknown, preferences: Map<string, unknown>): unknown {
  if (!Array.isArray(body)) throw new ApiError(400, 'Send the settings as a JSON array of {"key": …, "value": …}.')
  const pairs = body.map((pair: unknown) => {
    if (typeof pair !== 'object' || pair === null || !('key' in pair) || typeof pair.key !== 'string') throw new ApiError(400, 'Every setting needs a string "key".')
    return {key: pair.key, value: 'value' in pair ? pair.value : null}
  })
  for (const {key, value} of pairs) {
    if (!preferences.has(key) && preferences.size >= MAX_PREFERENCES) throw new ApiError(413, `The local server keeps at most ${MAX_PREFERENCES} Studio settings.`)
    preferences.set(key, value)
  }
  return pairs
}

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text)
  } catch {
    throw new ApiError(400, 'The request body is not valid JSON.')
  }
}

/** Answers an account endpoint, or a 404 in the Lake's error shape for the ones the local server does not offer. */
export async function handleAccountApi(request: IncomingMessage, response: ServerResponse, url: URL, options: AccountApiOptions): Promise<void> {
  const method = request.method ?? 'GET'
  const path = ACCOUNT_PATH.exec(url.pathname)?.[1] ?? url.pathname
  if (method === 'GET' && path === LOCAL_SIGN_IN_URI) {
    options.signIn.signIn(url, response, options.studioPath)
    return
  }
  for (const route of ROUTES) {
    const routeMethod = route.method ?? 'GET'
    if (routeMethod !== method && !(routeMethod === 'GET' && method === 'HEAD')) continue
    const match = route.pattern.exec(path)
    if (!match) continue
    const body = JSON.stringify(await route.answer(match, url, options, request))
    response.setHeader('x-content-type-options', 'nosniff')
    if (route.private) response.setHeader('cache-control', 'no-store')
    sendJsonText(response, 200, body)
    return
  }
  // The Studio asks for more (schedules, feedback, …) and carries on
  // without it; a 404 tells it "not here".
  throw new ApiError(
    404,
    `The local server does not offer ${method} ${url.pathname}: it serves one project, one dataset and one editor, without the Content Lake's other services.`,
  )
}
