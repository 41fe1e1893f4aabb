import {defineQuery} from 'groq'

/**
 * Every query the client runs, as plain GROQ so that other frontends can use
 * them raw. Each public client function is exactly one of these queries and
 * one round trip: references are resolved inside the query with `->`.
 *
 * Fragments are string constants rather than functions, so that Sanity
 * TypeGen can follow them and type every query result.
 */

/** A condition as a card in a list: enough to link to its page. */
export const conditionCardFields = /* groq */ `
  _id,
  title,
  "slug": slug.current,
  summary
`

/** A reference target that only needs a name on the page. */
export const namedDocumentFields = /* groq */ `
  _id,
  title
`

export const conditionGroupFields = /* groq */ `
  _id,
  title,
  "slug": slug.current
`

export const causeFields = /* groq */ `
  _id,
  title,
  "slug": slug.current,
  description,
  "riskFactors": coalesce(riskFactors[]->{${namedDocumentFields}}, [])
`

export const symptomFields = /* groq */ `
  _id,
  title,
  "slug": slug.current,
  description,
  category,
  "bodyParts": coalesce(bodyParts[]->{${namedDocumentFields}}, [])
`

export const treatmentComponentFields = /* groq */ `
  _id,
  title,
  description
`

export const treatmentFields = /* groq */ `
  _id,
  title,
  "slug": slug.current,
  description,
  "components": coalesce(components[]->{${treatmentComponentFields}}, []),
  course,
  provider
`

export const sourceFields = /* groq */ `
  _id,
  title,
  publisher,
  url,
  date
`

// Ordered by the editors' `order`, with the title as a stable tie-breaker.
// The conditions are a sub-query per group (groups are few), matched on the
// raw `_ref` so that no group needs dereferencing.
export const CONDITION_GROUPS_QUERY = defineQuery(`
  *[_type == "conditionGroup"] | order(order asc, title asc) {
    ${conditionGroupFields},
    intro,
    order,
    "conditions": *[_type == "condition" && group._ref == ^._id] | order(title asc) {
      ${conditionCardFields}
    }
  }
`)

export const CONDITIONS_QUERY = defineQuery(`
  *[_type == "condition"] | order(title asc) {
    ${conditionCardFields},
    "group": group->{${conditionGroupFields}}
  }
`)

// The whole condition page in one query. `[0]` makes an unknown slug give
// null instead of an empty list. Reference lists are wrapped in coalesce so
// that an absent list reads as [] and a page never has to test for null.
export const CONDITION_PAGE_QUERY = defineQuery(`
  *[_type == "condition" && slug.current == $slug][0] {
    ${conditionCardFields},
    "alternativeNames": coalesce(alternativeNames, []),
    "group": group->{${conditionGroupFields}},
    "parent": parent->{${conditionCardFields}},
    description,
    "causes": coalesce(causes[]->{${causeFields}}, []),
    symptomsDescription,
    "symptoms": coalesce(symptoms[]->{${symptomFields}}, []),
    "bodyParts": coalesce(bodyParts[]->{${namedDocumentFields}}, []),
    prevalence,
    whenToSeekHelp,
    "treatments": coalesce(treatments[] {
      _key,
      goals,
      "treatment": treatment->{${treatmentFields}}
    }, []),
    "related": coalesce(related[] {
      _key,
      distinction,
      "condition": condition->{${conditionCardFields}}
    }, []),
    "codes": coalesce(codes[] { system, code }, []),
    "sources": coalesce(sources[]->{${sourceFields}}, []),
    review
  }
`)

// "The conditions it treats" are those whose treatments list points here,
// not every condition that mentions the treatment anywhere (references()
// would also count a mention in another field). `goals` is picked from the
// entry that points at this treatment: `^.^` climbs from the treatments
// entry through the condition to the treatment document.
export const TREATMENT_PAGE_QUERY = defineQuery(`
  *[_type == "treatment" && slug.current == $slug][0] {
    ${treatmentFields},
    "conditions": *[_type == "condition" && ^._id in treatments[].treatment._ref] | order(title asc) {
      ${conditionCardFields},
      "goals": treatments[treatment._ref == ^.^._id][0].goals
    }
  }
`)

// Grouping by category happens in the client, in the order the schema gives
// the categories; GROQ has no group-by, and one flat list keeps it one query.
export const SYMPTOMS_QUERY = defineQuery(`
  *[_type == "symptom"] | order(title asc) {
    ${symptomFields}
  }
`)

// Matched on the raw `_ref` inside each condition's symptom list, so that no
// condition has to be dereferenced to decide whether it belongs.
export const CONDITIONS_BY_SYMPTOM_QUERY = defineQuery(`
  *[_type == "symptom" && slug.current == $symptomSlug][0] {
    ${symptomFields},
    "conditions": *[_type == "condition" && ^._id in symptoms[]._ref] | order(title asc) {
      ${conditionCardFields}
    }
  }
`)

// The "Klachten" page in one query whose cost grows with the dataset, not
// with symptoms × conditions: every symptom, and every condition with the
// raw ids of its symptoms. The page joins the two in one pass; a sub-query
// per symptom would scan every condition once per symptom.
export const SYMPTOM_OVERVIEW_QUERY = defineQuery(`
  {
    "symptoms": *[_type == "symptom"] | order(title asc) {
      ${symptomFields}
    },
    "conditions": *[_type == "condition"] | order(title asc) {
      ${conditionCardFields},
      "symptomIds": coalesce(symptoms[]._ref, [])
    }
  }
`)

// GROQ's `match` compares diacritics exactly ("dyspareunie" does not match
// "dyspareünie") and tokenises differently in groq-js and the Content Lake.
// So the query returns the searchable text of every condition, symptom and
// treatment, and the client matches it with accents and case folded away:
// one round trip, and the same answer from both backends.
export const SEARCH_INDEX_QUERY = defineQuery(`
  *[_type in ["condition", "symptom", "treatment"]] | order(title asc) {
    _id,
    _type,
    title,
    "slug": slug.current,
    "summary": select(
      _type == "condition" => summary,
      _type == "symptom" => description,
      _type == "treatment" => pt::text(description)
    ),
    "names": coalesce(alternativeNames, []),
    "text": select(
      _type == "condition" => coalesce(pt::text(description), "") + " " + coalesce(pt::text(symptomsDescription), ""),
      _type == "symptom" => description,
      _type == "treatment" => pt::text(description)
    )
  }
`)

/** Every named query, so that errors and tests can refer to them by name. */
export const queries = {
  listConditionGroups: CONDITION_GROUPS_QUERY,
  listConditions: CONDITIONS_QUERY,
  getCondition: CONDITION_PAGE_QUERY,
  getTreatment: TREATMENT_PAGE_QUERY,
  listSymptoms: SYMPTOMS_QUERY,
  findConditionsBySymptom: CONDITIONS_BY_SYMPTOM_QUERY,
  search: SEARCH_INDEX_QUERY,
} as const

export type QueryName = keyof typeof queries
