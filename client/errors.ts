/** A query result that does not match its contract: the content and the client disagree. */
export class ContentValidationError extends Error {
  override readonly name = 'ContentValidationError'
  constructor(
    /** The client function (or `fetch`) whose query returned the content. */
    readonly queryName: string,
    /** The `_id` of the document that holds the wrong value, when the result names one. */
    readonly documentId: string | null,
    /** Where in the result the wrong value is, e.g. `["causes", 0, "title"]`. */
    readonly path: readonly (string | number)[],
    /** What the contract expected. */
    readonly reason: string,
  ) {
    super(`${queryName}: content does not match the contract at ${formatPath(path)}` + `${documentId ? ` in document "${documentId}"` : ''}: ${reason}`)
  }
}

/** A request to the Content Lake that failed, after retries where retrying made sense. */
export class ContentRequestError extends Error {
  override readonly name = 'ContentRequestError'
  constructor(
    message: string,
    /** The HTTP status, or null when no response arrived (timeout, network). */
    readonly status: number | null,
    /** Whether the request was tried more than once before giving up. */
    readonly retried: boolean,
    options?: {cause?: unknown},
  ) {
    super(message, options)
  }
}

/** Options that cannot work together, such as the drafts perspective without a token. */
export class ContentConfigurationError extends Error {
  override readonly name = 'ContentConfigurationError'
}

function formatPath(path: readonly (string | number)[]): string {
  if (path.length === 0) return '(the result itself)'
  return path.map((part, index) => (typeof part === 'number' ? `[${part}]` : index === 0 ? part : `.${part}`)).join('')
}
