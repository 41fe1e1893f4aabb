import {createClient, type FilteredResponseQueryOptions, type SanityClient} from '@sanity/client'
import {ContentConfigurationError, ContentRequestError} from '../errors'
import type {ContentBackend, ContentPerspective, QueryListener, RequestOptions, Unsubscribe} from './backend'

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

function wait(milliseconds: number, signal: AbortSignal | undefined): Promise<void> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(done, milliseconds)
    function done() {
      signal?.removeEventListener('abort', abort)
      resolve()
    }
    function abort() {
      clearTimeout(timer)
      reject(signal?.reason)
    }
    signal?.addEventListener('abort', abort, {once: true})
  })
}

const LISTEN_TO_EVERY_DOCUMENT = '*'

/** After a change, wait this long for more changes before querying again. */
const REFRESH_DELAY_MS = 50

export function createSanityBackend(options: SanityBackendOptions, perspective: ContentPerspective): ContentBackend {
  if (perspective === 'drafts' && !options.token) {
    throw new ContentConfigurationError(
      'The drafts perspective needs a read token: pass sanity.token (a Viewer token from sanity.io/manage), or use the published perspective.',
    )
  }
  const timeout = options.timeout ?? 30_000
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
    timeout,
    // Retries are ours, so that the error can say whether the request was retried.
    maxRetries: 0,
  })

  async function query(groq: string, params: Record<string, unknown>, request: RequestOptions): Promise<unknown> {
    const {signal, tag, tags} = request
    for (let attempt = 0; ; attempt++) {
      signal?.throwIfAborted()
      try {
        // Our own deadline as well: with `next` options the request goes through fetch, which has no timeout of its own.
        const deadline = AbortSignal.timeout(timeout)
        return await client.fetch<unknown>(groq, params, {
          signal: signal ? AbortSignal.any([signal, deadline]) : deadline,
          ...(tag ? {tag} : {}),
          // @sanity/client types `next` only where RequestInit has it (inside Next.js); elsewhere fetch ignores it.
          ...((tags && tags.length > 0 ? {next: {tags: [...tags]}} : {}) as FilteredResponseQueryOptions),
        })
      } catch (error) {
        // An aborted call is the caller's decision: no retry, and the abort reason as the error.
        signal?.throwIfAborted()
        const status = statusOf(error)
        if (isRetryable(status) && attempt < maxRetries) {
          await wait(retryDelay * 2 ** attempt, signal)
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
  }

  function subscribe(groq: string, params: Record<string, unknown>, listener: QueryListener): Unsubscribe {
    let stopped = false
    let latest = 0
    let delivered: string | null = null
    let timer: ReturnType<typeof setTimeout> | undefined
    const refresh = () => {
      const run = ++latest
      query(groq, params, {}).then(
        (result) => {
          const serialised = JSON.stringify(result)
          if (stopped || run !== latest || serialised === delivered) return
          delivered = serialised
          listener.next(result)
        },
        (error: unknown) => {
          if (!stopped) listener.error(error)
        },
      )
    }
    // The listen API only takes a document filter, not a projection or a
    // slice, so it reports every mutation in the dataset; the query then runs
    // again, and the callback hears of the result only when it changed.
    const subscription = client
      .listen(LISTEN_TO_EVERY_DOCUMENT, {}, {events: ['welcome', 'mutation', 'reconnect'], includeResult: false, visibility: 'query'})
      .subscribe({
        next(event) {
          if (event.type === 'welcome') refresh()
          else if (event.type === 'mutation') {
            clearTimeout(timer)
            timer = setTimeout(refresh, REFRESH_DELAY_MS)
          }
        },
        error(error: unknown) {
          if (!stopped) listener.error(error)
        },
      })
    return () => {
      stopped = true
      clearTimeout(timer)
      subscription.unsubscribe()
    }
  }

  return {kind: 'sanity', query, subscribe}
}
