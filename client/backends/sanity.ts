import {createClient, type SanityClient} from '@sanity/client'
import {ContentConfigurationError, ContentRequestError} from '../errors'
import type {ContentBackend, ContentPerspective} from './backend'

/** The API version the queries are written and tested against. */
export const DEFAULT_API_VERSION = '2025-02-19'

export interface SanityBackendOptions {
  projectId: string
  dataset: string
  /** A date such as `2025-02-19`. Defaults to DEFAULT_API_VERSION. */
  apiVersion?: string
  /** A read token. Required for the drafts perspective. */
  token?: string
  /** Defaults to true for published content; drafts never come from the CDN. */
  useCdn?: boolean
  /** Another API host, e.g. a proxy. Used with `useProjectHostname: false`. */
  apiHost?: string
  useProjectHostname?: boolean
  /** Milliseconds before a request gives up. Defaults to 30 seconds. */
  timeout?: number
  /** How often a failed request is tried again (5xx, 429, network). Defaults to 3. */
  maxRetries?: number
  /** The first wait between tries in milliseconds, doubled each time. Defaults to 200. */
  retryDelay?: number
}

function statusOf(error: unknown): number | null {
  if (typeof error !== 'object' || error === null) return null
  const status = (error as {statusCode?: unknown}).statusCode
  return typeof status === 'number' ? status : null
}

function isRetryable(status: number | null): boolean {
  return status === null || status === 429 || status >= 500
}

function wait(milliseconds: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, milliseconds))
}

export function createSanityBackend(options: SanityBackendOptions, perspective: ContentPerspective): ContentBackend {
  if (perspective === 'drafts' && !options.token) {
    throw new ContentConfigurationError(
      'The drafts perspective needs a read token: pass sanity.token (a Viewer token from sanity.io/manage), or use the published perspective.',
    )
  }
  const maxRetries = options.maxRetries ?? 3
  const retryDelay = options.retryDelay ?? 200
  const client: SanityClient = createClient({
    projectId: options.projectId,
    dataset: options.dataset,
    apiVersion: options.apiVersion ?? DEFAULT_API_VERSION,
    token: options.token,
    useCdn: perspective === 'drafts' ? false : (options.useCdn ?? true),
    perspective,
    ...(options.apiHost === undefined ? {} : {apiHost: options.apiHost}),
    ...(options.useProjectHostname === undefined ? {} : {useProjectHostname: options.useProjectHostname}),
    timeout: options.timeout ?? 30_000,
    // Retries are ours, so that the error can say whether the request was retried.
    maxRetries: 0,
  })
  return {
    kind: 'sanity',
    async query(query, params) {
      for (let attempt = 0; ; attempt++) {
        try {
          return await client.fetch<unknown>(query, params)
        } catch (error) {
          const status = statusOf(error)
          if (isRetryable(status) && attempt < maxRetries) {
            await wait(retryDelay * 2 ** attempt)
            continue
          }
          const reason = error instanceof Error ? error.message : String(error)
          throw new ContentRequestError(
            `The Content Lake query failed${status === null ? '' : ` with status ${status}`} after ${attempt + 1} attempt${attempt === 0 ? '' : 's'}: ${reason}`,
            status,
            attempt > 0,
            {cause: error},
          )
        }
      }
    },
  }
}
