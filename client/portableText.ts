import type {InternalLinkTarget, MarkDefinition, RichText, RichTextBlock, Span} from './contracts/richText'

// The schema's rich text has paragraphs, one sub-heading style, bullet lists,
// two decorators (`strong`, `em`) and two annotations (a link to a web page
// over https, a link to a condition or treatment). A renderer that knows only
// that is a few hundred bytes in a browser bundle, where a general Portable
// Text renderer costs about 3 kB gzipped: the client's budget over
// @sanity/client is 8 kB.

const ESCAPES: Record<string, string> = {'&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#x27;'}

function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/gu, (character) => ESCAPES[character] ?? character)
}

/** Where an internal link goes on the site. */
export type InternalHref = (target: InternalLinkTarget) => string

/** The paths of the preview site (and the Next.js example): `/aandoeningen/{slug}` and `/behandelingen/{slug}`. */
const sitePath: InternalHref = (target) => `/${target._type === 'condition' ? 'aandoeningen' : 'behandelingen'}/${encodeURIComponent(target.slug)}`

export interface ToHtmlOptions {
  /** The path or URL of a linked condition or treatment page; defaults to `/aandoeningen/{slug}` and `/behandelingen/{slug}`. */
  internalHref?: InternalHref
}

/** An https URL or a path on the same site; anything else (`javascript:`, `data:`, `http:`, `//host`) is no link. */
const SAFE_HREF = /^(?:https:\/\/|\/(?![/\\]))/iu

/**
 * The href of a link annotation, or null when it must not become a link: an
 * external link that is not https (the contract and the Studio already
 * refuse those; this is the last line), an internal link whose target is gone.
 */
function hrefOf(link: MarkDefinition, internalHref: InternalHref): string | null {
  const href = link._type === 'internalLink' ? link.target && internalHref(link.target) : link.href
  return href && SAFE_HREF.test(href) ? href : null
}

function spanHtml(span: Span): string {
  const text = escapeHtml(span.text ?? '')
  // Decorators the schema does not know are dropped, their text kept.
  const emphasised = span.marks?.includes('em') ? `<em>${text}</em>` : text
  return span.marks?.includes('strong') ? `<strong>${emphasised}</strong>` : emphasised
}

/**
 * The spans of a block. Consecutive spans under the same link become one
 * `<a>`, so that a link with a bold word in it is still one link for a
 * screen reader.
 */
function inlineHtml(block: RichTextBlock, internalHref: InternalHref): string {
  const spans = block.children ?? []
  let html = ''
  for (let index = 0; index < spans.length;) {
    const link = block.markDefs?.find((definition) => spans[index]?.marks?.includes(definition._key))
    let end = index + 1
    while (link && spans[end]?.marks?.includes(link._key)) end++
    const inner = spans.slice(index, end).map(spanHtml).join('')
    const href = link ? hrefOf(link, internalHref) : null
    html += href ? `<a href="${escapeHtml(href)}">${inner}</a>` : inner
    index = end
  }
  return html
}

/** Bullet items from `start` on at `level` or deeper, as one list; returns the HTML and the index after the list. */
function listHtml(blocks: RichText, start: number, level: number, internalHref: InternalHref): [string, number] {
  let html = ''
  let index = start
  while (index < blocks.length) {
    const block = blocks[index]
    if (!block?.listItem) break
    const blockLevel = block.level ?? 1
    if (blockLevel < level) break
    if (blockLevel > level) {
      // A deeper item opens a list inside the item before it.
      const [nested, next] = listHtml(blocks, index, blockLevel, internalHref)
      html = html.endsWith('</li>') ? `${html.slice(0, -'</li>'.length)}${nested}</li>` : `${html}<li>${nested}</li>`
      index = next
      continue
    }
    html += `<li>${inlineHtml(block, internalHref)}</li>`
    index++
  }
  return [`<ul>${html}</ul>`, index]
}

/** The text of rich text without markup; blocks are separated by a blank line. */
export function toPlainText(blocks: RichText | null | undefined): string {
  if (!blocks || blocks.length === 0) return ''
  return blocks.map((block) => (block.children ?? []).map((span) => span.text ?? '').join('')).join('\n\n')
}

/**
 * Rich text as HTML: paragraphs, `<h3>`, `<ul>` lists, `<strong>`, `<em>` and
 * `<a href>`. All text and every href is escaped; a link is only ever https
 * or a path to a condition or treatment page, never `javascript:`. Anything
 * the schema does not allow is dropped rather than rendered, its text kept.
 */
export function toHtml(blocks: RichText | null | undefined, options: ToHtmlOptions = {}): string {
  const internalHref = options.internalHref ?? sitePath
  if (!blocks || blocks.length === 0) return ''
  let html = ''
  let index = 0
  while (index < blocks.length) {
    const block = blocks[index]
    if (!block) break
    if (block._type !== 'block') {
      index++
      continue
    }
    if (block.listItem) {
      const [list, next] = listHtml(blocks, index, block.level ?? 1, internalHref)
      html += list
      index = next
      continue
    }
    html += block.style === 'h3' ? `<h3>${inlineHtml(block, internalHref)}</h3>` : `<p>${inlineHtml(block, internalHref)}</p>`
    index++
  }
  return html
}
