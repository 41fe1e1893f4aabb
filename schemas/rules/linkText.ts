/**
 * Whether a link's text says where it goes. Screen readers list the links of
 * a page by their text alone, and a patient scanning a page reads the link,
 * not the sentence around it: "hier" or a web address says nothing.
 */

/** Link texts that name no destination, compared without case and punctuation. */
const VAGUE_LINK_TEXTS = new Set([
  'hier',
  'klik hier',
  'klik',
  'hier klikken',
  'deze link',
  'link',
  'lees meer',
  'meer',
  'meer informatie',
  'deze pagina',
  'website',
  'deze website',
])

/** A web address written out: a scheme, `www.` or a bare domain with nothing else around it. */
const BARE_URL = /^(?:[a-z][a-z0-9+.-]*:\/*|www\.)\S*$|^[\p{L}\p{N}-]+(?:\.[\p{L}\p{N}-]+)*\.[a-z]{2,}(?:[/?#]\S*)?$/iu

function normalized(text: string): string {
  return text
    .toLowerCase()
    .replace(/[^\p{L}\p{N}\s]/gu, ' ')
    .replace(/\s+/gu, ' ')
    .trim()
}

/** Why a link text does not say where the link goes, in Dutch for the editor; null when it does. */
export function linkTextProblem(text: string): string | null {
  const trimmed = text.trim()
  if (trimmed === '') return 'Deze link heeft geen tekst. Selecteer de woorden die zeggen waar de link naartoe gaat en maak daar de link van.'
  if (BARE_URL.test(trimmed))
    return `De linktekst "${trimmed}" is een webadres. Schrijf in woorden waar de link naartoe gaat, bijvoorbeeld "de website van de Bekkenbodem Stichting": een schermlezer leest een webadres letter voor letter voor, en patiënten moeten aan de tekst zien waar ze terechtkomen.`
  if (VAGUE_LINK_TEXTS.has(normalized(trimmed)))
    return `De linktekst "${trimmed}" zegt niet waar de link naartoe gaat. Maak de link van woorden die dat wel zeggen, bijvoorbeeld "meer over verzakkingen": schermlezers lezen links los van de zin voor, en patiënten moeten aan de linktekst zien waar ze terechtkomen.`
  return null
}
