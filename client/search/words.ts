/**
 * How search reads text and queries, shared by both backends so that they
 * find and rank the same documents.
 */

/** Lower case without accents, so that "Dyspareünie" and "dyspareunie" compare equal. */
export function foldForSearch(text: string): string {
  return text.normalize('NFD').replace(/\p{M}/gu, '').toLowerCase()
}

/** At most this many words of a query count; more words only narrow a search further. */
const MAX_SEARCH_WORDS = 8
const MAX_WORD_LENGTH = 64

/** The words of a search query, folded, each once, in the order typed. */
export function searchWords(text: string): string[] {
  const words = foldForSearch(text)
    .split(/[^\p{L}\p{N}]+/u)
    .filter((word) => word.length > 0)
    .map((word) => word.slice(0, MAX_WORD_LENGTH))
  return [...new Set(words)].slice(0, MAX_SEARCH_WORDS)
}

// The accented letters Dutch text uses (trema, acute, grave, circumflex), by the letter they fold to.
const ACCENTED: Readonly<Record<string, readonly string[]>> = {
  a: ['á', 'à', 'ä', 'â'],
  e: ['é', 'è', 'ë', 'ê'],
  i: ['í', 'ì', 'ï', 'î'],
  o: ['ó', 'ò', 'ö', 'ô'],
  u: ['ú', 'ù', 'ü', 'û'],
  c: ['ç'],
  n: ['ñ'],
}

/**
 * A folded word and every spelling of it with one accented letter:
 * "dyspareunie" also as "dyspareünie", "knieen" also as "knieën". GROQ's
 * `match` compares letters exactly, so the Content Lake is asked for each
 * spelling. A word with two accented letters (coëfficiënt) is found by
 * typing one of its accents.
 */
export function spellings(foldedWord: string): string[] {
  const found = [foldedWord]
  for (let index = 0; index < foldedWord.length; index++) {
    for (const accented of ACCENTED[foldedWord[index] ?? ''] ?? []) {
      found.push(foldedWord.slice(0, index) + accented + foldedWord.slice(index + 1))
    }
  }
  return found
}

/**
 * The tokens of a text as GROQ's `match` sees them: split at white space and
 * punctuation, dots at the edge of a word dropped, lower case.
 */
export function matchTokens(text: string): string[] {
  return text
    .replace(/(\b\.+|\.+\b)/g, '')
    .split(/[\s!@#$%^&*(),\\/?";:{}|[\]+<>-]+/u)
    .filter((token) => token.length > 0)
    .map((token) => token.toLowerCase())
}

/** Whether a token starts with one of a word's spellings: `match "word*"`. */
export function tokenMatches(token: string, wordSpellings: readonly string[]): boolean {
  return wordSpellings.some((spelling) => token.startsWith(spelling))
}
