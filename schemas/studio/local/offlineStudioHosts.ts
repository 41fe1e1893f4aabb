/**
 * A Vite plugin for the local Studio build: Sanity's Studio code names a few
 * of Sanity's own services by full address, with no setting to change them.
 * In the local build they become paths on the page's own server, the local
 * Lake, which answers them itself (see lake/studio/accountApi.ts), so that
 * no request leaves the machine. Node-side only, like studioBuildOptions.
 */

interface Replacement {
  /** What Sanity's code says, as it is in node_modules/sanity/lib. */
  from: string
  to: string
  why: string
}

const REPLACEMENTS: readonly Replacement[] = [
  // Every 15 minutes the Studio asks for the newest Sanity version; the local Lake answers with the installed one.
  {from: ': "https://sanity-cdn.com", MODULES_URL', to: ': "", MODULES_URL', why: "the version check against Sanity's module CDN"},
  // Whether Sanity's feedback service is there; the local Lake says it is not, so the Studio offers no feedback form.
  {from: '"https://api.sanity.io/vX/intake/feedback"', to: '"/vX/intake/feedback"', why: 'the feedback probe'},
  {from: '"https://api.sanity.io/vX/intake/tracing"', to: '"/vX/intake/tracing"', why: 'error reports'},
]

/** Where the replaced code lives: Sanity's own bundle. */
const SANITY_LIB = /[\\/]node_modules[\\/]sanity[\\/]lib[\\/][^\\/]+\.js$/u

/** The part of Vite's plugin interface this plugin uses (vite itself is Sanity's dependency, not ours). */
export interface StudioVitePlugin {
  name: string
  enforce: 'pre'
  apply: 'build'
  transform(code: string, id: string): string | null
  buildEnd(error?: Error): void
}

/**
 * Rewrites those addresses in Sanity's bundle, and fails the build when one
 * is no longer found: a Sanity update that moved it would otherwise quietly
 * bring the request back.
 */
export function offlineStudioHosts(): StudioVitePlugin {
  const found = new Set<Replacement>()
  return {
    name: 'bekkenbodem:offline-studio-hosts',
    enforce: 'pre',
    // The development server pre-bundles Sanity without this hook; it is for `sanity build` only.
    apply: 'build',
    transform(code, id) {
      if (!SANITY_LIB.test(id)) return null
      let changed = code
      for (const replacement of REPLACEMENTS) {
        if (!changed.includes(replacement.from)) continue
        changed = changed.split(replacement.from).join(replacement.to)
        found.add(replacement)
      }
      return changed === code ? null : changed
    },
    buildEnd(error) {
      if (error) return
      const missing = REPLACEMENTS.filter((replacement) => !found.has(replacement))
      if (missing.length > 0) {
        throw new Error(
          `The local Studio build no longer finds ${missing.map((replacement) => `${replacement.why} (${replacement.from})`).join(', ')} in Sanity's code; see schemas/studio/local/offlineStudioHosts.ts.`,
        )
      }
    },
  }
}
