import type {ServerResponse} from 'node:http'
import {ApiError} from './apiError'

/**
 * The bytes of all answers being sent at once. An answer stays in memory
 * until its client has taken it; clients that ask for large answers and
 * read slowly (or not at all) would otherwise hold memory without bound,
 * each within MAX_RESPONSE_BYTES.
 */
export class AnswerBudget {
  private open = 0

  constructor(private readonly maxBytes: number) {}

  /** The bytes held by answers not yet taken by their clients, for tests and diagnostics. */
  get openBytes(): number {
    return this.open
  }

  /** Holds room for `body` until the response is done; refuses with 503 when there is none. One answer alone always fits. */
  reserve(response: ServerResponse, body: string): void {
    // UTF-16 length is a lower bound of the UTF-8 size; count exactly only when it may matter.
    const bytes = this.open + body.length * 3 > this.maxBytes ? Buffer.byteLength(body) : body.length
    if (this.open > 0 && this.open + bytes > this.maxBytes) {
      throw new ApiError(
        503,
        `The server is still sending ${this.open} bytes of earlier answers to their clients; this one (${bytes} bytes) would pass the limit of ${this.maxBytes} bytes for all answers together (MAX_OPEN_ANSWER_BYTES). Try again shortly, or ask for less.`,
        undefined,
        {'retry-after': '1'},
      )
    }
    this.open += bytes
    response.once('close', () => {
      this.open -= bytes
    })
  }
}
