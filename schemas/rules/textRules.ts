import type {Rule, TextRule, StringRule} from 'sanity'
import {longSentenceMessage, longSentences} from './sentences'
import {blockTexts} from './portableText'

/** Warns (never blocks publishing) when a plain text field has a sentence over the B1 limit. */
export function warnOnLongSentences(rule: TextRule | StringRule) {
  return rule
    .custom((value: string | undefined) => {
      if (!value) return true
      const long = longSentences(value)
      return long.length === 0 ? true : longSentenceMessage(long)
    })
    .warning()
}

/** The same warning for rich text; it names the paragraph so the editor can find it. */
export function warnOnLongSentencesInBlocks(rule: Rule) {
  return rule
    .custom((value: unknown[] | undefined) => {
      const long = blockTexts(value).flatMap((text) => longSentences(text))
      return long.length === 0 ? true : longSentenceMessage(long)
    })
    .warning()
}
