import {shapeIssues} from './contractShape'
import {CONTRACT_SHAPES} from './contractShapes'
import {
  CONDITION_GROUPS_QUERY,
  CONDITION_PAGE_QUERY,
  CONDITIONS_BY_SYMPTOM_QUERY,
  CONDITIONS_QUERY,
  SEARCH_DOCUMENTS_QUERY,
  SYMPTOM_OVERVIEW_QUERY,
  SYMPTOMS_QUERY,
  TREATMENT_PAGE_QUERY,
} from './queries'

const {sliceParameters: slice, slugParameters: bySlug, symptomSlugParameters: bySymptomSlug, noParameters: none} = CONTRACT_SHAPES

/**
 * The parameters of each of the package's queries, by query text, with the
 * query's exported name for errors. tests/client/queryParameters.test.ts
 * checks them against the `$names` in each query.
 */
const PACKAGE_QUERIES = {
  [CONDITION_GROUPS_QUERY]: {name: 'CONDITION_GROUPS_QUERY', parameters: slice},
  [CONDITIONS_QUERY]: {name: 'CONDITIONS_QUERY', parameters: slice},
  [CONDITION_PAGE_QUERY]: {name: 'CONDITION_PAGE_QUERY', parameters: bySlug},
  [TREATMENT_PAGE_QUERY]: {name: 'TREATMENT_PAGE_QUERY', parameters: bySlug},
  [SYMPTOMS_QUERY]: {name: 'SYMPTOMS_QUERY', parameters: slice},
  [CONDITIONS_BY_SYMPTOM_QUERY]: {name: 'CONDITIONS_BY_SYMPTOM_QUERY', parameters: bySymptomSlug},
  [SYMPTOM_OVERVIEW_QUERY]: {name: 'SYMPTOM_OVERVIEW_QUERY', parameters: none},
  [SEARCH_DOCUMENTS_QUERY]: {name: 'SEARCH_DOCUMENTS_QUERY', parameters: none},
} as const

type PackageQuery = keyof typeof PACKAGE_QUERIES
/** The type of a query's parameters, from the zod contract its shape was derived from. */
type ParametersOf<Query extends PackageQuery> = NonNullable<(typeof PACKAGE_QUERIES)[Query]['parameters']['passes']>

/** The parameters a query takes: exactly those of one of the package's queries (none as `{}`), any for another query. */
export type QueryParameters<Query extends string> = Query extends PackageQuery
  ? keyof ParametersOf<Query> extends never
    ? Record<string, never>
    : ParametersOf<Query>
  : Record<string, unknown>

function describe(value: unknown): string {
  if (value === undefined) return 'nothing'
  return value === null ? 'null' : typeof value
}

/**
 * Throws a TypeError naming each missing, misspelled or mistyped parameter of
 * one of the package's queries, before any request: GROQ reads a missing
 * parameter as null, so the query would answer null instead of failing.
 * Other queries pass unchecked.
 */
export function checkQueryParameters(query: string, params: Record<string, unknown>): void {
  // hasOwn has just confirmed that the text is one of the keys.
  const known = Object.hasOwn(PACKAGE_QUERIES, query) ? PACKAGE_QUERIES[query as PackageQuery] : undefined
  if (!known) return
  const issues = shapeIssues(known.parameters.shape, params)
  if (issues.length === 0) return
  // The parameter contracts are strict objects (client/checkedContracts.ts).
  const takes = Object.keys((known.parameters.shape as {object: object}).object)
  const problems = issues.map((issue) => {
    if (issue.code === 'unrecognized_keys') return issue.keys.map((key) => `$${key} is not one of its parameters`).join('; ')
    const name = String(issue.path[0])
    return issue.code === 'invalid_type' ? `$${name} must be ${issue.expected === 'number' ? 'a number' : 'a string'}, got ${describe(params[name])}` : `$${name}: does not match`
  })
  throw new TypeError(`${known.name} takes ${takes.length === 0 ? 'no parameters' : takes.map((name) => `$${name}`).join(', ')}: ${problems.join('; ')}`)
}
