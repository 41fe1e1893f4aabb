/**
 * Cache tags: every client function tags its Content Lake request with what
 * its result shows, and `cacheTagsForWebhook` turns a Sanity webhook body
 * into the tags to revalidate. With Next.js, for example:
 * `for (const tag of cacheTagsForWebhook(body)) revalidateTag(tag)`.
 * Nothing here depends on a framework.
 */

/** The tags of the lists and the search: each shows many documents. */
export const LIST_TAGS = {
  conditionGroups: 'condition-groups',
  conditions: 'conditions',
  symptoms: 'symptoms',
  search: 'search',
} as const

/**
 * The tags of what every condition and treatment page shows besides its own
 * documents: the practice's contact block (`practice`) and the approved
 * explanations of difficult words (`glossaryTerm`). The client has no
 * function for them; a frontend that shows them, as the preview site does,
 * tags its own fetch of them with these, and `cacheTagsForWebhook` names them
 * when such a document changes.
 */
export const SHARED_TAGS = {
  practice: 'practice',
  glossary: 'glossary',
} as const

/** The pages the client serves, by document type. */
export type PageType = 'condition' | 'treatment' | 'symptom'

const PAGE_TYPES: ReadonlySet<string> = new Set<PageType>(['condition', 'treatment', 'symptom'])

/** The tag of one page, such as `condition:verzakking`. */
export function pageTag(type: PageType, slug: string): string {
  return `${type}:${slug}`
}

/**
 * The projection to give the webhook (in sanity.io/manage, "Projection"), so
 * that its body names the changed document and every page that shows it: the
 * pages that refer to it directly or through one document in between (a risk
 * factor through its cause, a component through its treatment), and the
 * symptom and treatment pages a condition appears on.
 */
export const WEBHOOK_PROJECTION = `{
  _id,
  _type,
  "slug": slug.current,
  "pages": *[_type in ["condition", "treatment", "symptom"] && (
    references(^._id) ||
    references(*[references(^.^._id)]._id) ||
    _id in ^.symptoms[]._ref ||
    _id in ^.treatments[].treatment._ref
  )]{_type, "slug": slug.current}
}`

/** Which lists, or blocks on every page, show a document of a type (a card, a name, searchable text, the contact block or an explanation). */
function listsShowing(type: string): readonly string[] {
  // A function rather than a table at module level, so that bundles without the webhook helper drop it.
  switch (type) {
    case 'condition':
      return [LIST_TAGS.conditions, LIST_TAGS.conditionGroups, LIST_TAGS.search]
    case 'conditionGroup':
      return [LIST_TAGS.conditionGroups, LIST_TAGS.conditions]
    case 'symptom':
      return [LIST_TAGS.symptoms, LIST_TAGS.search]
    case 'bodyPart':
      return [LIST_TAGS.symptoms]
    case 'treatment':
      return [LIST_TAGS.search]
    case 'practice':
      return [SHARED_TAGS.practice]
    case 'glossaryTerm':
      return [SHARED_TAGS.glossary]
    default:
      return []
  }
}

function record(value: unknown): Record<string, unknown> | null {
  return typeof value === 'object' && value !== null && !Array.isArray(value) ? (value as Record<string, unknown>) : null
}

function slugOf(document: Record<string, unknown>): string | null {
  const slug = document.slug
  if (typeof slug === 'string') return slug
  const current = record(slug)?.current
  return typeof current === 'string' ? current : null
}

function pageTagOf(value: unknown): string | null {
  const document = record(value)
  if (!document || typeof document._type !== 'string' || !PAGE_TYPES.has(document._type)) return null
  const slug = slugOf(document)
  // PAGE_TYPES has just confirmed the type.
  return slug === null ? null : pageTag(document._type as PageType, slug)
}

/**
 * The cache tags to revalidate after a change, from a Sanity webhook body:
 * the document's own page (`condition:verzakking`), the lists that show it,
 * and the pages the body's `pages` names (see WEBHOOK_PROJECTION). A body
 * without `pages` (the whole document) still gives the page and its lists.
 * Throws a TypeError naming the problem when the body is not a document.
 */
export function cacheTagsForWebhook(body: unknown): string[] {
  const document = record(body)
  if (!document) throw new TypeError('The webhook body must be a JSON object with `_id` and `_type`.')
  if (typeof document._type !== 'string' || document._type === '') {
    throw new TypeError('The webhook body has no string `_type`: use WEBHOOK_PROJECTION (or the whole document) as the webhook projection.')
  }
  const tags = new Set<string>()
  const own = pageTagOf(document)
  if (own) tags.add(own)
  for (const list of listsShowing(document._type)) tags.add(list)
  const pages = Array.isArray(document.pages) ? document.pages : []
  for (const page of pages) {
    const tag = pageTagOf(page)
    if (tag) tags.add(tag)
  }
  return [...tags]
}
