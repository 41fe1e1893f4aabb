import 'server-only'
import {conditionListItemSchema, conditionPageSchema, LIST_TAGS, listSliceSchema, pageTag, parseResult, type ConditionPage} from '@bekkenbodem/content'
import {CONDITION_PAGE_QUERY, CONDITIONS_QUERY} from '@bekkenbodem/content/queries'
import {sanityFetch} from './live'

/** Conditions per page of the list. */
const PAGE_SIZE = 3

/**
 * One page of the condition list (1-based), through sanityFetch with the
 * package's query. Tagged `conditions` too, the tag the package's webhook
 * helper names when a condition changes (app/api/revalidate/route.ts).
 */
export async function conditionListPage(page: number, {forStaticParams = false} = {}) {
  const start = (page - 1) * PAGE_SIZE
  const {data} = await sanityFetch({
    query: CONDITIONS_QUERY,
    params: {start, end: start + PAGE_SIZE},
    tags: [LIST_TAGS.conditions],
    // generateStaticParams runs outside a request: no draft mode to ask about.
    ...(forStaticParams ? {perspective: 'published', stega: false} : {}),
  })
  const slice = parseResult('CONDITIONS_QUERY', listSliceSchema(conditionListItemSchema), data)
  return {...slice, page, pages: Math.max(1, Math.ceil(slice.total / PAGE_SIZE))}
}

/** A whole condition page, or null for an unknown slug. */
export async function conditionPage(slug: string, {stega}: {stega?: boolean} = {}): Promise<ConditionPage | null> {
  const {data} = await sanityFetch({query: CONDITION_PAGE_QUERY, params: {slug}, tags: [pageTag('condition', slug)], ...(stega === undefined ? {} : {stega})})
  return data === null ? null : parseResult('CONDITION_PAGE_QUERY', conditionPageSchema, data)
}
