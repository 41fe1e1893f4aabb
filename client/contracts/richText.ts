import * as z from 'zod/mini'

export const spanSchema = z.object({
  _type: z.literal('span'),
  _key: z.string(),
  text: z.optional(z.string()),
  marks: z.optional(z.array(z.string())),
})
/** A run of text inside a block. Only the `em` decorator exists in the schema, but marks are kept open. */
export interface Span extends z.infer<typeof spanSchema> {}

export const blockSchema = z.object({
  _type: z.literal('block'),
  _key: z.string(),
  style: z.optional(z.enum(['normal', 'h3'])),
  listItem: z.optional(z.literal('bullet')),
  level: z.optional(z.number()),
  /** The schema allows no annotations, so markDefs is empty or absent. */
  markDefs: z.nullish(z.array(z.unknown())),
  children: z.optional(z.array(spanSchema)),
})
/** One paragraph, `h3` sub-heading or bullet item of the `richText` type. */
export interface RichTextBlock extends z.infer<typeof blockSchema> {}

export const richTextSchema = z.array(blockSchema)
/** Portable Text as the schema's `richText` type allows it. Render it with `toHtml` or `toPlainText`. */
export type RichText = RichTextBlock[]
