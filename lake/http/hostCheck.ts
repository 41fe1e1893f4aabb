import {isIP} from 'node:net'

/** Whether an address or name always means this machine itself: 127.0.0.0/8, ::1, `localhost` and names under `.localhost`. */
export function isLoopbackHost(host: string): boolean {
  const name = host.toLowerCase().replace(/^\[|\]$/g, '')
  if (name === 'localhost' || name.endsWith('.localhost')) return true
  if (isIP(name) === 4) return name.startsWith('127.')
  if (isIP(name) === 6) return name === '::1' || name === '0:0:0:0:0:0:0:1' || name.startsWith('::ffff:127.')
  return false
}

/**
 * Whether a `Host` header names this server: a loopback address or name
 * (`127.0.0.1`, `[::1]`, `localhost`, a name under `.localhost`), the
 * address the server listens on, or a name listed in ALLOWED_HOSTS (an entry
 * starting with "." also allows every name under it). A page on any other
 * name that resolves to this machine (DNS rebinding), or another address of
 * it, is refused.
 */
export function hostAllowed(hostHeader: string | undefined, listenHost: string, allowedHosts: readonly string[]): boolean {
  // HTTP/1.0 clients may omit it; browsers, which rebinding needs, always send one.
  if (hostHeader === undefined) return true
  const hostname = hostnameOf(hostHeader.trim().toLowerCase())
  if (hostname === null) return false
  if (isLoopbackHost(hostname)) return true
  if (hostname === listenHost.toLowerCase().replace(/^\[|\]$/g, '')) return true
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
