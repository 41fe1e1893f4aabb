import {defineEnableDraftMode} from 'next-sanity/draft-mode'
import type {NextRequest} from 'next/server'
import {client} from '../../../../sanity/client'
import {readToken} from '../../../../sanity/token'

/**
 * Turns draft mode on for a link from the Studio's Presentation tool: the
 * link's `sanity-preview-secret` must match a secret the Studio stored in the
 * dataset in the last hour, which only the token can read. Without a token
 * there is no draft mode.
 */
const enable = readToken ? defineEnableDraftMode({client: client.withConfig({token: readToken})}) : null

export function GET(request: NextRequest): Promise<Response> | Response {
  return enable ? enable.GET(request) : new Response('Draft mode needs SANITY_API_READ_TOKEN on the server.', {status: 404})
}
