import type {SeedDocument} from './draft'
import type {SeedProblem} from './build'

interface FoundReference {
  path: string
  ref: string
}

export function referencesIn(value: unknown, path: string, found: FoundReference[]): FoundReference[] {
  if (Array.isArray(value)) {
    value.forEach((item, index) => referencesIn(item, `${path}[${index}]`, found))
  } else if (typeof value === 'object' && value !== null) {
    const ref = (value as {_ref?: unknown})._ref
    if (typeof ref === 'string') found.push({path: `${path}._ref`, ref})
    for (const [key, item] of Object.entries(value)) {
      if (key !== '_ref') referencesIn(item, path === '' ? key : `${path}.${key}`, found)
    }
  }
  return found
}

function slugOf(document: SeedDocument): string | undefined {
  return 'slug' in document ? document.slug.current : undefined
}

/**
 * What must hold across the whole dataset before a single document is
 * written: unique `_id`s, unique slugs per type, and references that point at
 * documents in the dataset.
 */
export function checkIntegrity(documents: readonly SeedDocument[]): SeedProblem[] {
  const problems: SeedProblem[] = []
  const ids = new Map<string, number>()
  documents.forEach((document, index) => {
    const earlier = ids.get(document._id)
    if (earlier !== undefined) {
      problems.push({
        documentId: document._id,
        path: '_id',
        message: `duplicate _id: documents #${earlier + 1} and #${index + 1} in the seed both use "${document._id}"`,
      })
    } else {
      ids.set(document._id, index)
    }
  })

  const slugs = new Map<string, string>()
  for (const document of documents) {
    const slug = slugOf(document)
    if (slug === undefined) continue
    const key = `${document._type}/${slug}`
    const owner = slugs.get(key)
    if (owner !== undefined && owner !== document._id) {
      problems.push({
        documentId: document._id,
        path: 'slug.current',
        message: `duplicate slug "${slug}" for type ${document._type}: already used by ${owner}`,
      })
    } else {
      slugs.set(key, document._id)
    }
  }

  for (const document of documents) {
    for (const {path, ref} of referencesIn(document, '', [])) {
      if (!ids.has(ref)) {
        problems.push({documentId: document._id, path, message: `reference to "${ref}" does not resolve: no document with that _id in the dataset`})
      }
    }
  }
  return problems
}
