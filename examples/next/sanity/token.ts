import 'server-only'

/**
 * The read token, for drafts. Server-only: `server-only` makes the build fail
 * if a client component imports this module, and defineLive gets it as
 * `serverToken`, which it never hands to the browser.
 */
export const readToken = process.env.SANITY_API_READ_TOKEN || undefined
