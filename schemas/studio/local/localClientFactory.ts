import {createClient, type ClientConfig, type SanityClient} from '@sanity/client'

/**
 * A client factory for a Studio served by the local server: every request
 * goes to `origin` (the page's own), never to *.api.sanity.io, and carries no
 * cookies, because access is by token.
 */
export function createLocalClientFactory(origin: () => string): (config: ClientConfig) => SanityClient {
  return (config) =>
    createClient({
      ...config,
      apiHost: origin(),
      useProjectHostname: false,
      useCdn: false,
      withCredentials: false,
    })
}

/** The page's own origin; the local server serves the Studio and its API from the same one. */
export function pageOrigin(): string {
  if (typeof window === 'undefined') throw new Error('The local Studio needs a browser page to know which server to talk to.')
  return window.location.origin
}
