import type {IncomingMessage, ServerResponse} from 'node:http'
import {handleAccountApi, isAccountApiPath, type AccountApiOptions} from './accountApi'
import {createStudioPages} from './staticStudio'

export interface StudioRoutesOptions extends AccountApiOptions {
  /** The Studio build, e.g. dist-studio/. */
  directory: string
  basePath: string
}

export interface StudioRoutes {
  /** Whether this path belongs to the Studio: its pages and files, or the account endpoints it calls. */
  matches(pathname: string): boolean
  handle(request: IncomingMessage, response: ServerResponse, url: URL): Promise<void>
}

/** Everything the local Studio needs from the server besides the data API. */
export function createStudioRoutes(options: StudioRoutesOptions): StudioRoutes {
  const pages = createStudioPages(options)
  return {
    matches: (pathname) => pages.matches(pathname) || isAccountApiPath(pathname),
    async handle(request, response, url) {
      if (pages.matches(url.pathname)) await pages.handle(request, response, url)
      else await handleAccountApi(request, response, url, options)
    },
  }
}
