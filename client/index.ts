import {createContentClientWith, type ContentClient, type ContentClientOptions} from './contentClient'

export * from './api'

/**
 * The content client. Without options it answers from the dataset shipped in
 * this package (offline); with `sanity` it queries the Content Lake.
 * The embedded backend is imported on first use, so that a Content Lake
 * client never loads groq-js or the dataset.
 */
export function createContentClient(options: ContentClientOptions = {}): ContentClient {
  return createContentClientWith(options, async (embeddedOptions) => {
    const {createEmbeddedBackend} = await import('./backends/embedded')
    return createEmbeddedBackend(embeddedOptions)
  })
}
