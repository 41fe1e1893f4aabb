/** Elements whose own text is one block a reader sees: a paragraph, a list item, a heading, a term or its description, and the page's header, navigation and footer. */
const BLOCK_ELEMENTS = new Set(['header', 'nav', 'footer', 'p', 'li', 'h1', 'h2', 'h3', 'h4', 'h5', 'h6', 'dt', 'dd', 'td', 'th', 'figcaption', 'blockquote'])
/** Elements whose content is not page text. */
const HIDDEN_ELEMENTS = new Set(['head', 'script', 'style', 'template'])
const VOID_ELEMENTS = new Set(['br', 'img', 'meta', 'link', 'input', 'hr', 'wbr', 'source'])

const NAMED_ENTITIES: Record<string, string> = {amp: '&', lt: '<', gt: '>', quot: '"', apos: "'", nbsp: '\u00a0'}

function decodeEntities(text: string): string {
  return text.replace(/&(#x[0-9a-f]+|#\d+|[a-z]+);/giu, (whole, entity: string) => {
    if (entity.startsWith('#x') || entity.startsWith('#X')) return String.fromCodePoint(Number.parseInt(entity.slice(2), 16))
    if (entity.startsWith('#')) return String.fromCodePoint(Number(entity.slice(1)))
    return NAMED_ENTITIES[entity.toLowerCase()] ?? whole
  })
}

/**
 * The visible text blocks of a page, in document order. A block's text is its
 * own text: a list item that holds a paragraph yields the item's words and
 * the paragraph separately, so a repeated sentence is never hidden inside a
 * bigger block. Inline elements (links, emphasis) belong to their block.
 * The markup is the preview site's own, well-formed HTML.
 */
export function textBlocks(html: string): string[] {
  const blocks: string[] = []
  const open: Array<{name: string; text: string[]}> = []
  let hidden = 0
  const flush = (element: {text: string[]}) => {
    const text = decodeEntities(element.text.join('')).replace(/\s+/gu, ' ').trim()
    if (text !== '') blocks.push(text)
  }
  for (const token of html.matchAll(/<!--[\s\S]*?-->|<!doctype[^>]*>|<\/?([a-z][a-z0-9]*)\b[^>]*>|[^<]+/giu)) {
    const [raw] = token
    const name = token[1]?.toLowerCase()
    if (raw.startsWith('<!')) continue
    if (name === undefined) {
      if (hidden === 0) open[open.length - 1]?.text.push(raw)
      continue
    }
    const closing = raw.startsWith('</')
    if (HIDDEN_ELEMENTS.has(name)) {
      hidden += closing ? -1 : 1
      continue
    }
    if (hidden > 0 || !BLOCK_ELEMENTS.has(name)) {
      // An inline element separates words only when it is a line break.
      if (name === 'br') open[open.length - 1]?.text.push(' ')
      continue
    }
    if (VOID_ELEMENTS.has(name)) continue
    if (closing) {
      const element = open.pop()
      if (element) flush(element)
    } else {
      // A block inside a block separates words of the outer block.
      open[open.length - 1]?.text.push(' ')
      open.push({name, text: []})
    }
  }
  return blocks
}
