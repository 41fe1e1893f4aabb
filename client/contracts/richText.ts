import * as z from 'zod/mini'

export const spanSchema = z.object({
  _type: z.literal('span'),
  _key: z.string(),
  text: z.optional(z.string()),
  marks: z.optional(z.array(z.string())),
})
/** A run of text inside a block. Its marks are decorators (`strong`, `em`) or the `_key` of one of the block's `markDefs`; marks the renderer does not know are kept open. */
export interface Span extends z.infer<typeof spanSchema> {}

export const externalLinkSchema = z.object({
  _type: z.literal('link'),
  _key: z.string(),
  /** Only https: the schema allows nothing else, and a page must never get a `javascript:` or plain http link. */
  href: z.string().check(z.startsWith('https://')),
})
/** A link to a web page, as the annotation on the spans that form its text. */
export interface ExternalLink extends z.infer<typeof externalLinkSchema> {}

export const internalLinkTargetSchema = z.object({
  _type: z.enum(['condition', 'treatment']),
  slug: z.string(),
})
/** The condition or treatment an internal link goes to: enough to build its page's path. */
export interface InternalLinkTarget extends z.infer<typeof internalLinkTargetSchema> {}

export const internalLinkSchema = z.object({
  _type: z.literal('internalLink'),
  _key: z.string(),
  /** Resolved by the query; null when the page it pointed at is gone or not visible, and then the text is shown without a link. */
  target: z.nullable(internalLinkTargetSchema),
})
/** A link to another condition or treatment. */
export interface InternalLink extends z.infer<typeof internalLinkSchema> {}

export const blockSchema = z.object({
  _type: z.literal('block'),
  _key: z.string(),
  style: z.optional(z.enum(['normal', 'h3'])),
  listItem: z.optional(z.literal('bullet')),
  level: z.optional(z.number()),
  markDefs: z.nullish(z.array(z.discriminatedUnion('_type', [externalLinkSchema, internalLinkSchema]))),
  children: z.optional(z.array(spanSchema)),
})
/** One paragraph, `h3` sub-heading or bullet item of the `richText` type. */
export interface RichTextBlock extends z.infer<typeof blockSchema> {}

export const richTextSchema = z.array(blockSchema)
/** Portable Text as the schema's `richText` type allows it. Render it with `toHtml` or `toPlainText`. */
export type RichText = RichTextBlock[]
