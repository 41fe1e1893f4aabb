import {createClient, type ClientConfig, type ObservableSanityClient, type SanityClient} from '@sanity/client'

/**
 * A client factory for a Studio served by the local server: every request
 * goes to `origin` (the page's own), never to *.api.sanity.io, and carries no
 * cookies, because access is by token. Each live connection (`listen`) goes
 * to a host name of its own, see `listenOrigin`.
 */
export function createLocalClientFactory(origin: () => string): (config: ClientConfig) => SanityClient {
  let streams = 0
  const nextListenOrigin = (): string => listenOrigin(origin(), ++streams)
  return (config) =>
    withOwnListenHosts(
      createClient({
        ...config,
        apiHost: origin(),
        useProjectHostname: false,
        useCdn: false,
        withCredentials: false,
      }),
      nextListenOrigin,
    )
}

/** The page's own origin; the local server serves the Studio and its API from the same one. */
export function pageOrigin(): string {
  if (typeof window === 'undefined') throw new Error('The local Studio needs a browser page to know which server to talk to.')
  return window.location.origin
}

function isLoopbackName(hostname: string): boolean {
  return hostname === 'localhost' || hostname.endsWith('.localhost') || hostname === '[::1]' || /^127\.\d{1,3}\.\d{1,3}\.\d{1,3}$/.test(hostname)
}

/**
 * Where live connection number `stream` goes: the same server under a name
 * of its own, `listen-<stream>.localhost`. A browser keeps at most six
 * connections per host name over plain HTTP/1.1, and the Studio keeps more
 * than six live connections open while a document is open, so on one name
 * the next request would wait forever. Browsers resolve every name under
 * `.localhost` to this machine without asking DNS. A page that is not on a
 * loopback name keeps its own origin.
 */
export function listenOrigin(pageOrigin: string, stream: number): string {
  const url = new URL(pageOrigin)
  if (!isLoopbackName(url.hostname)) return url.origin
  url.hostname = `listen-${stream}.localhost`
  return url.origin
}

type ListenArguments = Parameters<SanityClient['listen']>

/**
 * Sends each `listen` of this client, and of every client derived from it
 * with `withConfig` or `clone` (the Studio derives one per API version), to
 * the next listen origin. Only this instance is changed, not the library.
 */
function withOwnListenHosts(client: SanityClient, nextListenOrigin: () => string): SanityClient {
  const withConfig = client.withConfig.bind(client)
  const clone = client.clone.bind(client)
  // _listen's overloads admit no single implementation signature; every argument is passed on unchanged.
  client.listen = ((...args: ListenArguments) => withConfig({apiHost: nextListenOrigin()}).listen(...args)) as SanityClient['listen']
  client.withConfig = (config) => withOwnListenHosts(withConfig(config), nextListenOrigin)
  client.clone = () => withOwnListenHosts(clone(), nextListenOrigin)
  observableWithOwnListenHosts(client.observable, nextListenOrigin)
  return client
}

function observableWithOwnListenHosts(client: ObservableSanityClient, nextListenOrigin: () => string): ObservableSanityClient {
  const withConfig = client.withConfig.bind(client)
  const clone = client.clone.bind(client)
  // As above: the overloads of listen, forwarded unchanged.
  client.listen = ((...args: ListenArguments) => withConfig({apiHost: nextListenOrigin()}).listen(...args)) as ObservableSanityClient['listen']
  client.withConfig = (config) => observableWithOwnListenHosts(withConfig(config), nextListenOrigin)
  client.clone = () => observableWithOwnListenHosts(clone(), nextListenOrigin)
  return client
}
