import type {RichText, RichTextBlock, Span} from './contracts/richText'

// The schema's rich text has paragraphs, one sub-heading style, bullet lists
// and one decorator (`em`). A renderer that knows only that is a few hundred
// bytes in a browser bundle, where a general Portable Text renderer costs
// about 3 kB gzipped: the client's budget over @sanity/client is 8 kB.

const ESCAPES: Record<string, string> = {'&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#x27;'}

function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/gu, (character) => ESCAPES[character] ?? character)
}

function spanHtml(span: Span): string {
  const text = escapeHtml(span.text ?? '')
  // Marks the schema does not know are dropped, their text kept.
  return span.marks?.includes('em') ? `<em>${text}</em>` : text
}

function inlineHtml(block: RichTextBlock): string {
  return (block.children ?? []).map(spanHtml).join('')
}

/** Bullet items from `start` on at `level` or deeper, as one list; returns the HTML and the index after the list. */
function listHtml(blocks: RichText, start: number, level: number): [string, number] {
  let html = ''
  let index = start
  while (index < blocks.length) {
    const block = blocks[index]
    if (!block?.listItem) break
    const blockLevel = block.level ?? 1
    if (blockLevel < level) break
    if (blockLevel > level) {
      // A deeper item opens a list inside the item before it.
      const [nested, next] = listHtml(blocks, index, blockLevel)
      html = html.endsWith('</li>') ? `${html.slice(0, -'</li>'.length)}${nested}</li>` : `${html}<li>${nested}</li>`
      index = next
      continue
    }
    html += `<li>${inlineHtml(block)}</li>`
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
 * Rich text as HTML: paragraphs, `<h3>`, `<ul>` lists and `<em>`. All text is
 * escaped; anything the schema does not allow is dropped rather than rendered.
 */
export function toHtml(blocks: RichText | null | undefined): string {
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
      const [list, next] = listHtml(blocks, index, block.level ?? 1)
      html += list
      index = next
      continue
    }
    html += block.style === 'h3' ? `<h3>${inlineHtml(block)}</h3>` : `<p>${inlineHtml(block)}</p>`
    index++
  }
  return html
}
