/**
 * Counting syllables in written Dutch, for the Flesch-Douma reading ease.
 *
 * Method: a Dutch syllable has exactly one vowel sound, and Dutch spelling
 * writes most vowel sounds with fixed letter groups. So the word is lower-
 * cased, accents that do not split a vowel (é, è, ê, á, ó, …) are dropped,
 * "ij" is read as one vowel, and each run of vowel letters (a e i o u y and
 * ë ï ü ö ä) is cut, left to right and longest first, into these units:
 *
 * - three letters: aai, ooi, oei, eeu, ieu, eau
 * - two letters: aa, ee, oo, uu, ie, oe, eu, ei, ij, ui, ou, au, ai, oi
 * - any other single vowel letter
 *
 * Every unit is one syllable. A letter with a diaeresis (ë, ï, ü, ö, ä)
 * always starts a new syllable (België, beïnvloeden, dyspareünie), which is
 * what the diaeresis is for. A token without any vowel letter is an
 * abbreviation or a number ("VVS", "50"): it counts one syllable per letter
 * or digit. The units "ai" and "oi" are for loan words (vulvair, toilet).
 *
 * Known limits: a vowel pair that Dutch pronounces as two syllables without
 * a diaeresis (museum, Oekraine) counts as one, and numbers are spoken
 * longer than their digits (50 is "vijftig"). The tests pin the method on
 * words counted by hand.
 */

const DIAERESIS = 'ëïüöä'
const VOWELS = `aeiouyÿ${DIAERESIS}`
const UNITS = ['aai', 'ooi', 'oei', 'eeu', 'ieu', 'eau', 'aa', 'ee', 'oo', 'uu', 'ie', 'oe', 'eu', 'ei', 'ui', 'ou', 'au', 'ai', 'oi']
/** "ij" stands for one vowel; a private letter keeps it from joining its neighbours. */
const IJ = 'ÿ'

/** Accents that mark stress or an open vowel, not a new syllable. */
function withoutStressAccents(word: string): string {
  return word
    .normalize('NFD')
    .replace(/([aeiouy])[\u0300-\u0302\u0301]/gu, '$1')
    .normalize('NFC')
}

function syllablesInVowelRun(run: string): number {
  let count = 0
  let at = 0
  while (at < run.length) {
    const letter = run[at] ?? ''
    if (DIAERESIS.includes(letter) || letter === IJ) {
      count += 1
      at += 1
      continue
    }
    const unit = UNITS.find((candidate) => run.startsWith(candidate, at) && !DIAERESIS.split('').some((mark) => candidate.includes(mark)))
    count += 1
    at += unit ? unit.length : 1
  }
  return count
}

/** The number of syllables of one word (at least 1 for any word with a letter or digit). */
export function countSyllables(word: string): number {
  const letters = withoutStressAccents(word.toLocaleLowerCase('nl')).replace(/[^\p{L}\p{N}]/gu, '')
  if (letters === '') return 0
  const spelled = letters.replaceAll('ij', IJ)
  const runs = spelled.match(new RegExp(`[${VOWELS}]+`, 'gu'))
  if (!runs) return letters.length
  return runs.reduce((total, run) => total + syllablesInVowelRun(run), 0)
}
