import type {IncomingMessage, ServerResponse} from 'node:http'
import {handleAccountApi, isAccountApiPath} from './accountApi'
import {createStudioPages} from './staticStudio'
import {StudioSignIn} from './studioSignIn'

export interface StudioRoutesOptions {
  /** The Studio build, e.g. dist-studio/. */
  directory: string
  basePath: string
  projectId: string
  datasetName: string
  /** The write token the Studio's session hands to a signed-in browser; null when there is none to hand out. */
  sessionToken(): string | null
}

export interface StudioRoutes {
  /** Whether this path belongs to the Studio: its pages and files, or the account endpoints it calls. */
  matches(pathname: string): boolean
  /** Whether the Studio's routes take PUT and POST at this path: the account endpoints do, the pages do not. */
  takesWrites(pathname: string): boolean
  handle(request: IncomingMessage, response: ServerResponse, url: URL): Promise<void>
  /** A new one-time sign-in path for a browser (see StudioSignIn); null when the session holds no token. */
  signInPath(): string | null
}

/** Everything the local Studio needs from the server besides the data API. */
export function createStudioRoutes(options: StudioRoutesOptions): StudioRoutes {
  const pages = createStudioPages(options)
  const signIn = new StudioSignIn(options.sessionToken)
  const accountOptions = {
    projectId: options.projectId,
    datasetName: options.datasetName,
    signIn,
    studioPath: `${options.basePath.replace(/\/$/, '')}/`,
    preferences: new Map<string, unknown>(),
  }
  return {
    signInPath: () => signIn.issuePath(),
    takesWrites: isAccountApiPath,
    matches: (pathname) => pages.matches(pathname) || isAccountApiPath(pathname),
    async handle(request, response, url) {
      if (pages.matches(url.pathname)) await pages.handle(request, response, url)
      else await handleAccountApi(request, response, url, accountOptions)
    },
  }
}
