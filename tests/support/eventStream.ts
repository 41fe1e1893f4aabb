import http from 'node:http'

interface ReceivedEvent {
  event: string
  data: unknown
}

export interface EventStream {
  /** Every event received so far, in order. */
  events: ReceivedEvent[]
  /** Resolves with the first event (already received or still to come) that `matches`. */
  next(matches: (event: ReceivedEvent) => boolean): Promise<ReceivedEvent>
  /** Resolves when the server has ended or cut the stream. */
  ended: Promise<void>
  close(): void
}

/**
 * A listen (or live) stream read as a browser's EventSource reads it: events
 * parsed from the text as it arrives. With `read: false` nothing is read
 * after the headers, as a client that stopped reading.
 */
export function openEventStream(url: string, options: {token?: string; read?: boolean} = {}): Promise<EventStream> {
  return new Promise((resolve, reject) => {
    const request = http.get(url, {headers: options.token ? {authorization: `Bearer ${options.token}`} : {}}, (response) => {
      const events: ReceivedEvent[] = []
      const waiting: Array<{matches: (event: ReceivedEvent) => boolean; resolve: (event: ReceivedEvent) => void}> = []
      let buffered = ''
      const ended = new Promise<void>((resolveEnded) => {
        response.once('close', () => resolveEnded())
        response.once('error', () => resolveEnded())
      })
      const receive = (event: ReceivedEvent) => {
        events.push(event)
        // Those waiting for this event are taken out of the list before they are answered.
        const answered = waiting.filter((waiter) => waiter.matches(event))
        for (const waiter of answered) {
          waiting.splice(waiting.indexOf(waiter), 1)
          waiter.resolve(event)
        }
      }
      if (options.read !== false) {
        response.setEncoding('utf8')
        response.on('data', (chunk: string) => {
          buffered += chunk
          let end = buffered.indexOf('\n\n')
          while (end !== -1) {
            const block = buffered.slice(0, end)
            buffered = buffered.slice(end + 2)
            const name = /^event: (.*)$/m.exec(block)?.[1]
            const data = /^data: (.*)$/m.exec(block)?.[1]
            if (name !== undefined) receive({event: name, data: data === undefined ? undefined : (JSON.parse(data) as unknown)})
            end = buffered.indexOf('\n\n')
          }
        })
      }
      resolve({
        events,
        ended,
        next(matches) {
          const found = events.find(matches)
          if (found) return Promise.resolve(found)
          return new Promise((resolveNext) => waiting.push({matches, resolve: resolveNext}))
        },
        close: () => request.destroy(),
      })
    })
    request.once('error', reject)
  })
}
