import {execFile} from 'node:child_process'
import {readFile} from 'node:fs/promises'
import {fileURLToPath} from 'node:url'
import {promisify} from 'node:util'
import {describe, expect, it} from 'vitest'
import {countSyllables} from '../../schemas/readability/syllables'
import {B1_MAX_WORDS_PER_SENTENCE, B1_MIN_READING_EASE, countText, fleschDouma, readabilityOf} from '../../schemas/readability/fleschDouma'
import {documentReadability, readableFields} from '../../schemas/readability/documentText'
import {formatReport, readabilityReport} from '../../scripts/readability/report'

/** Counted by hand, syllable by syllable, as a Dutch speaker splits them. */
const HAND_COUNTED: Record<string, number> = {
  // From the leaflet
  verzakking: 3, // ver-zak-king
  bekkenbodem: 4, // bek-ken-bo-dem
  ondersteunende: 5, // on-der-steu-nen-de
  baarmoeder: 3, // baar-moe-der
  afzonderlijk: 4, // af-zon-der-lijk
  overbelasting: 5, // o-ver-be-las-ting
  adipositas: 5, // a-di-po-si-tas
  chronisch: 2, // chro-nisch
  zwangerschap: 3, // zwan-ger-schap
  neurologische: 5, // neu-ro-lo-gi-sche
  aangeboren: 4, // aan-ge-bo-ren
  bindweefsel: 3, // bind-weef-sel
  hormoonproductie: 5, // hor-moon-pro-duc-tie
  balgevoel: 3, // bal-ge-voel
  progressief: 3, // pro-gres-sief
  incontinentie: 5, // in-con-ti-nen-tie
  recidiverende: 6, // re-ci-di-ve-ren-de
  blaasontstekingen: 5, // blaas-ont-ste-kin-gen
  obstipatie: 4, // ob-sti-pa-tie
  bekkenfysiotherapeutische: 10, // bek-ken-fy-si-o-the-ra-peu-ti-sche
  toilethouding: 4, // toi-let-hou-ding
  vulvair: 2, // vul-vair
  vestibulitis: 5, // ves-ti-bu-li-tis
  syndroom: 2, // syn-droom
  uiteenlopende: 5, // uit-een-lo-pen-de
  beïnvloeden: 4, // be-ïn-vloe-den
  dyspareünie: 5, // dys-pa-re-ü-nie
  dagelijkse: 4, // da-ge-lijk-se
  seksueel: 3, // sek-su-eel
  penetratie: 4, // pe-ne-tra-tie
  geslachtsdelen: 4, // ge-slachts-de-len
  bewustwording: 4, // be-wust-wor-ding
  onwillekeurige: 6, // on-wil-le-keu-ri-ge
  gemeenschap: 3, // ge-meen-schap
  bijna: 2, // bij-na
  vrijen: 2, // vrij-en
  'en/of': 2, // en-of
  // Vowel groups the method must split or keep
  patiënt: 3, // pa-ti-ënt
  België: 3, // bel-gi-ë
  nieuw: 1, // nieuw
  eeuw: 1, // eeuw
  mooie: 2, // mooi-e
  draaien: 2, // draai-en
  ideaal: 3, // i-de-aal
  specialist: 4, // spe-ci-a-list
  situatie: 4, // si-tu-a-tie
  januari: 4, // ja-nu-a-ri
  knieën: 2, // knie-ën
  één: 1, // één
  café: 2, // ca-fé
  // Abbreviations and numbers: one syllable per letter or digit
  VVS: 3, // vee-vee-es
}

describe('Dutch syllable count', () => {
  it('matches the hand count of every example', () => {
    const wrong = Object.entries(HAND_COUNTED)
      .map(([word, expected]) => ({word, expected, counted: countSyllables(word)}))
      .filter(({expected, counted}) => expected !== counted)
    expect(wrong).toEqual([])
  })

  it('ignores punctuation around a word and case', () => {
    expect(countSyllables('“balgevoel”.')).toBe(3)
    expect(countSyllables('Verzakking,')).toBe(3)
    expect(countSyllables('…')).toBe(0)
  })

  it('counts a vowel pair without a diaeresis as one syllable: a documented limit', () => {
    // mu-se-um has three syllables; without ë or ü the spelling does not show it.
    expect(countSyllables('museum')).toBe(2)
  })
})

