import 'server-only'
import {defineLive, type DefinedSanityFetchType} from 'next-sanity/live'
import {draftMode} from 'next/headers'
import {client} from './client'
import {readToken} from './token'

/**
 * `sanityFetch` runs a query with the answer's sync tags as Next cache tags;
 * `<SanityLive />` (in the root layout) listens to the Live Content API in the
 * browser and revalidates those tags after an edit, so open pages update
 * without a reload. The browser gets no token (`browserToken: false`): it
 * hears of published changes only.
 */
const published = defineLive({client, serverToken: false, browserToken: false})

/**
 * Draft mode has a client of its own that holds the token. next-sanity 12's
 * sanityFetch asks for the sync tags with the client's own token, not the
 * server token, and the local Lake refuses the drafts perspective without a
 * token (the Content Lake answers it with published documents). Visitors'
 * requests carry no token either way.
 */
const preview = readToken ? defineLive({client: client.withConfig({token: readToken}), serverToken: readToken, browserToken: false}) : null

export const SanityLive = published.SanityLive

export const sanityFetch: DefinedSanityFetchType = async (options) => {
  // generateStaticParams asks for published content, outside any request: draft mode cannot be asked there.
  if (options.perspective === 'published' || !preview) return published.sanityFetch(options)
  return ((await draftMode()).isEnabled ? preview : published).sanityFetch(options)
}
