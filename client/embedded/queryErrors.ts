import {GroqNestingError} from './queryNesting'

/**
 * What the Content Lake answers for a query it cannot run: `queryParseError`,
 * with the character range when the error has a position. groq-js raises
 * GroqSyntaxError (with a position) while parsing, and GroqQueryError for
 * queries that parse but are not valid GROQ (a wrong argument count, `asc`
 * outside `order()`); the Content Lake reports both kinds as invalid queries.
 */
/** Any other error groq-js raises while parsing (such as an invalid `diff::` selector): the query is invalid too. */
export class GroqParseFailure extends Error {
  override readonly name = 'GroqParseFailure'
}

export interface InvalidQueryError {
  type: 'queryParseError'
  description: string
  start?: number
  end?: number
}

function positionOf(error: Error): number | undefined {
  const position = (error as Error & {position?: unknown}).position
  return typeof position === 'number' ? position : undefined
}

/** Returns the invalid-query description of an error from parsing or evaluating GROQ, or null when it is something else. */
export function describeInvalidQuery(error: unknown, query: string): InvalidQueryError | null {
  let current: unknown = error
  // Look through `cause` in case a layer above wrapped the groq-js error.
  for (let depth = 0; depth < 5 && current instanceof Error; depth++) {
    if (current.name === 'GroqSyntaxError' || current.name === 'GroqQueryError' || current instanceof GroqNestingError || current instanceof GroqParseFailure) {
      const position = positionOf(current)
      if (position === undefined) return {type: 'queryParseError', description: current.message}
      const start = Math.max(0, Math.min(position, query.length))
      return {type: 'queryParseError', description: current.message, start, end: Math.min(start + 1, Math.max(query.length, start))}
    }
    current = current.cause
  }
  return null
}
