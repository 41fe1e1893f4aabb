import type {Reference, ReferenceRule, ValidationContext} from 'sanity'

/** Pinned so the check behaves the same in the Studio, the seed and the tests. */
const VALIDATION_API_VERSION = '2025-02-19'

function publishedId(id: string): string {
  return id.replace(/^drafts\./u, '').replace(/^versions\.[^.]+\./u, '')
}

async function referencedType(ref: string, context: ValidationContext): Promise<string | null> {
  const client = context.getClient({apiVersion: VALIDATION_API_VERSION})
  // Looks at the draft too: a reference to a document that only exists as a
  // draft is still a reference to that type.
  const found = await client.fetch<string | null>('*[_id in [$id, "drafts." + $id]][0]._type', {id: ref}, {tag: 'validation.reference-type'})
  return found ?? null
}

/**
 * The Studio's reference picker only offers the allowed types, but imported or
 * scripted content can point anywhere; this rule catches that. A missing
 * document is left to Sanity's own reference check.
 */
export function referenceMustBeOfType(rule: ReferenceRule, types: readonly string[], label: string) {
  return rule.custom(async (value: Reference | undefined, context) => {
    if (!value?._ref) return true
    const type = await referencedType(value._ref, context)
    if (type === null || types.includes(type)) return true
    return `Deze verwijzing moet naar een ${label} wijzen, maar wijst naar een document van het type "${type}".`
  })
}

/** A condition cannot be its own parent or its own related condition. */
export function referenceMustNotBeSelf(rule: ReferenceRule) {
  return rule.custom((value: Reference | undefined, context) => {
    const documentId = context.document?._id
    if (!value?._ref || !documentId) return true
    return publishedId(value._ref) === publishedId(documentId) ? 'Een aandoening kan niet naar zichzelf verwijzen.' : true
  })
}
