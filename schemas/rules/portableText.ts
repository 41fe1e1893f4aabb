/** The parts of Portable Text that validation rules read, without depending on the Studio. */
interface TextSpan {
  _type: string
  text?: string
}

interface TextBlock {
  _type: string
  _key?: string
  children?: TextSpan[]
}

function isTextBlock(value: unknown): value is TextBlock {
  return typeof value === 'object' && value !== null && (value as {_type?: unknown})._type === 'block'
}

/** The plain text of each block, one string per block. */
export function blockTexts(value: unknown): string[] {
  if (!Array.isArray(value)) return []
  return value.filter(isTextBlock).map((block) => (block.children ?? []).map((child) => (typeof child.text === 'string' ? child.text : '')).join(''))
}
