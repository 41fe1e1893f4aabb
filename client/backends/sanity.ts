import {createClient, type FilteredResponseQueryOptions, type SanityClient} from '@sanity/client'
import {ContentConfigurationError, ContentRequestError} from '../errors'
import {createSharedLiveEvents} from './liveEvents'
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

/** After a live event, wait this long for more before querying again. */
const REFRESH_DELAY_MS = 50

/** The Live Content API, and `syncTags` in query answers, start with this API version. */
const LIVE_API_VERSION = '2021-03-25'

/** Why the live connection failed for good, e.g. a token the server refuses (ConnectionFailedError carries `status`). */
function liveConnectionError(error: unknown): ContentRequestError {
  const status = typeof error === 'object' && error !== null ? (error as {status?: unknown}).status : undefined
  const code = typeof status === 'number' ? status : null
  const reason = error instanceof Error ? error.message : String(error)
  return new ContentRequestError(`The live connection to the Content Lake failed${code === null ? '' : ` with status ${code}`}: ${reason}`, code, false, {cause: error})
}

function predatesLiveContent(apiVersion: string): boolean {
  const version = apiVersion.replace(/^v/, '')
  return version !== 'X' && version < LIVE_API_VERSION
}

export function createSanityBackend(options: SanityBackendOptions, perspective: ContentPerspective): ContentBackend {
  if (perspective === 'drafts' && !options.token) {
    throw new ContentConfigurationError('The drafts perspective needs a read token: pass sanity.token (a Viewer token from sanity.io/manage), or use the published perspective.')
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

  /** Runs `attempt` with our deadline, tries again where that makes sense, and says how it failed. */
  async function withRetries<Result>(signal: AbortSignal | undefined, attempt: (signal: AbortSignal) => Promise<Result>): Promise<Result> {
    for (let tries = 0; ; tries++) {
      signal?.throwIfAborted()
      try {
        // Our own deadline as well: with `next` options the request goes through fetch, which has no timeout of its own.
        const deadline = AbortSignal.timeout(timeout)
        return await attempt(signal ? AbortSignal.any([signal, deadline]) : deadline)
      } catch (error) {
        // An aborted call is the caller's decision: no retry, and the abort reason as the error.
        signal?.throwIfAborted()
        const status = statusOf(error)
        if (isRetryable(status) && tries < maxRetries) {
          await wait(retryDelay * 2 ** tries, signal)
          continue
        }
        const reason = error instanceof Error ? error.message : String(error)
        throw new ContentRequestError(
          `The Content Lake query failed${status === null ? '' : ` with status ${status}`} after ${tries + 1} attempt${tries === 0 ? '' : 's'}: ${reason}`,
          status,
          tries > 0,
          {cause: error},
        )
      }
    }
  }

  function query(groq: string, params: Record<string, unknown>, request: RequestOptions): Promise<unknown> {
    const {signal, tag, tags} = request
    return withRetries(signal, (attemptSignal) =>
      client.fetch<unknown>(groq, params, {
        signal: attemptSignal,
        ...(tag ? {tag} : {}),
        // @sanity/client types `next` only where RequestInit has it (inside Next.js); elsewhere fetch ignores it.
        ...((tags && tags.length > 0 ? {next: {tags: [...tags]}} : {}) as FilteredResponseQueryOptions),
      }),
    )
  }

  // One live stream for all of this client's subscriptions. The Live Content API needs
  // v2021-03-25; with an older apiVersion the stream still uses that one (queries keep theirs).
  const liveClient = predatesLiveContent(client.config().apiVersion) ? client.withConfig({apiVersion: LIVE_API_VERSION}) : client
  const live = createSharedLiveEvents(() => liveClient.live.events({includeDrafts: perspective === 'drafts'}), REFRESH_DELAY_MS)

  function subscribe(groq: string, params: Record<string, unknown>, listener: QueryListener): Unsubscribe {
    const controller = new AbortController()
    let stopped = false
    let started = false
    let fetching = false
    /**
     * The sync tags of the last answer: a live message naming one of them means the
     * answer may have changed. null until the first answer, and whenever the server
     * answers without syncTags (an API version before v2021-03-25, or a server
     * that does not have them): then every message is taken to concern this query.
     */
    let syncTags: ReadonlySet<string> | null = null
    /** What live events asked for while a query was running; looked at when it has answered. */
    let missed: {tags: Set<string>; all: boolean} | null = null
    let delivered: string | null = null

    const concerns = (tags: ReadonlySet<string> | 'all') => tags === 'all' || syncTags === null || [...tags].some((tag) => syncTags?.has(tag))

    async function refresh(): Promise<void> {
      fetching = true
      let answer: {result: unknown; syncTags?: readonly string[]} | undefined
      try {
        const lastLiveEventId = live.lastEventId
        answer = await withRetries(controller.signal, (signal) =>
          // The whole answer, not only the result: its syncTags say which live events concern it.
          // lastLiveEventId makes a CDN answer at least as new as that event.
          client.fetch<unknown>(groq, params, {signal, filterResponse: false, returnQuery: false, ...(lastLiveEventId ? {lastLiveEventId} : {})}),
        )
      } catch (error) {
        if (!stopped) listener.error(error)
      } finally {
        fetching = false
      }
      if (stopped) return
      if (answer) {
        syncTags = answer.syncTags && answer.syncTags.length > 0 ? new Set(answer.syncTags) : null
        const serialised = JSON.stringify(answer.result)
        if (serialised !== delivered) {
          delivered = serialised
          listener.next(answer.result)
        }
      }
      // An event that came while the query ran may be newer than its answer.
      const since = missed
      missed = null
      if (!stopped && since && concerns(since.all ? 'all' : since.tags)) void refresh()
    }

    const leave = live.join({
      start() {
        if (stopped || started) return
        started = true
        void refresh()
      },
      invalidate({tags}) {
        if (stopped || !started) return
        if (fetching) {
          missed ??= {tags: new Set(), all: false}
          if (tags === 'all') missed.all = true
          else for (const tag of tags) missed.tags.add(tag)
          return
        }
        if (concerns(tags)) void refresh()
      },
      fail(error) {
        if (!stopped) listener.error(liveConnectionError(error))
      },
    })
    return () => {
      stopped = true
      controller.abort()
      leave()
    }
  }

  return {kind: 'sanity', query, subscribe}
}
