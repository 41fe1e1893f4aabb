import {createDataAttribute} from '@sanity/visual-editing/create-data-attribute'
import {html, raw, type SafeHtml} from './html'

/** Where the Studio is, for an overlay opened outside Presentation. */
const STUDIO_BASE_URL = '/studio'

/**
 * The edit target of each text on a page in draft mode: the document, its
 * type and the field, as `@sanity/visual-editing` reads them from the
 * `data-sanity` attribute to draw an overlay that opens the field in the
 * Studio. Outside draft mode every method gives nothing, so a public page
 * stays exactly as it was.
 */
export class EditTargets {
  constructor(readonly enabled: boolean) {}

  /** ` data-sanity="…"`, to put inside an element's start tag; empty outside draft mode. */
  attr(documentId: string, type: string, path: string): SafeHtml {
    if (!this.enabled) return raw('')
    // Drafts read with the drafts perspective carry the published id; the Studio edits the pair by it.
    const id = documentId.replace(/^drafts\./u, '')
    return html` data-sanity="${createDataAttribute({baseUrl: STUDIO_BASE_URL, id, type, path}).toString()}"`
  }

  /** Content that has no element of its own (rich text), in a `<div>` that carries the target in draft mode. */
  wrap(documentId: string, type: string, path: string, content: SafeHtml | null): SafeHtml | null {
    if (!this.enabled || content === null) return content
    return html`<div${this.attr(documentId, type, path)}>${content}</div>`
  }
}

/** Public pages: no edit targets at all. */
export const NO_EDIT_TARGETS = new EditTargets(false)
