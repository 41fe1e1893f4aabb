import {countSyllables} from './syllables'

/**
 * Flesch-Douma reading ease, the Dutch adaptation of Flesch (Douma, 1960):
 * 206.84 − 0.77 × syllables per 100 words − 0.93 × words per sentence.
 * Higher is easier; 60 to 70 is ordinary text.
 */
export function fleschDouma(counts: {sentences: number; words: number; syllables: number}): number {
  if (counts.words === 0 || counts.sentences === 0) return Number.NaN
  return 206.84 - 0.77 * ((counts.syllables / counts.words) * 100) - 0.93 * (counts.words / counts.sentences)
}

/**
 * Our yardstick for language level B1: a reading ease of at least 60 and at
 * most 15 words per sentence on average (B1 guidance is short sentences of
 * about 10 to 15 words). A formula cannot judge words or structure, so the
 * verdict is a signal for the editor, not a certificate.
 */
export const B1_MIN_READING_EASE = 60
export const B1_MAX_WORDS_PER_SENTENCE = 15
/** Below this many words a score says little; there is no verdict then. */
const MIN_WORDS_FOR_VERDICT = 10

export type B1Verdict = 'b1' | 'aboveB1' | 'tooShort'

export const B1_VERDICT_LABELS: Readonly<Record<B1Verdict, string>> = {
  b1: 'B1',
  aboveB1: 'moeilijker dan B1',
  tooShort: 'te weinig tekst',
}

export interface ReadabilityCounts {
  sentences: number
  words: number
  syllables: number
}

export interface Readability extends ReadabilityCounts {
  /** Flesch-Douma reading ease, rounded to one decimal; NaN without words. */
  readingEase: number
  /** Words per sentence, rounded to one decimal; NaN without sentences. */
  wordsPerSentence: number
  verdict: B1Verdict
}

/** A sentence ends at `.`, `!` or `?` (also before a closing bracket or quote) followed by white space. */
const SENTENCE_END = /(?<=[.!?][)”"’]?)\s+/u

/**
 * A web address written in the text, without the punctuation that ends its
 * sentence. Nobody reads one word by word, and its many "syllables" would
 * make any sentence with a link look hard.
 */
const WEB_ADDRESS = /(?:[a-z][a-z0-9+.-]*:\/\/|www\.)\S*?(?=[.,;:!?)”"’]*(?:\s|$))/giu

/**
 * Words, sentences and syllables of text blocks (paragraphs, list items,
 * headings, plain text fields). A block always ends a sentence, so a list
 * item or heading without a full stop is a sentence of its own. A word is a
 * run of non-space characters with at least one letter or digit; web
 * addresses are not words. Blocks are visible text only: a link's target is
 * never part of them.
 */
export function countText(blocks: readonly string[]): ReadabilityCounts {
  const counts: ReadabilityCounts = {sentences: 0, words: 0, syllables: 0}
  for (const block of blocks) {
    for (const sentence of block.replace(WEB_ADDRESS, ' ').trim().split(SENTENCE_END)) {
      const words = sentence.split(/\s+/u).filter((word) => /[\p{L}\p{N}]/u.test(word))
      if (words.length === 0) continue
      counts.sentences += 1
      counts.words += words.length
      counts.syllables += words.reduce((total, word) => total + countSyllables(word), 0)
    }
  }
  return counts
}

function roundOne(value: number): number {
  return Math.round(value * 10) / 10
}

export function readabilityOf(counts: ReadabilityCounts): Readability {
  const readingEase = roundOne(fleschDouma(counts))
  const wordsPerSentence = counts.sentences === 0 ? Number.NaN : roundOne(counts.words / counts.sentences)
  const verdict: B1Verdict =
    counts.words < MIN_WORDS_FOR_VERDICT ? 'tooShort' : readingEase >= B1_MIN_READING_EASE && wordsPerSentence <= B1_MAX_WORDS_PER_SENTENCE ? 'b1' : 'aboveB1'
  return {...counts, readingEase, wordsPerSentence, verdict}
}

export function sumCounts(all: readonly ReadabilityCounts[]): ReadabilityCounts {
  return all.reduce(
    (total, counts) => ({
      sentences: total.sentences + counts.sentences,
      words: total.words + counts.words,
      syllables: total.syllables + counts.syllables,
    }),
    {sentences: 0, words: 0, syllables: 0},
  )
}
