import {html, type SafeHtml} from './html'

/** The paths of the values the editors added, per document: `additions[].path` of every document that has any. */
export const ADDITIONS_QUERY = `*[count(additions) > 0]{_id, "paths": additions[].path}`

/** Where the page explains what the mark means. */
const ADDITIONS_EXPLANATION_PATH = '/over-deze-informatie#toevoegingen'

function isEntry(value: unknown): value is {_id: string; paths: unknown[]} {
  return typeof value === 'object' && value !== null && typeof (value as {_id?: unknown})._id === 'string' && Array.isArray((value as {paths?: unknown}).paths)
}

/**
 * Marks the values the editors added, so that a patient can tell them from
 * the text of the leaflet: quietly (a raised * after the value, read out as
 * "toegevoegd door de redactie") and the same way on every page. A page that
 * marks anything says once what the mark means.
 */
export class AdditionMarks {
  private readonly byId: Map<string, Set<string>>
  private marked = 0

  constructor(result: unknown) {
    const entries = Array.isArray(result) ? result.filter(isEntry) : []
    this.byId = new Map(entries.map((entry) => [entry._id, new Set(entry.paths.filter((path): path is string => typeof path === 'string'))]))
  }

  isAddition(documentId: string, path: string): boolean {
    return this.byId.get(documentId)?.has(path) ?? false
  }

  /** The value, marked when the editors added it. */
  mark(documentId: string, path: string, value: string | SafeHtml): SafeHtml {
    if (!this.isAddition(documentId, path)) return html`${value}`
    this.marked++
    return html`<span class="addition">${value}</span>`
  }

  /** The explanation of the mark, on a page that shows one. */
  legend(): SafeHtml | null {
    if (this.marked === 0) return null
    return html`<p class="additions-note">Een <span aria-hidden="true">*</span> achter een woord of getal betekent: toegevoegd door de redactie, het staat niet in de folder. <a href="${ADDITIONS_EXPLANATION_PATH}">Wat dat betekent</a></p>`
  }
}
