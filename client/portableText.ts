import {toHTML, escapeHTML} from '@portabletext/to-html'
import {toPlainText as blocksToPlainText} from '@portabletext/toolkit'
import type {RichText} from './contracts/richText'

/** The text of rich text without markup; blocks are separated by a blank line. */
export function toPlainText(blocks: RichText | null | undefined): string {
  if (!blocks || blocks.length === 0) return ''
  return blocksToPlainText(blocks)
}

/**
 * Rich text as HTML: paragraphs, `<h3>`, `<ul>` lists and `<em>`. All text is
 * escaped; anything the schema does not allow is dropped rather than rendered.
 */
export function toHtml(blocks: RichText | null | undefined): string {
  if (!blocks || blocks.length === 0) return ''
  return toHTML(blocks, {
    onMissingComponent: false,
    components: {
      escapeHTML,
      unknownType: () => '',
      unknownMark: ({children}) => children,
      unknownBlockStyle: ({children}) => `<p>${children ?? ''}</p>`,
      unknownList: ({children}) => `<ul>${children ?? ''}</ul>`,
      unknownListItem: ({children}) => `<li>${children ?? ''}</li>`,
    },
  })
}