describe('Flesch-Douma reading ease', () => {
  it('is 206.84 − 0.77 × syllables per 100 words − 0.93 × words per sentence', () => {
    expect(fleschDouma({sentences: 1, words: 10, syllables: 15})).toBeCloseTo(206.84 - 0.77 * 150 - 0.93 * 10, 10)
    expect(fleschDouma({sentences: 1, words: 10, syllables: 15})).toBeCloseTo(82.04, 10)
  })

  it('weighs word length with 0.77 and sentence length with 0.93, not the other way round', () => {
    const base = fleschDouma({sentences: 2, words: 20, syllables: 30})
    // Ten more syllables per hundred words: 0.77 × 10 lower.
    expect(base - fleschDouma({sentences: 2, words: 20, syllables: 32})).toBeCloseTo(7.7, 10)
    // One more word per sentence (same syllables per word): 0.93 lower.
    expect(base - fleschDouma({sentences: 2, words: 22, syllables: 33})).toBeCloseTo(0.93, 10)
  })

  it('measures a short plain sentence as very easy', () => {
    const counts = countText(['De kat zit op de mat.'])
    expect(counts).toEqual({sentences: 1, words: 6, syllables: 6})
    expect(fleschDouma(counts)).toBeCloseTo(206.84 - 77 - 5.58, 10)
  })

  it('ends a sentence at a full stop, question or exclamation mark, and at the end of every block', () => {
    expect(countText(['Dit is een zin. En nog een! Waarom?'])).toMatchObject({sentences: 3, words: 8})
    expect(countText(['Een lijstitem zonder punt', 'Een kop'])).toMatchObject({sentences: 2, words: 6})
    expect(countText(['Na de overgang). Nieuwe zin.'])).toMatchObject({sentences: 2})
    // "50%" is one word.
    expect(countText(['Bijna 50% van alle vrouwen.'])).toMatchObject({sentences: 1, words: 5})
  })

  it('gives the B1 verdict only for easy text with short sentences, and none for a few words', () => {
    const easy = readabilityOf(countText(['De kat zit op de mat. Het is een mooie dag. Wij gaan naar huis.']))
    expect(easy.verdict).toBe('b1')
    expect(easy.readingEase).toBeGreaterThanOrEqual(B1_MIN_READING_EASE)
    expect(easy.wordsPerSentence).toBeLessThanOrEqual(B1_MAX_WORDS_PER_SENTENCE)
    const long = readabilityOf(countText(['De kat zit op de mat en kijkt naar de vogels die in de tuin rond de boom vliegen terwijl het zonnetje schijnt.']))
    expect(long.verdict).toBe('aboveB1')
    expect(readabilityOf(countText(['Te kort.'])).verdict).toBe('tooShort')
  })
})

describe('readability per document and field', () => {
  const condition = {
    _id: 'condition-voorbeeld',
    _type: 'condition',
    title: 'Voorbeeld',
    summary: 'Een korte zin.',
    description: [{_type: 'block', _key: 'a', children: [{_type: 'span', _key: 'a1', text: 'De kat zit op de mat.'}]}],
    treatments: [{_key: 't', goals: [{_type: 'block', _key: 'g', children: [{_type: 'span', _key: 'g1', text: 'Het doel is rust.'}]}]}],
    codes: [{system: 'ICD-10', code: 'N81'}],
  }

  it('measures the running text fields of a document, rich text and plain text, by path', () => {
    expect(readableFields(condition).map((field) => [field.path, field.kind])).toEqual([
      ['summary', 'plainText'],
      ['description', 'richText'],
      ['treatments[0].goals', 'richText'],
    ])
  })

  it('scores the document from the summed counts of its fields', () => {
    const measured = documentReadability(condition)
    expect(measured.words).toBe(3 + 6 + 4)
    expect(measured.sentences).toBe(3)
    expect(measured.readingEase).toBeCloseTo(Math.round(fleschDouma(measured) * 10) / 10, 10)
  })

  it('counts only the visible text of a link: its target and markup do not change the score', () => {
    const plainText = 'Lees meer over verzakking op de website van Thuisarts. Daar staat ook wat u zelf kunt doen.'
    const plain = {...condition, description: [{_type: 'block', _key: 'a', markDefs: [], children: [{_type: 'span', _key: 'a1', text: plainText, marks: []}]}]}
    const linked = {
      ...condition,
      description: [
        {
          _type: 'block',
          _key: 'a',
          markDefs: [
            {_type: 'link', _key: 'l', href: 'https://www.thuisarts.nl/verzakking/ik-heb-een-verzakking-van-de-baarmoeder-of-vagina-en-wil-weten-wat-ik-zelf-kan-doen'},
            {_type: 'internalLink', _key: 'i', reference: {_type: 'reference', _ref: 'condition-verzakking'}},
          ],
          children: [
            {_type: 'span', _key: 'a1', text: 'Lees meer over ', marks: []},
            {_type: 'span', _key: 'a2', text: 'verzakking', marks: ['i']},
            {_type: 'span', _key: 'a3', text: ' op ', marks: []},
            {_type: 'span', _key: 'a4', text: 'de website van Thuisarts', marks: ['l', 'strong']},
            {_type: 'span', _key: 'a5', text: '. Daar staat ook wat u zelf kunt doen.', marks: []},
          ],
        },
      ],
    }
    expect(documentReadability(linked)).toEqual(documentReadability(plain))
  })

  it('does not count a web address written in the text as words', () => {
    const without = countText(['Kijk voor meer uitleg op de website. Daar staat het.'])
    const withAddress = countText([
      'Kijk voor meer uitleg op de website https://www.bekkenbodem4all.nl/informatie-over-bekkenbodemproblemen/verzakkingen-en-behandelingen. Daar staat het.',
    ])
    expect(withAddress).toEqual(without)
    expect(countText(['Zie www.thuisarts.nl/verzakking-bij-vrouwen-en-mannen voor meer uitleg.'])).toEqual(countText(['Zie voor meer uitleg.']))
  })

  it('reads a treatment component title as its text when it has no description', () => {
    expect(readableFields({_id: 'c', _type: 'treatmentComponent', title: 'Oefeningen voor de bekkenbodem'}).map((field) => field.path)).toEqual(['title'])
    expect(readableFields({_id: 'c', _type: 'treatmentComponent', title: 'Kort', description: 'Lang en uitgebreid.'}).map((field) => field.path)).toEqual(['description'])
  })
})

