import 'server-only'
import {defineLive} from 'next-sanity/live'
import {client} from './client'
import {readToken} from './token'

/**
 * `sanityFetch` runs a query with the answer's sync tags as Next cache tags;
 * `<SanityLive />` (in the root layout) listens to the Live Content API in the
 * browser and revalidates those tags after an edit, so open pages update
 * without a reload. In draft mode sanityFetch reads drafts with the server
 * token; the browser gets no token (`browserToken: false`), so it hears of
 * published changes only. Without a token there is no draft mode.
 */
export const {sanityFetch, SanityLive} = defineLive({client, serverToken: readToken ?? false, browserToken: false})
