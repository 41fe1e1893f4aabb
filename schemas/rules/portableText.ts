/** The parts of Portable Text that validation rules read, without depending on the Studio. */
interface TextSpan {
  _type: string
  text?: string
  marks?: string[]
}

interface MarkDefinition {
  _key?: string
  _type?: string
}

interface TextBlock {
  _type: string
  _key?: string
  children?: TextSpan[]
  markDefs?: MarkDefinition[]
}

function isTextBlock(value: unknown): value is TextBlock {
  return typeof value === 'object' && value !== null && (value as {_type?: unknown})._type === 'block'
}

/** The plain text of each block, one string per block. */
export function blockTexts(value: unknown): string[] {
  if (!Array.isArray(value)) return []
  return value.filter(isTextBlock).map((block) => (block.children ?? []).map((child) => (typeof child.text === 'string' ? child.text : '')).join(''))
}

/** A link (annotation) in a block, with the text it is on: the spans that carry its key, joined. */
export interface BlockLink {
  blockKey: string | undefined
  markKey: string
  text: string
}

/** Every annotation of every block with its visible text. */
export function blockLinks(value: unknown): BlockLink[] {
  if (!Array.isArray(value)) return []
  return value.filter(isTextBlock).flatMap((block) =>
    (block.markDefs ?? []).flatMap((definition) => {
      const markKey = definition._key
      if (typeof markKey !== 'string') return []
      const text = (block.children ?? [])
        .filter((child) => child.marks?.includes(markKey))
        .map((child) => child.text ?? '')
        .join('')
      return [{blockKey: block._key, markKey, text}]
    }),
  )
}
