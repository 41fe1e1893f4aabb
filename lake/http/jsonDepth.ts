import {ApiError} from './apiError'

/**
 * Refuses JSON text nested deeper than the limit, in one pass over the text
 * before it is parsed: deeply nested values would otherwise overflow the
 * stack wherever they are walked (ETags, the hand-off to a worker, groq-js).
 */
export function checkJsonDepth(text: string, maxDepth: number, what: string): void {
  let depth = 0
  let inString = false
  for (let index = 0; index < text.length; index++) {
    const code = text.charCodeAt(index)
    if (inString) {
      if (code === 0x5c) index++
      else if (code === 0x22) inString = false
    } else if (code === 0x22) {
      inString = true
    } else if (code === 0x5b || code === 0x7b) {
      depth++
      if (depth > maxDepth) throw new ApiError(400, `${what} nests JSON deeper than ${maxDepth} levels (at character ${index}); the limit is MAX_JSON_DEPTH.`)
    } else if (code === 0x5d || code === 0x7d) {
      depth--
    }
  }
}
