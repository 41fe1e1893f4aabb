import {createClient} from 'next-sanity'
import {apiVersion, dataset, localApiHost, projectId} from './env'

/** The @sanity/client next-sanity works with: published content, from the CDN on the Content Lake. */
export const client = createClient({
  projectId,
  dataset,
  apiVersion,
  useCdn: true,
  perspective: 'published',
  ...(localApiHost ? {apiHost: localApiHost, useProjectHostname: false} : {}),
})
