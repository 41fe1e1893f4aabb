// A frontend team's file: it installs the package, imports it by name, and
// uses the typed client, the typed raw queries and the named types.
import {createClient} from '@sanity/client'
import {cacheTagsForWebhook, createContentClient, toHtml, type ConditionPage, type RichText, type Symptom, type TreatmentComponent} from '@bekkenbodem/content'
import {conditionCardSchema, type ConditionCard} from '@bekkenbodem/content/contracts'
import {CONDITION_PAGE_QUERY, CONDITIONS_QUERY, type CONDITION_PAGE_QUERY_RESULT} from '@bekkenbodem/content/queries'

const content = createContentClient()

// Raw GROQ through @sanity/client is typed by the package's query registry.
const sanityClient = createClient({projectId: 'local', dataset: 'production', apiVersion: '2025-02-19', useCdn: false})
export async function rawGroq(): Promise<string | undefined> {
  const page = await sanityClient.fetch(CONDITION_PAGE_QUERY, {slug: 'verzakking'})
  const typed: CONDITION_PAGE_QUERY_RESULT = page
  // @ts-expect-error a condition page has no `price`
  void page?.price
  const list = await sanityClient.fetch(CONDITIONS_QUERY, {start: 0, end: 10})
  const total: number = list.total
  void total
  return typed?.title
}

// Named types for the parts of a page.
function firstComponent(page: ConditionPage): TreatmentComponent | undefined {
  return page.treatments[0]?.treatment.components[0]
}
function symptomTitles(symptoms: Symptom[]): string[] {
  return symptoms.map((symptom) => symptom.title)
}
function html(text: RichText): string {
  return toHtml(text)
}

export function misuse(): void {
  // @ts-expect-error a slug is a string
  void content.getCondition(42)
  // @ts-expect-error limit is a number
  void content.listConditions({limit: '10'})
  // @ts-expect-error an unknown option
  void content.search('pijn', {size: 3})
  // @ts-expect-error slg is not a parameter of the query (slug is)
  void content.fetch(CONDITION_PAGE_QUERY, {slg: 'verzakking'})
}

async function main(): Promise<void> {
  const page = await content.getCondition('verzakking')
  if (!page) throw new Error('verzakking not found in the shipped dataset')
  const conditions = await content.listConditions({limit: 2, onInvalid: (error) => console.error(error.message)})
  // The exported zod schema checks a value of the team's own.
  const card: ConditionCard = conditionCardSchema.parse(conditions.items[0])
  const hits = await content.search('dyspareunie')
  const fromRawQuery = await content.fetch(CONDITION_PAGE_QUERY, {slug: 'verzakking'})
  console.log(
    JSON.stringify({
      title: page.title,
      component: firstComponent(page)?.title,
      symptoms: symptomTitles(page.symptoms).length,
      htmlStartsWith: html(page.description).slice(0, 4),
      listed: conditions.items.length,
      card: card.slug,
      total: conditions.total,
      search: hits.map((hit) => hit.slug),
      rawTitle: fromRawQuery?.title,
      tags: cacheTagsForWebhook({_id: page._id, _type: 'condition', slug: page.slug}),
    }),
  )
}

// An unhandled rejection ends node with a non-zero exit code.
void main()
