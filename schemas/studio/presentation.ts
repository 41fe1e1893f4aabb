import {map} from 'rxjs'
import {defineDocuments, presentationTool, type DocumentLocation, type DocumentLocationResolver, type DocumentLocationsState} from 'sanity/presentation'
import {DRAFT_MODE_DISABLE_PATH, DRAFT_MODE_ENABLE_PATH} from './previewPaths'

// The preview site's routes (preview/render.ts): the Studio knows them by
// path only, since the Studio's configuration may not import the site.
const HOME = {title: 'Aandoeningen', href: '/'}
const SYMPTOMS = {title: 'Klachten', href: '/klachten'}
const conditionHref = (slug: string) => `/aandoeningen/${encodeURIComponent(slug)}`
const treatmentHref = (slug: string) => `/behandelingen/${encodeURIComponent(slug)}`

interface PageRef {
  title: string | null
  slug: string | null
}

/** The GROQ that finds, per document type, the pages on which a document shows. */
const PAGES_QUERY = `{
  "self": *[_id == $id][0]{title, "slug": slug.current},
  "conditions": *[_type == "condition" && (references($id) || _id == $id)] | order(title asc) {title, "slug": slug.current},
  "treatments": *[_type == "treatment" && references($id)] | order(title asc) {title, "slug": slug.current}
}`

interface PagesResult {
  self: PageRef | null
  conditions: PageRef[]
  treatments: PageRef[]
}

function pageLocations(refs: readonly PageRef[], href: (slug: string) => string): DocumentLocation[] {
  return refs.filter((ref): ref is {title: string; slug: string} => Boolean(ref.slug && ref.title)).map((ref) => ({title: ref.title, href: href(ref.slug)}))
}

/** A condition shows on its own page and the lists; a treatment on its page and its conditions'; anything else on the pages that refer to it. */
function locationsOf(type: string, result: PagesResult): DocumentLocationsState | null {
  const conditions = pageLocations(result.conditions, conditionHref)
  const treatments = pageLocations(result.treatments, treatmentHref)
  const own = result.self?.slug ? [{title: result.self.title ?? result.self.slug, href: (type === 'treatment' ? treatmentHref : conditionHref)(result.self.slug)}] : []
  switch (type) {
    case 'condition':
      return {locations: [...conditions, HOME, SYMPTOMS]}
    case 'treatment':
      return {locations: [...own, ...conditions]}
    case 'symptom':
      return {locations: [SYMPTOMS, ...conditions]}
    case 'conditionGroup':
      return {locations: [HOME, ...conditions]}
    default: {
      const locations = [...conditions, ...treatments]
      return locations.length > 0 ? {locations} : null
    }
  }
}

const SHOWN_TYPES = new Set(['condition', 'treatment', 'symptom', 'conditionGroup', 'cause', 'treatmentComponent', 'bodyPart', 'source', 'glossaryTerm', 'practice'])

export const locations: DocumentLocationResolver = ({id, type}, {documentStore}) => {
  if (!SHOWN_TYPES.has(type)) return null
  const publishedId = id.replace(/^drafts\./u, '')
  return documentStore.listenQuery(PAGES_QUERY, {id: publishedId}, {perspective: 'drafts'}).pipe(map((result: unknown) => locationsOf(type, result as PagesResult))) // listenQuery is typed Observable<any>; PAGES_QUERY gives this shape
}

/** Each page with one main document opens that document beside it. */
export const mainDocuments = defineDocuments([
  {route: '/aandoeningen/:slug', filter: `_type == "condition" && slug.current == $slug`},
  {route: '/behandelingen/:slug', filter: `_type == "treatment" && slug.current == $slug`},
])

/**
 * Presentation: the preview site beside the document, in draft mode, with a
 * click on a text opening its field. `origin` is the preview site: on the
 * local Lake the Studio's own origin, elsewhere SANITY_STUDIO_PREVIEW_ORIGIN.
 */
export function presentation(origin: string | undefined) {
  return presentationTool({
    title: 'Presentatie',
    previewUrl: {
      ...(origin ? {origin} : {}),
      previewMode: {enable: DRAFT_MODE_ENABLE_PATH, disable: DRAFT_MODE_DISABLE_PATH},
    },
    resolve: {locations, mainDocuments},
  })
}
