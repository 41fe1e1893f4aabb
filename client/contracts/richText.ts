import * as z from 'zod/mini'

export const spanSchema = z.object({
  _type: z.literal('span'),
  _key: z.string(),
  text: z.optional(z.string()),
  marks: z.optional(z.array(z.string())),
})
/** A run of text inside a block. Its marks are decorators (`strong`, `em`) or the `_key` of one of the block's `markDefs`; marks the renderer does not know are kept open. */
export interface Span extends z.infer<typeof spanSchema> {}

export const internalLinkTargetSchema = z.object({
  _type: z.enum(['condition', 'treatment']),
  slug: z.string(),
})
/** The condition or treatment an internal link goes to: enough to build its page's path. */
export interface InternalLinkTarget extends z.infer<typeof internalLinkTargetSchema> {}

// One object for both annotations rather than a union: a union's parser costs
// about half a kilobyte (gzip) in every browser bundle, and reports a bad
// field at the annotation instead of at the field.
export const markDefinitionSchema = z.object({
  _type: z.enum(['link', 'internalLink']),
  _key: z.string(),
  /** A `link`'s address. Only https: the schema allows nothing else, and a page must never get a `javascript:` or plain http link. */
  href: z.optional(z.string().check(z.startsWith('https://'))),
  /** An `internalLink`'s page, resolved by the query; null when that page is gone or not visible, and then the text is shown without a link. */
  target: z.optional(z.nullable(internalLinkTargetSchema)),
})
/** A link on the spans that carry its `_key`: `link` to a web page (`href`), or `internalLink` to another condition or treatment (`target`). */
export interface MarkDefinition extends z.infer<typeof markDefinitionSchema> {}

export const blockSchema = z.object({
  _type: z.literal('block'),
  _key: z.string(),
  style: z.optional(z.enum(['normal', 'h3'])),
  listItem: z.optional(z.literal('bullet')),
  level: z.optional(z.number()),
  markDefs: z.nullish(z.array(markDefinitionSchema)),
  children: z.optional(z.array(spanSchema)),
})
/** One paragraph, `h3` sub-heading or bullet item of the `richText` type. */
export interface RichTextBlock extends z.infer<typeof blockSchema> {}

export const richTextSchema = z.array(blockSchema)
/** Portable Text as the schema's `richText` type allows it. Render it with `toHtml` or `toPlainText`. */
export type RichText = RichTextBlock[]
