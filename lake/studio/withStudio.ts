import type {PageSite} from '../server'
import type {StudioRoutes} from './studioRoutes'

/** The server's pages with the Studio and its account endpoints in front of them. */
export function withStudio(site: PageSite, studio: StudioRoutes): PageSite {
  return {
    handle: (request, response, url, scope) => (studio.matches(url.pathname) ? studio.handle(request, response, url) : site.handle(request, response, url, scope)),
    takesWrites: (pathname) => studio.takesWrites(pathname),
    ...(site.streams ? {streams: (pathname: string) => site.streams?.(pathname) === true} : {}),
    ...(site.ready ? {ready: () => site.ready?.() ?? Promise.resolve()} : {}),
    ...(site.close ? {close: () => site.close?.() ?? Promise.resolve()} : {}),
  }
}
