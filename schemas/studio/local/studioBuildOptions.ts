import {offlineStudioHosts} from './offlineStudioHosts'

/**
 * How the Sanity CLI builds and serves the Studio, for a real project and for
 * the local server. Node-side only: sanity.cli.ts uses it, the Studio bundle
 * does not.
 */

/** Where the local server serves the Studio, and so the base path of a local build. */
export const LOCAL_STUDIO_BASE_PATH = '/studio'

/** The local server the development Studio passes API requests to, unless LOCAL_SERVER_URL says otherwise. */
const DEFAULT_LOCAL_SERVER_URL = 'http://127.0.0.1:3333'

/** API paths: `/v2025-02-19/…`, `/v1/…`, `/vX/…`. Everything the Studio asks the API for starts like this. */
export const API_PATH_PATTERN = '^/v(?:X|1|\\d{4}-\\d{2}-\\d{2})/'

/** The project the Studio talks to, or undefined for the local server. */
function configuredProjectId(env: Record<string, string | undefined>): string | undefined {
  const value = env.SANITY_STUDIO_PROJECT_ID?.trim()
  return value ? value : undefined
}

/** The CLI's project options: the local Studio lives at /studio; a real project's Studio keeps its own base path. */
export function studioProjectOptions(env: Record<string, string | undefined>): {project?: {basePath: string}} {
  return configuredProjectId(env) === undefined ? {project: {basePath: LOCAL_STUDIO_BASE_PATH}} : {}
}

interface ViteConfigLike {
  define?: Record<string, unknown>
  server?: object
  plugins?: unknown[]
}

/**
 * Adds what the Studio needs at build time:
 * - `process.env.SANITY_STUDIO_PROJECT_ID` always becomes a constant, also when
 *   it is not set, so the bundler can fold sanity.config.ts's choice of
 *   workspace and leave the local one out of a build for a real project;
 * - for the local server, the development server passes API requests on to it,
 *   so the Studio on port 3334 talks to its own origin just like the built one,
 *   and the build asks the local server, not Sanity, for version news and the
 *   feedback probe (offlineStudioHosts).
 */
export function studioViteConfig<T extends ViteConfigLike>(config: T, env: Record<string, string | undefined>): T {
  const projectId = configuredProjectId(env)
  const withConstant = {...config, define: {...config.define, 'process.env.SANITY_STUDIO_PROJECT_ID': JSON.stringify(projectId ?? '')}}
  if (projectId) return withConstant
  const target = env.LOCAL_SERVER_URL?.trim() || DEFAULT_LOCAL_SERVER_URL
  return {
    ...withConstant,
    plugins: [...(config.plugins ?? []), offlineStudioHosts()],
    server: {
      ...config.server,
      // changeOrigin: the local server accepts only its own name in the Host header.
      proxy: {[API_PATH_PATTERN]: {target, changeOrigin: true}},
    },
  }
}
