import type {z} from 'zod'
import type {ContentBackend, ContentPerspective} from './backends/backend'
import type {SanityBackendOptions} from './backends/sanity'
import {createSanityBackend} from './backends/sanity'
import {conditionGroupListSchema, type ConditionGroup} from './contracts/conditionGroup'
import {conditionListSchema, type ConditionListItem} from './contracts/conditionList'
import {conditionPageSchema, type ConditionPage} from './contracts/conditionPage'
import {conditionsBySymptomSchema, type ConditionsBySymptom} from './contracts/conditionsBySymptom'
import {searchIndexSchema, type SearchIndexEntry, type SearchResult} from './contracts/search'
import {symptomListSchema, type SymptomGroup} from './contracts/symptom'
import {treatmentPageSchema, type TreatmentPage} from './contracts/treatment'
import {ContentConfigurationError} from './errors'
import {queries, type QueryName} from './queries'
import {SYMPTOM_CATEGORY_TITLES} from './symptomCategories'
import {parseResult} from './validate'

export interface ContentClientOptions {
  /** `published` (the default) never shows drafts; `drafts` shows drafts over their published documents. */
  perspective?: ContentPerspective
  /** Embedded backend: another NDJSON file, or documents in memory. Defaults to the package's dataset. */
  dataset?: string | readonly unknown[]
  /** Sanity backend: query the Content Lake instead of the embedded dataset. */
  sanity?: SanityBackendOptions
}

export interface ContentClient {
  /** The groups, in their editorial order, each with its conditions as cards. */
  listConditionGroups(): Promise<ConditionGroup[]>
  /** Every condition as a card with its group, by title. */
  listConditions(): Promise<ConditionListItem[]>
  /** The whole condition page, or null for an unknown slug. */
  getCondition(slug: string): Promise<ConditionPage | null>
  /** A treatment with its components in order and the conditions it treats, or null for an unknown slug. */
  getTreatment(slug: string): Promise<TreatmentPage | null>
  /** Every symptom, under the headings of the "Klachten" page. Empty headings are left out. */
  listSymptoms(): Promise<SymptomGroup[]>
  /** A symptom with the conditions it belongs to, or null for an unknown slug. */
  findConditionsBySymptom(symptomSlug: string): Promise<ConditionsBySymptom | null>
  /** Conditions, symptoms and treatments whose text contains every word, ignoring case and accents. */
  search(text: string): Promise<SearchResult[]>
  /** Raw GROQ with parameters, for what the functions above do not cover. The result is not checked. */
  fetch<Result = unknown>(query: string, params?: Record<string, unknown>): Promise<Result>
  /** Which backend answers: `embedded` or `sanity`. */
  readonly backend: ContentBackend['kind']
}

export type EmbeddedBackendFactory = (options: {
  dataset?: string | readonly unknown[]
  perspective: ContentPerspective
}) => Promise<ContentBackend>

/** Lower case without accents, so that "Dyspareünie" and "dyspareunie" compare equal. */
export function foldForSearch(text: string): string {
  return text.normalize('NFD').replace(/\p{M}/gu, '').toLowerCase()
}

function searchWords(text: string): string[] {
  return foldForSearch(text)
    .split(/[^\p{L}\p{N}]+/u)
    .filter((word) => word.length > 0)
}

function matches(entry: SearchIndexEntry, words: readonly string[]): boolean {
  const haystack = foldForSearch([entry.title, entry.slug, entry.summary ?? '', ...entry.names, entry.text ?? ''].join(' '))
  return words.every((word) => haystack.includes(word))
}

function groupSymptoms(symptoms: z.output<typeof symptomListSchema>): SymptomGroup[] {
  return Object.entries(SYMPTOM_CATEGORY_TITLES)
    .map(([category, title]) => ({
      // Object.entries widens the keys of the category record to string.
      category: category as SymptomGroup['category'],
      title,
      symptoms: symptoms.filter((symptom) => symptom.category === category),
    }))
    .filter((group) => group.symptoms.length > 0)
}

/** Builds the client over any backend; createContentClient chooses the backend. */
export function createContentClientWith(options: ContentClientOptions, embedded: EmbeddedBackendFactory): ContentClient {
  const perspective = options.perspective ?? 'published'
  if (perspective !== 'published' && perspective !== 'drafts') {
    throw new ContentConfigurationError(`Unknown perspective "${String(perspective)}": use "published" or "drafts".`)
  }
  if (options.sanity && options.dataset !== undefined) {
    throw new ContentConfigurationError('Pass either `sanity` (Content Lake) or `dataset` (embedded), not both.')
  }
  const sanityBackend = options.sanity ? createSanityBackend(options.sanity, perspective) : null
  let embeddedBackend: Promise<ContentBackend> | null = null
  const backend = (): Promise<ContentBackend> => {
    if (sanityBackend) return Promise.resolve(sanityBackend)
    embeddedBackend ??= embedded({dataset: options.dataset, perspective})
    return embeddedBackend
  }

  async function run<Schema extends z.ZodType>(name: QueryName, schema: Schema, params: Record<string, unknown> = {}) {
    const result = await (await backend()).query(queries[name], params)
    return parseResult(name, schema, result)
  }

  function requireString(name: string, value: unknown): string {
    if (typeof value !== 'string') throw new TypeError(`${name} must be a string, got ${typeof value}`)
    return value
  }

  return {
    backend: sanityBackend ? 'sanity' : 'embedded',
    listConditionGroups: () => run('listConditionGroups', conditionGroupListSchema),
    listConditions: () => run('listConditions', conditionListSchema),
    getCondition: (slug) => run('getCondition', conditionPageSchema.nullable(), {slug: requireString('slug', slug)}),
    getTreatment: (slug) => run('getTreatment', treatmentPageSchema.nullable(), {slug: requireString('slug', slug)}),
    listSymptoms: async () => groupSymptoms(await run('listSymptoms', symptomListSchema)),
    findConditionsBySymptom: (symptomSlug) =>
      run('findConditionsBySymptom', conditionsBySymptomSchema.nullable(), {
        symptomSlug: requireString('symptomSlug', symptomSlug),
      }),
    search: async (text) => {
      const words = searchWords(requireString('text', text))
      if (words.length === 0) return []
      const index = await run('search', searchIndexSchema)
      return index
        .filter((entry) => matches(entry, words))
        .map(({_id, _type, title, slug, summary}) => ({_id, _type, title, slug, summary}))
    },
    fetch: async <Result>(query: string, params: Record<string, unknown> = {}) =>
      // Raw queries have no contract: the caller names the type it expects.
      (await (await backend()).query(query, params)) as Result,
  }
}