const SEEDED_DATASET = fileURLToPath(new URL('../../dataset/production.ndjson', import.meta.url))
const SOURCE = fileURLToPath(new URL('../../seed/source/pelvic-floor-leaflet.txt', import.meta.url))

describe('npm run readability', () => {
  it('lists the shipped documents worst first and measures the whole leaflet', async () => {
    const documents = (await readFile(SEEDED_DATASET, 'utf8'))
      .split('\n')
      .filter((line) => line.trim() !== '')
      .map((line) => JSON.parse(line) as Record<string, unknown>)
    const report = readabilityReport(documents, await readFile(SOURCE, 'utf8'))
    const scored = report.documents.filter((document) => document.verdict !== 'tooShort').map((document) => document.readingEase)
    expect(scored).toEqual([...scored].sort((a, b) => a - b))
    expect(report.documents.map((document) => document._id)).toContain('condition-verzakking')
    expect(report.leaflet.words).toBeGreaterThan(500)
    const text = formatReport(report)
    expect(text).toContain('condition-verzakking')
    expect(text).toContain('de hele folder')
  })

  it('measures the page texts without and with the explanations of the difficult words they use', async () => {
    const leaflet = await readFile(SOURCE, 'utf8')
    const page = {_id: 'condition-a', _type: 'condition', summary: 'Soms is er obstipatie. Dat is vervelend.'}
    const term = (id: string, word: string, explanation: string, status: string) => ({
      _id: id,
      _type: 'glossaryTerm',
      term: word,
      explanation,
      valueReview: {_type: 'valueReview', status},
    })
    const documents = [
      page,
      term('glossaryTerm-obstipatie', 'obstipatie', 'Verstopping.', 'approved'),
      term('glossaryTerm-rupturen', 'rupturen', 'Scheuren in weefsel.', 'pending'),
    ]
    const {glossary} = readabilityReport(documents, leaflet)
    // 7 words in 2 sentences; the approved explanation adds 1 word and 1 sentence; the other word is not used on the page.
    expect([glossary.without.words, glossary.without.sentences]).toEqual([7, 2])
    expect([glossary.withApproved.words, glossary.withApproved.sentences]).toEqual([8, 3])
    expect(glossary.withAll).toEqual(glossary.withApproved)
    const pending = readabilityReport([page, term('glossaryTerm-obstipatie', 'obstipatie', 'Verstopping.', 'pending')], leaflet).glossary
    expect(pending.withApproved).toEqual(pending.without)
    expect(pending.withAll.words).toBe(8)
  })

  it('prints JSON with --json', async () => {
    const {stdout} = await promisify(execFile)(process.execPath, ['--import', 'tsx', fileURLToPath(new URL('../../scripts/readability/cli.ts', import.meta.url)), '--json'])
    const parsed = JSON.parse(stdout) as {leaflet: {readingEase: number}; documents: Array<{_id: string}>; fields: unknown[]}
    expect(parsed.leaflet.readingEase).toBeTypeOf('number')
    expect(parsed.documents.length).toBeGreaterThan(0)
    expect(parsed.fields.length).toBeGreaterThan(parsed.documents.length)
  })
})
