import type {LiveEvent} from '@sanity/client'

/**
 * One Live Content API stream (`/data/live/events`) shared by every
 * subscription of a content client, opened with the first subscription and
 * closed with the last.
 *
 * @sanity/client already shares one EventSource per URL and options while
 * someone listens; this makes the sharing ours, so that it holds whatever the
 * client does, and fans the events out: a browser allows six HTTP/1.1
 * connections per host, and a page with a connection per subscription stops
 * talking to the server at the sixth.
 */

/** What a live event asks of a subscription: query again if its answer carried one of `tags`, or in any case (`all`). */
interface Invalidation {
  tags: ReadonlySet<string> | 'all'
}

interface LiveSubscriber {
  /** The stream is open (its first `welcome`): the subscription runs its query for the first time. */
  start(): void
  invalidate(invalidation: Invalidation): void
  /** The stream failed for good (a refused connection, say); no more events will come. */
  fail(error: unknown): void
}

/** Something with `unsubscribe`, as an rxjs subscription. */
interface Closable {
  unsubscribe(): void
}

/** The stream of live events, as `client.live.events()` gives it. */
export interface LiveEventSource {
  subscribe(observer: {next(event: LiveEvent): void; error(error: unknown): void; complete(): void}): Closable
}

export interface SharedLiveEvents {
  /** Adds a subscriber, opening the stream if it is the first; returns the function that removes it again. */
  join(subscriber: LiveSubscriber): () => void
  /** The id of the newest `message` or `restart`, for `lastLiveEventId`; undefined before the first. */
  readonly lastEventId: string | undefined
  /** How many subscribers share the stream. */
  readonly size: number
}

/**
 * @param open opens the stream, e.g. `() => client.live.events({includeDrafts})`; called again
 *   only after the stream was closed (no subscribers left) or failed.
 * @param delayMs after an event, wait this long for more before telling the subscribers, so that
 *   a burst of edits (a publish is a draft deletion and a published write) is one query each.
 */
export function createSharedLiveEvents(open: () => LiveEventSource, delayMs: number): SharedLiveEvents {
  const subscribers = new Set<LiveSubscriber>()
  let connection: Closable | null = null
  /** Each opened stream has its own generation, so that a late event of a closed one is ignored. */
  let generation = 0
  let welcomed = false
  let lastEventId: string | undefined
  let pending: {tags: Set<string>; all: boolean} | null = null
  let timer: ReturnType<typeof setTimeout> | undefined

  function dispatch(): void {
    timer = undefined
    const invalidation: Invalidation | null = pending && (pending.all ? {tags: 'all'} : {tags: pending.tags})
    pending = null
    if (!invalidation) return
    // A copy: a subscriber may stop (and leave) while it is told.
    for (const subscriber of Array.from(subscribers)) subscriber.invalidate(invalidation)
  }

  function schedule(tags: readonly string[] | 'all'): void {
    pending ??= {tags: new Set(), all: false}
    if (tags === 'all') pending.all = true
    else for (const tag of tags) pending.tags.add(tag)
    timer ??= setTimeout(dispatch, delayMs)
  }

  function reset(): void {
    generation += 1
    connection = null
    welcomed = false
    pending = null
    clearTimeout(timer)
    timer = undefined
  }

  function handle(event: LiveEvent): void {
    switch (event.type) {
      case 'welcome':
        if (!welcomed) {
          welcomed = true
          for (const subscriber of Array.from(subscribers)) subscriber.start()
        } else {
          // Connected again. If the EventSource resumed with Last-Event-ID, the server sends what it
          // missed after this; if it could not (a new EventSource after a failed connection), the
          // changes in between are announced nowhere: query everything again.
          schedule('all')
        }
        return
      case 'message':
        lastEventId = event.id
        schedule(event.tags)
        return
      case 'restart':
        // The server does not know our position (it restarted, or we were away too long): anything may have changed.
        lastEventId = event.id
        schedule('all')
        return
      case 'reconnect':
        // The connection dropped and is being opened again; what changed meanwhile is not known.
        schedule('all')
        return
      case 'goaway':
        // The server refuses or closes the stream (too many connections); query everything once, as it may not say more.
        schedule('all')
        return
    }
  }

  function connect(): void {
    const current = ++generation
    const fail = (error: unknown) => {
      if (current !== generation) return
      const failed = [...subscribers]
      subscribers.clear()
      reset()
      for (const subscriber of failed) subscriber.fail(error)
    }
    let opened: Closable
    try {
      opened = open().subscribe({
        next: (event) => {
          if (current === generation) handle(event)
        },
        error: fail,
        complete: () => fail(new Error('The live events stream ended.')),
      })
    } catch (error) {
      // live.events() throws at once for an API version or configuration it cannot serve.
      fail(error)
      return
    }
    // A stream that failed while subscribing has been reset already; close what it opened.
    if (current === generation) connection = opened
    else opened.unsubscribe()
  }

  return {
    join(subscriber) {
      subscribers.add(subscriber)
      if (!connection) connect()
      else if (welcomed) subscriber.start()
      return () => {
        if (!subscribers.delete(subscriber) || subscribers.size > 0) return
        const closing = connection
        reset()
        closing?.unsubscribe()
      }
    },
    get lastEventId() {
      return lastEventId
    },
    get size() {
      return subscribers.size
    },
  }
}
