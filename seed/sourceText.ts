import {readFileSync} from 'node:fs'
import {fileURLToPath} from 'node:url'
import {CORRECTIONS, type Correction} from './corrections'

export const SOURCE_PATH = fileURLToPath(new URL('./source/pelvic-floor-leaflet.txt', import.meta.url))

/** Collapses the white space left by the PDF's line wrapping (also no-break spaces) to single spaces. */
export function normalizeWhitespace(text: string): string {
  return text.replace(/[\s\u00a0]+/gu, ' ').trim()
}

function countOccurrences(text: string, find: string): number {
  let count = 0
  for (let at = text.indexOf(find); at !== -1; at = text.indexOf(find, at + find.length)) count += 1
  return count
}

export class SourceError extends Error {
  override name = 'SourceError'
}

/** Applies the corrections list; a correction that no longer matches as expected is an error, not a no-op. */
export function applyCorrections(raw: string, corrections: readonly Correction[] = CORRECTIONS): string {
  let text = raw
  for (const correction of corrections) {
    const found = countOccurrences(text, correction.find)
    if (found !== correction.count) {
      throw new SourceError(
        `Correction "${correction.find}" → "${correction.replace}" (seed/corrections.ts) expects ${correction.count} occurrence(s) in the source, found ${found}.`,
      )
    }
    text = text.split(correction.find).join(correction.replace)
  }
  return text
}

/** Where a piece of text comes from: its opening words, optionally its closing words and a landmark before it. */
export interface PassageAnchor {
  start: string
  /** The closing words; without it the passage is exactly `start`. */
  end?: string
  /** Search only after this text, for passages whose opening words occur more than once. */
  after?: string
}

export function describeAnchor(anchor: PassageAnchor): string {
  const parts = [`"${anchor.start}"`]
  if (anchor.end !== undefined) parts.push(`… "${anchor.end}"`)
  if (anchor.after !== undefined) parts.push(`(after "${anchor.after}")`)
  return parts.join(' ')
}

/** The source text after corrections and whitespace normalisation, from which passages are read. */
export class SourceText {
  readonly text: string

  constructor(raw: string) {
    this.text = normalizeWhitespace(applyCorrections(raw))
  }

  static load(path: string = SOURCE_PATH): SourceText {
    return new SourceText(readFileSync(path, 'utf8'))
  }

  /** The text of a passage, or a reason why it cannot be found. */
  find(anchor: PassageAnchor): {text: string} | {problem: string} {
    let from = 0
    if (anchor.after !== undefined) {
      const landmark = this.text.indexOf(anchor.after)
      if (landmark === -1) return {problem: `landmark "${anchor.after}" not found`}
      from = landmark + anchor.after.length
    }
    const start = this.text.indexOf(anchor.start, from)
    if (start === -1) return {problem: `opening words "${anchor.start}" not found`}
    if (anchor.after === undefined && this.text.indexOf(anchor.start, start + 1) !== -1) {
      return {problem: `opening words "${anchor.start}" occur more than once; give an "after" landmark`}
    }
    if (anchor.end === undefined) return {text: anchor.start}
    const end = this.text.indexOf(anchor.end, start + anchor.start.length)
    if (end === -1) return {problem: `closing words "${anchor.end}" not found after "${anchor.start}"`}
    return {text: this.text.slice(start, end + anchor.end.length)}
  }
}
