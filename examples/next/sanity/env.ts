import {DEFAULT_API_VERSION} from '@bekkenbodem/content'

/**
 * Where the content comes from. In production: the Content Lake of the
 * project in SANITY_PROJECT_ID. Without it: the local Lake of `npm start` in
 * the content repository (http://127.0.0.1:3333), or SANITY_API_HOST.
 * None of these is secret; the token is read in sanity/token.ts.
 */
const projectIdFromEnv = process.env.SANITY_PROJECT_ID

export const projectId = projectIdFromEnv ?? 'local'
export const dataset = process.env.SANITY_DATASET ?? 'production'
export const apiVersion = DEFAULT_API_VERSION
/** The local Lake's address, for `apiHost` with `useProjectHostname: false`; undefined for the real Content Lake. */
export const localApiHost = process.env.SANITY_API_HOST ?? (projectIdFromEnv ? undefined : 'http://127.0.0.1:3333')
/** The address pages use in canonical URLs and JSON-LD. */
export const siteUrl = process.env.SITE_URL ?? 'http://127.0.0.1:3000'
