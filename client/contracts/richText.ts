import * as z from 'zod'

/** A run of text inside a block. Only the `em` decorator exists in the schema, but marks are kept open. */
export const spanSchema = z.object({
  _type: z.literal('span'),
  _key: z.string(),
  text: z.string().optional(),
  marks: z.array(z.string()).optional(),
})

/** One paragraph, `h3` sub-heading or bullet item of the `richText` type. */
export const blockSchema = z.object({
  _type: z.literal('block'),
  _key: z.string(),
  style: z.enum(['normal', 'h3']).optional(),
  listItem: z.literal('bullet').optional(),
  level: z.number().optional(),
  // The schema allows no annotations, so markDefs is empty or absent.
  markDefs: z.array(z.unknown()).nullish(),
  children: z.array(spanSchema).optional(),
})

export const richTextSchema = z.array(blockSchema)

export type RichTextBlock = z.infer<typeof blockSchema>
export type RichText = z.infer<typeof richTextSchema>
