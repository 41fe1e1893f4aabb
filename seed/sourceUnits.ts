import {applyCorrections, normalizeWhitespace} from './sourceText'

type SourceUnitKind = 'heading' | 'sentence' | 'listItem'

/** One heading, sentence or list item of the source, in reading order. */
export interface SourceUnit {
  kind: SourceUnitKind
  text: string
  /** The line of the source file where the unit starts (1-based). */
  line: number
}

const BULLET = /^(?:o|•)\s+/u
const NUMBERED = /^\d+\.\s*/u
const TERMINAL = /[.?!:]$/u
/** Headings in the leaflet are short lines without a full stop; longer unpunctuated lines are sentences that lack one. */
const MAX_HEADING_WORDS = 12

interface LogicalLine {
  text: string
  line: number
  marker: 'none' | 'bullet' | 'numbered'
}

/**
 * Joins the PDF's wrapped lines into logical lines: a line that starts with
 * anything but a capital letter (or a list marker) continues the previous
 * one, even across a blank line, as in "in het dagelijks" / "leven".
 */
function logicalLines(text: string): LogicalLine[] {
  const lines: LogicalLine[] = []
  text.split('\n').forEach((raw, index) => {
    const trimmed = normalizeWhitespace(raw)
    if (trimmed === '') return
    const previous = lines[lines.length - 1]
    if (BULLET.test(trimmed)) {
      lines.push({text: trimmed.replace(BULLET, ''), line: index + 1, marker: 'bullet'})
    } else if (NUMBERED.test(trimmed)) {
      lines.push({text: trimmed.replace(NUMBERED, ''), line: index + 1, marker: 'numbered'})
    } else if (previous && !/^\p{Lu}/u.test(trimmed) && previous.marker !== 'numbered') {
      previous.text = `${previous.text} ${trimmed}`
    } else {
      lines.push({text: trimmed, line: index + 1, marker: 'none'})
    }
  })
  return lines
}

/** Sentence ends: a full stop, question or exclamation mark followed by a capital letter. */
function sentences(text: string): string[] {
  return text.split(/(?<=[.?!])\s+(?=\p{Lu})/u)
}

/**
 * The headings, sentences and list items of the source, after the corrections
 * list and whitespace normalisation. This parser knows nothing about the
 * mapping: the fidelity test uses it to check the mapping independently.
 */
export function sourceUnits(raw: string): SourceUnit[] {
  const units: SourceUnit[] = []
  for (const {text, line, marker} of logicalLines(applyCorrections(raw))) {
    if (marker === 'bullet') units.push({kind: 'listItem', text, line})
    else if (marker === 'numbered') units.push({kind: 'heading', text, line})
    else {
      const parts = sentences(text)
      const isHeading = parts.length === 1 && (!TERMINAL.test(text) || text.endsWith('?')) && text.split(' ').length <= MAX_HEADING_WORDS
      if (isHeading) units.push({kind: 'heading', text, line})
      else for (const sentence of parts) units.push({kind: 'sentence', text: sentence, line})
    }
  }
  return units
}
