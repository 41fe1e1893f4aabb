import {isIP} from 'node:net'

/**
 * Whether a `Host` header names this server, as Vite and webpack-dev-server
 * decide it: an IP address, `localhost` or a name under `.localhost`, the
 * address the server listens on, or a name listed in ALLOWED_HOSTS (an entry
 * starting with "." also allows every name under it). A page on any other
 * name that resolves to this machine (DNS rebinding) is refused.
 */
export function hostAllowed(hostHeader: string | undefined, listenHost: string, allowedHosts: readonly string[]): boolean {
  // HTTP/1.0 clients may omit it; browsers, which rebinding needs, always send one.
  if (hostHeader === undefined) return true
  const hostname = hostnameOf(hostHeader.trim().toLowerCase())
  if (hostname === null) return false
  if (isIP(hostname) !== 0) return true
  if (hostname === 'localhost' || hostname.endsWith('.localhost')) return true
  if (hostname === listenHost.toLowerCase()) return true
  return allowedHosts.some((allowed) => {
    if (allowed === 'all') return true
    if (allowed.startsWith('.')) return hostname === allowed.slice(1) || hostname.endsWith(allowed)
    return hostname === allowed
  })
}

function hostnameOf(host: string): string | null {
  if (host.startsWith('[')) {
    const end = host.indexOf(']')
    return end === -1 ? null : host.slice(1, end)
  }
  const colon = host.indexOf(':')
  const name = colon === -1 ? host : host.slice(0, colon)
  return name === '' ? null : name.replace(/\.$/, '')
}
