import {countText, readabilityOf, sumCounts, type Readability} from '../../schemas/readability/fleschDouma'
import {documentReadability, readableFields, type DocumentReadability, type FieldReadability} from '../../schemas/readability/documentText'
import {sourceUnits} from '../../seed/sourceUnits'

export interface ReadabilityReport {
  /** The leaflet as a whole: every heading, sentence and list item, after the corrections. */
  leaflet: Readability
  /** Every document with running text, worst reading ease first. */
  documents: DocumentReadability[]
  /** Every field with running text, worst first, named by document and path. */
  fields: Array<FieldReadability & {documentId: string}>
  /**
   * The texts of the condition and treatment pages, without and with the
   * explanations of the difficult words each uses (as the pages give them,
   * once per page): with those a clinician approved, which pages show, and
   * with every written explanation, approved or not.
   */
  glossary: {without: Readability; withApproved: Readability; withAll: Readability}
}

const PAGE_TYPES = new Set(['condition', 'treatment'])

function glossaryReadability(documents: ReadonlyArray<Record<string, unknown>>): ReadabilityReport['glossary'] {
  const terms = documents
    .filter((document) => document._type === 'glossaryTerm' && typeof document.explanation === 'string')
    .map((document) => {
      const forms = [document.term, ...(Array.isArray(document.forms) ? document.forms : [])].filter((form): form is string => typeof form === 'string')
      const review = document.valueReview as {status?: unknown} | undefined
      return {forms, explanation: String(document.explanation), approved: review?.status === 'approved'}
    })
  const pages = documents.filter((document) => PAGE_TYPES.has(String(document._type))).map((document) => readableFields(document).flatMap((field) => field.blocks))
  const measure = (include: (term: (typeof terms)[number]) => boolean) =>
    readabilityOf(
      sumCounts(
        pages.map((blocks) => {
          const text = blocks.join(' ').toLocaleLowerCase('nl')
          const used = terms.filter((term) => include(term) && term.forms.some((form) => new RegExp(`(?<![\\p{L}])${form.toLocaleLowerCase('nl')}(?![\\p{L}])`, 'u').test(text)))
          return countText([...blocks, ...used.map((term) => term.explanation)])
        }),
      ),
    )
  return {without: measure(() => false), withApproved: measure((term) => term.approved), withAll: measure(() => true)}
}

/** Lowest reading ease first; texts too short for a verdict after the rest, since their scores say little. */
function worstFirst(a: Readability, b: Readability): number {
  const tooShort = Number(a.verdict === 'tooShort') - Number(b.verdict === 'tooShort')
  if (tooShort !== 0) return tooShort
  const left = Number.isNaN(a.readingEase) ? Number.POSITIVE_INFINITY : a.readingEase
  const right = Number.isNaN(b.readingEase) ? Number.POSITIVE_INFINITY : b.readingEase
  return left - right || b.wordsPerSentence - a.wordsPerSentence
}

export function readabilityReport(documents: ReadonlyArray<Record<string, unknown>>, leafletText: string): ReadabilityReport {
  const measured = documents.map(documentReadability).filter((document) => document.words > 0)
  return {
    leaflet: readabilityOf(countText(sourceUnits(leafletText).map((unit) => unit.text))),
    documents: [...measured].sort(worstFirst),
    fields: measured.flatMap((document) => document.fields.map((field) => ({...field, documentId: document._id}))).sort(worstFirst),
    glossary: glossaryReadability(documents),
  }
}

const VERDICTS: Record<Readability['verdict'], string> = {b1: 'B1', aboveB1: 'boven B1', tooShort: 'te kort'}

function row(cells: readonly string[], widths: readonly number[]): string {
  return cells
    .map((cell, index) => (index < 2 ? cell.padStart(widths[index] ?? 0) : cell.padEnd(widths[index] ?? 0)))
    .join('  ')
    .trimEnd()
}

function table(header: readonly string[], rows: ReadonlyArray<readonly string[]>): string {
  const widths = header.map((cell, index) => Math.max(cell.length, ...rows.map((cells) => (cells[index] ?? '').length)))
  return [
    row(header, widths),
    row(
      widths.map((width) => '-'.repeat(width)),
      widths,
    ),
    ...rows.map((cells) => row(cells, widths)),
  ].join('\n')
}

function cells(readability: Readability, name: string, detail?: string): string[] {
  return [
    Number.isNaN(readability.readingEase) ? '-' : readability.readingEase.toFixed(1),
    Number.isNaN(readability.wordsPerSentence) ? '-' : readability.wordsPerSentence.toFixed(1),
    String(readability.words),
    VERDICTS[readability.verdict],
    ...(detail === undefined ? [] : [detail]),
    name,
  ]
}

/** The report as plain-text tables, worst first. */
export function formatReport(report: ReadabilityReport): string {
  const header = ['Flesch-Douma', 'woorden/zin', 'woorden', 'oordeel']
  return [
    'Leesbaarheid (Flesch-Douma: hoger is makkelijker, 60-70 is gewone tekst; B1 hier: >= 60 en hoogstens 15 woorden per zin)',
    '',
    table([...header, 'tekst'], [cells(report.leaflet, 'de hele folder (bron, na verbeteringen)')]),
    '',
    'Pagina-teksten (aandoeningen en behandelingen) zonder en met de uitleg van moeilijke woorden:',
    table(
      [...header, 'tekst'],
      [
        cells(report.glossary.without, 'zonder uitleg'),
        cells(report.glossary.withApproved, "met de gecontroleerde uitleg (wat de pagina's tonen)"),
        cells(report.glossary.withAll, 'met alle geschreven uitleg, ook die nog op controle wacht'),
      ],
    ),
    '',
    'Per document, moeilijkste eerst:',
    table(
      [...header, 'document'],
      report.documents.map((document) => cells(document, document._id)),
    ),
    '',
    'Per veld, moeilijkste eerst:',
    table(
      [...header, 'soort', 'veld'],
      report.fields.map((field) => cells(field, `${field.documentId} › ${field.path}`, field.kind === 'richText' ? 'opgemaakt' : 'platte tekst')),
    ),
  ].join('\n')
}
