// A frontend team's own queries against the package's schema. The consumer
// check runs `sanity typegen generate` in the scratch project with the
// schema.json the package ships, which writes ./sanity.types.ts, and then
// type-checks this file.
import {createClient} from '@sanity/client'
import {defineQuery} from 'groq'
import type {AllSanitySchemaTypes, Condition, Symptom} from '@bekkenbodem/content/types'
import type {TEAM_CONDITION_NAMES_QUERY_RESULT} from './sanity.types'

export const TEAM_CONDITION_NAMES_QUERY = defineQuery(`*[_type == "condition"] | order(title asc) {title, "slug": slug.current, alternativeNames}`)

const sanityClient = createClient({projectId: 'local', dataset: 'production', apiVersion: '2025-02-19', useCdn: false})

export async function conditionNames(): Promise<string[]> {
  // TypeGen registers the team's query with @sanity/client, typed from the package's schema.
  const conditions: TEAM_CONDITION_NAMES_QUERY_RESULT = await sanityClient.fetch(TEAM_CONDITION_NAMES_QUERY)
  // @ts-expect-error a condition has no `price` field in the schema
  void conditions[0]?.price
  return conditions.flatMap((condition) => [condition.title, ...(condition.alternativeNames ?? [])])
}

// The exported schema types, for queries typed by hand or with groqd.
export function summaryOf(condition: Pick<Condition, 'title' | 'summary'>): string {
  // @ts-expect-error the field is `summary`, not `summery`
  void condition.summery
  return `${condition.title}: ${condition.summary}`
}

export function category(symptom: Symptom): Symptom['category'] {
  // @ts-expect-error not one of the categories of the schema
  const wrong: Symptom['category'] = 'elsewhere'
  void wrong
  return symptom.category
}

// The union holds every type of the schema; `richText` is an array, the others have a `_type`.
export const documentTypes: Exclude<AllSanitySchemaTypes, unknown[]>['_type'][] = ['condition', 'symptom', 'treatment']
