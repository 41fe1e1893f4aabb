import {array, literal, nullish, number, object, oneOf, optional, string, unknown, type Contract} from './check'

/** A run of text inside a block. Only the `em` decorator exists in the schema, but marks are kept open. */
export interface Span {
  _type: 'span'
  _key: string
  text?: string
  marks?: string[]
}

/** One paragraph, `h3` sub-heading or bullet item of the `richText` type. */
export interface RichTextBlock {
  _type: 'block'
  _key: string
  style?: 'normal' | 'h3'
  listItem?: 'bullet'
  level?: number
  /** The schema allows no annotations, so markDefs is empty or absent. */
  markDefs?: unknown[] | null
  children?: Span[]
}

/** Portable Text as the schema's `richText` type allows it. Render it with `toHtml` or `toPlainText`. */
export type RichText = RichTextBlock[]

export const spanSchema: Contract<Span> = object({
  _type: literal('span'),
  _key: string(),
  text: optional(string()),
  marks: optional(array(string())),
})

export const blockSchema: Contract<RichTextBlock> = object({
  _type: literal('block'),
  _key: string(),
  style: optional(oneOf(['normal', 'h3'])),
  listItem: optional(literal('bullet')),
  level: optional(number()),
  markDefs: nullish(array(unknown())),
  children: optional(array(spanSchema)),
})

export const richTextSchema: Contract<RichText> = array(blockSchema)
