/**
 * Plain-language checks shared by the text fields. We aim for Dutch language
 * level B1, where guidance is short sentences of about 10 to 15 words; past
 * 25 words a sentence is hard to follow for many readers.
 */
export const MAX_WORDS_PER_SENTENCE = 25

/** Splits running text into sentences on `.`, `!`, `?` and `;` followed by white space or the end. */
export function splitSentences(text: string): string[] {
  return text
    .split(/(?<=[.!?;:])\s+/u)
    .map((sentence) => sentence.trim())
    .filter((sentence) => sentence.length > 0)
}

export function countWords(sentence: string): number {
  return sentence.split(/\s+/u).filter((word) => /[\p{L}\p{N}]/u.test(word)).length
}

/** The sentences of `text` that are longer than the B1 limit. */
export function longSentences(text: string, limit = MAX_WORDS_PER_SENTENCE): string[] {
  return splitSentences(text).filter((sentence) => countWords(sentence) > limit)
}

export function longSentenceMessage(sentences: string[]): string {
  const first = sentences[0] ?? ''
  const preview = first.length > 80 ? `${first.slice(0, 77)}…` : first
  const more = sentences.length > 1 ? ` (en nog ${sentences.length - 1})` : ''
  return `Zin van meer dan ${MAX_WORDS_PER_SENTENCE} woorden: "${preview}"${more}. Voor taalniveau B1 zijn korte zinnen beter.`
}
