import {cacheTagsForWebhook} from '@bekkenbodem/content'
import {revalidateTag} from 'next/cache'
import {parseBody} from 'next-sanity/webhook'
import type {NextRequest} from 'next/server'

/**
 * A Sanity webhook (projection: the package's WEBHOOK_PROJECTION) revalidates
 * the pages a change shows on, by the package's cache tags. For sites without
 * `<SanityLive />`, or as a second path beside it.
 */
export async function POST(request: NextRequest): Promise<Response> {
  const secret = process.env.SANITY_REVALIDATE_SECRET
  if (!secret) return new Response('SANITY_REVALIDATE_SECRET is not set.', {status: 500})
  const {isValidSignature, body} = await parseBody(request, secret)
  if (!isValidSignature) return new Response('Invalid signature', {status: 401})
  const tags = cacheTagsForWebhook(body)
  // 'max': the cached page is served while it is refreshed in the background (Next.js 16 asks for a cacheLife profile).
  for (const tag of tags) revalidateTag(tag, 'max')
  return Response.json({revalidated: tags})
}
