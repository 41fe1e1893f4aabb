/** The deepest GROQ nesting evaluated unless told otherwise: far beyond any real query, far below the stack's limit. */
export const DEFAULT_MAX_GROQ_DEPTH = 64

/** A query nested deeper than the limit: refused before the recursive parser sees it. */
export class GroqNestingError extends Error {
  override readonly name = 'GroqNestingError'
  constructor(
    message: string,
    /** 0-based offset of the bracket that goes one level too deep. */
    readonly position: number,
  ) {
    super(message)
  }
}

/**
 * Checks how deep `(`, `[` and `{` nest in a query, skipping strings and
 * comments, in one pass without recursion. The parser and the evaluator of
 * groq-js recurse once per level, so a query such as 8,000 opening
 * parentheses would otherwise end in a stack overflow.
 */
export function checkGroqNesting(query: string, maxDepth: number, limitName = 'maxGroqDepth'): void {
  let depth = 0
  let index = 0
  while (index < query.length) {
    const character = query[index]
    if (character === '"' || character === "'") {
      index++
      while (index < query.length && query[index] !== character) index += query[index] === '\\' ? 2 : 1
    } else if (character === '/' && query[index + 1] === '/') {
      while (index < query.length && query[index] !== '\n') index++
    } else if (character === '(' || character === '[' || character === '{') {
      depth++
      if (depth > maxDepth) {
        throw new GroqNestingError(`The query nests brackets deeper than ${maxDepth} levels (at position ${index}); the limit is ${limitName}.`, index)
      }
    } else if (character === ')' || character === ']' || character === '}') {
      depth = Math.max(0, depth - 1)
    }
    index++
  }
}
