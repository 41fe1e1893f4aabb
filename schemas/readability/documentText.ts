import {countText, readabilityOf, sumCounts, type Readability} from './fleschDouma'

/**
 * The fields of each document type that patients read as running text. Names
 * (titles, risk factors, body parts) are left out: a list of names has no
 * sentences to measure. A treatment component's title is its text when it
 * has no description.
 */
const READABLE_FIELDS: Readonly<Record<string, readonly string[]>> = {
  conditionGroup: ['intro'],
  condition: ['summary', 'description', 'causesIntroduction', 'symptomsDescription', 'prevalence.statement', 'whenToSeekHelp', 'treatments[].goals', 'related[].distinction'],
  cause: ['description'],
  symptom: ['description'],
  treatment: ['description', 'course'],
  treatmentComponent: ['description|title'],
  glossaryTerm: ['explanation'],
}

export interface FieldText {
  /** Where the text is, e.g. `treatments[0].goals`. */
  path: string
  kind: 'richText' | 'plainText'
  blocks: string[]
}

export interface FieldReadability extends Readability {
  path: string
  kind: FieldText['kind']
}

export interface DocumentReadability extends Readability {
  _id: string
  _type: string
  title: string
  fields: FieldReadability[]
}

type Value = unknown

function isRecord(value: Value): value is Record<string, Value> {
  return typeof value === 'object' && value !== null && !Array.isArray(value)
}

/** The text of each Portable Text block: its spans joined. */
function blockTexts(value: readonly Value[]): string[] {
  return value.flatMap((block) => {
    if (!isRecord(block) || block._type !== 'block' || !Array.isArray(block.children)) return []
    const text = block.children.map((child) => (isRecord(child) && typeof child.text === 'string' ? child.text : '')).join('')
    return text.trim() === '' ? [] : [text]
  })
}

function fieldText(path: string, value: Value): FieldText | null {
  if (typeof value === 'string' && value.trim() !== '') return {path, kind: 'plainText', blocks: [value]}
  if (Array.isArray(value)) {
    const blocks = blockTexts(value)
    return blocks.length > 0 ? {path, kind: 'richText', blocks} : null
  }
  return null
}

/** Resolves `a.b`, `list[].field` and `first|second` (the first that has text) against a document. */
function resolve(document: Record<string, Value>, spec: string): FieldText[] {
  for (const alternative of spec.split('|')) {
    const found = resolvePath(document, alternative, '')
    if (found.length > 0) return found
  }
  return []
}

function resolvePath(value: Value, path: string, prefix: string): FieldText[] {
  const [head = '', ...rest] = path.split('.')
  const tail = rest.join('.')
  if (!isRecord(value)) return []
  if (head.endsWith('[]')) {
    const name = head.slice(0, -2)
    const list = value[name]
    if (!Array.isArray(list)) return []
    return list.flatMap((item, index) => resolvePath(item, tail, `${prefix}${name}[${index}].`))
  }
  const child = value[head]
  if (tail !== '') return resolvePath(child, tail, `${prefix}${head}.`)
  const text = fieldText(`${prefix}${head}`, child)
  return text ? [text] : []
}

/** The running text of a document, per field, for any document type. */
export function readableFields(document: Record<string, Value>): FieldText[] {
  const specs = READABLE_FIELDS[String(document._type)] ?? []
  return specs.flatMap((spec) => resolve(document, spec))
}

/**
 * Reading ease per field and for the whole document. The document's score
 * comes from the summed counts of its fields, not from an average of scores,
 * so a long field weighs as much as its words.
 */
export function documentReadability(document: Record<string, Value>): DocumentReadability {
  const fields = readableFields(document).map((field) => {
    const counts = countText(field.blocks)
    return {path: field.path, kind: field.kind, ...readabilityOf(counts)}
  })
  return {
    _id: String(document._id),
    _type: String(document._type),
    title: typeof document.title === 'string' ? document.title : String(document._id),
    ...readabilityOf(sumCounts(fields)),
    fields,
  }
}
