import type {SlugRule, ValidationContext} from 'sanity'

/** Lower-case words joined by hyphens: what frontends put in URLs. */
export const SLUG_PATTERN = /^[a-z0-9]+(?:-[a-z0-9]+)*$/u

const VALIDATION_API_VERSION = '2025-02-19'

export function slugMustBeUrlSafe(rule: SlugRule) {
  return rule
    .custom((value: {current?: string} | undefined) => {
      const current = value?.current
      if (!current) return true
      return SLUG_PATTERN.test(current) ? true : 'Gebruik alleen kleine letters, cijfers en koppeltekens, bijvoorbeeld "verzakking".'
    })
    .error() // rules on slug fields default to warnings
}

/** The other document that has the slug: its id and, for the editor, its title. */
interface SlugHolder {
  _id: string
  title?: string
}

async function slugTakenBy(slug: string, context: ValidationContext): Promise<SlugHolder | null> {
  const document = context.document
  if (!document) return null
  const published = document._id.replace(/^drafts\./u, '')
  const client = context.getClient({apiVersion: VALIDATION_API_VERSION}).withConfig({perspective: 'raw'})
  // Every other document of the same type counts, drafts included: two
  // drafts that will both publish with one slug are a clash too. Release
  // versions of this document are the same page and are left out.
  const taken = await client.fetch<SlugHolder | null>(
    `*[_type == $type && slug.current == $slug && !(_id in [$published, "drafts." + $published]) && !(_id in path("versions.**"))][0]{_id, title}`,
    {type: document._type, slug, published},
    {tag: 'validation.slug-unique'},
  )
  return taken ?? null
}

/**
 * Sanity's built-in uniqueness check only warns; a duplicate slug means two
 * pages at one URL, so here it is an error. The built-in check is switched
 * off through `isUnique` (see slugField) so editors do not get both.
 */
export function slugMustBeUnique(rule: SlugRule) {
  return rule
    .custom(async (value: {current?: string} | undefined, context) => {
      const current = value?.current
      if (!current) return true
      const taken = await slugTakenBy(current, context)
      if (taken === null) return true
      // Editors know documents by title; a document id means nothing to them.
      const holder = typeof taken.title === 'string' && taken.title.trim() !== '' ? `"${taken.title}"` : 'een document zonder titel'
      return `Het adres "${current}" is al in gebruik door ${holder}${taken._id.startsWith('drafts.') ? ' (concept)' : ''}. Kies een ander adres.`
    })
    .error() // rules on slug fields default to warnings
}

/**
 * Turns a Dutch title into a slug: accents removed ("dyspareünie" becomes
 * "dyspareunie"), everything else that is not a letter or digit becomes a hyphen.
 */
export function slugify(input: string): string {
  return input
    .normalize('NFKD')
    .replace(/\p{M}/gu, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/gu, '-')
    .replace(/^-+|-+$/gu, '')
    .slice(0, 96)
}
