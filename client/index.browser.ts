import {createContentClientWith, type ContentClient, type ContentClientOptions} from './contentClient'
import {ContentConfigurationError} from './errors'

export * from './api'

/**
 * The content client for browsers: the Content Lake only. The embedded
 * dataset needs Node's file system and groq-js, which a browser bundle
 * should not carry.
 */
export function createContentClient(options: ContentClientOptions = {}): ContentClient {
  return createContentClientWith(options, () =>
    Promise.reject(new ContentConfigurationError('The embedded dataset is not available in the browser: pass `sanity: {projectId, dataset}`, or use the client on the server.')),
  )
}
