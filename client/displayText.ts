/**
 * How stored text is shown to patients without changing what is stored:
 * Dutch capitalisation of a first letter and Dutch alphabetical order.
 */

/**
 * The text with its first letter as a capital, the rest untouched. Dutch
 * capitalises the digraph "ij" as a whole ("IJsselmeer").
 */
export function capitalizeFirst(text: string): string {
  const start = text.search(/\p{L}/u)
  if (start === -1) return text
  if (text.startsWith('ij', start)) return `${text.slice(0, start)}IJ${text.slice(start + 2)}`
  const letter = text.slice(start).match(/^./su)?.[0] ?? ''
  return `${text.slice(0, start)}${letter.toLocaleUpperCase('nl')}${text.slice(start + letter.length)}`
}

/** Dutch alphabetical order: case and accents only break ties, numbers in numeric order. */
export const dutchCollator = new Intl.Collator('nl', {sensitivity: 'base', numeric: true})

/** A copy of `items` in Dutch alphabetical order of `key`, ties in their original order. */
export function sortDutch<Item>(items: readonly Item[], key: (item: Item) => string): Item[] {
  return items
    .map((item, index) => ({item, index, text: key(item)}))
    .sort((a, b) => dutchCollator.compare(a.text, b.text) || a.index - b.index)
    .map(({item}) => item)
}

/** Sentence ends: `.`, `!` or `?` (also after a closing bracket or quote) followed by white space. */
const SENTENCE_BREAK = /(?<=[.!?][)”"’]?)\s+/u
/** A piece of text that introduces what follows ("… bestaat uit:") is not a whole sentence on its own. */
const INTRODUCES_MORE = /[:;,]$/u

/**
 * The text without a trailing piece that only introduces something that is
 * not there (a list after "uit:"), with a capital first letter; null when
 * nothing whole remains. For descriptions read out of their page context,
 * such as structured data.
 */
export function wholeSentences(text: string): string | null {
  const parts = text.trim().split(SENTENCE_BREAK)
  while (parts.length > 0 && INTRODUCES_MORE.test(parts[parts.length - 1] ?? '')) parts.pop()
  const whole = parts.join(' ').trim()
  return whole === '' ? null : capitalizeFirst(whole)
}
