/** Server-sent events (text/event-stream), as the listen and live endpoints send them. */

export interface ServerSentEvent {
  event: string
  data: unknown
  id?: string
}

/** One event on the wire. JSON never holds a raw line break, so the data fits one `data:` line. */
export function encodeServerSentEvent({event, data, id}: ServerSentEvent): string {
  return `${id === undefined ? '' : `id: ${id}\n`}event: ${event}\ndata: ${JSON.stringify(data)}\n\n`
}

/** A comment line: ignored by EventSource, but it keeps proxies and idle timers from closing the stream. */
export const KEEP_ALIVE_COMMENT = ':\n\n'
