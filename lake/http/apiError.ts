import {STATUS_CODES} from 'node:http'

/**
 * An error answered in the shape the Content Lake uses, so that
 * @sanity/client turns it into a readable ClientError:
 * - query errors: `{error: {type, description, query, start?, end?}}`;
 * - everything else: `{statusCode, error: <reason phrase>, message}`.
 */
export class ApiError extends Error {
  override name = 'ApiError'

  constructor(
    readonly statusCode: number,
    message: string,
    readonly queryError?: {type: string; query: string; start?: number; end?: number},
    readonly headers: Record<string, string> = {},
  ) {
    super(message)
  }

  toBody(): Record<string, unknown> {
    if (this.queryError) {
      return {error: {description: this.message, ...this.queryError}}
    }
    return {statusCode: this.statusCode, error: STATUS_CODES[this.statusCode] ?? 'Error', message: this.message}
  }
}
