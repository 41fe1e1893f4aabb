import {schemaTypes} from '../index'

/** What this module reads of a schema definition: a name, a title, its type and what it holds. */
interface Definition {
  name?: string
  title?: string
  type?: string
  fields?: readonly Definition[]
  of?: readonly Definition[]
}

function isDefinition(value: unknown): value is Definition {
  return typeof value === 'object' && value !== null
}

const NAMED_TYPES = new Map<string, Definition>(schemaTypes.filter(isDefinition).flatMap((type) => (type.name ? [[type.name, type] as const] : [])))

/** The fields of a definition: its own, or those of the named type it is of (`type: 'prevalence'`). */
function fieldsOf(definition: Definition | undefined): readonly Definition[] {
  if (!definition) return []
  if (definition.fields) return definition.fields
  const named = definition.type ? NAMED_TYPES.get(definition.type) : undefined
  return named && named !== definition ? fieldsOf(named) : []
}

/**
 * The Dutch titles along a field path as an editor sees them in the form,
 * e.g. `treatments[0].goals` of a condition becomes "Behandelingen 1 › Doel
 * bij deze aandoening". A name the schema does not know stays as it is.
 */
export function fieldPathTitle(documentType: string, path: string): string {
  let current: Definition | undefined = NAMED_TYPES.get(documentType)
  const titles: string[] = []
  for (const segment of path.split('.')) {
    const [, name = segment, index] = /^([^[]+)(?:\[(\d+)\])?$/u.exec(segment) ?? []
    const field = fieldsOf(current).find((candidate) => candidate.name === name)
    titles.push(`${field?.title ?? name}${index === undefined ? '' : ` ${Number(index) + 1}`}`)
    current = index === undefined ? field : field?.of?.[0]
  }
  return titles.join(' › ')
}
