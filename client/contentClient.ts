import type {ClientReturn} from '@sanity/client'
import type {ContentBackend, ContentPerspective, RequestOptions, Unsubscribe} from './backends/backend'
import type {SanityBackendOptions} from './backends/sanity'
import {createSanityBackend} from './backends/sanity'
import {LIST_TAGS, pageTag} from './cacheTags'
import type {Checked} from './contractShape'
import {CONTRACT_SHAPES} from './contractShapes'
import type {ConditionGroup} from './contracts/conditionGroup'
import type {ConditionListItem} from './contracts/conditionList'
import type {ConditionPage} from './contracts/conditionPage'
import type {ConditionsBySymptom} from './contracts/conditionsBySymptom'
import type {ContentPage, ListSlice} from './contracts/page'
import type {SearchResult} from './contracts/search'
import type {Symptom, SymptomGroup} from './contracts/symptom'
import type {TreatmentPage} from './contracts/treatment'
import {ContentConfigurationError, type ContentValidationError} from './errors'
import {queries, type QueryName} from './queries'
import {checkQueryParameters, type QueryParameters} from './queryParameters'
import {searchQuery} from './search/query'
import {searchWords} from './search/words'
import {SYMPTOM_CATEGORY_TITLES} from './symptomCategories'
import {checkResult, shapeViolation} from './validate'

export type {RequestOptions, Unsubscribe} from './backends/backend'

export interface ContentClientOptions {
  /** `published` (the default) never shows drafts; `drafts` shows drafts over their published documents. */
  perspective?: ContentPerspective
  /** Embedded backend: another NDJSON file (watched by `subscribe`), or documents in memory. Defaults to the package's dataset. */
  dataset?: string | readonly unknown[]
  /** Sanity backend: query the Content Lake instead of the embedded dataset. */
  sanity?: SanityBackendOptions
}

/** Which part of a list to return. */
export interface ListOptions extends RequestOptions {
  /** At most this many items, from 1 to 1000. Defaults to 100. */
  limit?: number
  /** Skip this many items first. Defaults to 0. */
  offset?: number
  /**
   * Without it (the default) one item that breaks its contract fails the whole
   * call with a ContentValidationError. With it, such items are left out of
   * `items` and each is passed here, so that the rest of the list still shows.
   */
  onInvalid?: (error: ContentValidationError) => void
}

export interface SearchOptions extends RequestOptions {
  /** At most this many hits, from 1 to 100. Defaults to 20. */
  limit?: number
  /** Skip this many hits first. Defaults to 0. */
  offset?: number
}

/** What `subscribe` calls: with the result, at once and after every change; with an error when one occurs. */
export interface SubscribeCallbacks<Result> {
  next(result: Result): void
  error?(error: unknown): void
}

/** The result type of a raw query: typed for the package's queries (see `/queries`), `unknown` otherwise. */
export type QueryResult<Query extends string> = ClientReturn<Query, unknown>

/** The result of `fetch` and `subscribe`: the type named in the call, or else the query's own. */
type ResultOf<Named, Query extends string> = [Named] extends [never] ? QueryResult<Query> : Named

/** Parameters and options of `fetch`: the parameters are required where the query takes some it cannot do without. */
type FetchArguments<Query extends string> =
  {} extends QueryParameters<Query> ? [params?: QueryParameters<Query>, options?: RequestOptions] : [params: QueryParameters<Query>, options?: RequestOptions]

export interface ContentClient {
  /** The groups, in their editorial order, each with its conditions as cards. */
  listConditionGroups(options?: ListOptions): Promise<ContentPage<ConditionGroup>>
  /** Conditions as cards with their group, by title. */
  listConditions(options?: ListOptions): Promise<ContentPage<ConditionListItem>>
  /** The whole condition page, or null for an unknown slug. */
  getCondition(slug: string, options?: RequestOptions): Promise<ConditionPage | null>
  /** A treatment with its components in order and the conditions it treats, or null for an unknown slug. */
  getTreatment(slug: string, options?: RequestOptions): Promise<TreatmentPage | null>
  /** Symptoms by title, grouped under the headings of the "Klachten" page; `total` counts symptoms. Empty headings are left out. */
  listSymptoms(options?: ListOptions): Promise<ContentPage<SymptomGroup>>
  /** A symptom with the conditions it belongs to, or null for an unknown slug. */
  findConditionsBySymptom(symptomSlug: string, options?: RequestOptions): Promise<ConditionsBySymptom | null>
  /**
   * Conditions, symptoms and treatments in which every word starts a word of
   * the title, the summary or the text, ignoring case and accents; title
   * hits first, then summary hits, then the rest, each by title.
   */
  search(text: string, options?: SearchOptions): Promise<SearchResult[]>
  /**
   * Raw GROQ with parameters, for what the functions above do not cover. The
   * result is not checked. The package's queries (`/queries`) give their
   * result type and take exactly their parameters (a missing or misspelled one
   * is a type error, and a TypeError naming it at run time); for another
   * query, name the type: `fetch<string[]>(…)`.
   */
  fetch<Result = never, const Query extends string = string>(query: Query, ...args: FetchArguments<Query>): Promise<ResultOf<Result, Query>>
  /**
   * Runs a query now and again whenever the content changes, and calls
   * `next` with each new result. The embedded backend watches its NDJSON file
   * (the shipped dataset never changes); the Content Lake backend keeps one
   * Live Content API connection for all of this client's subscriptions and
   * runs a query again when an event names its sync tags. Returns the
   * function that stops it.
   */
  subscribe<Result = never, const Query extends string = string>(
    query: Query,
    params: QueryParameters<Query>,
    callbacks: SubscribeCallbacks<ResultOf<Result, Query>> | ((result: ResultOf<Result, Query>) => void),
  ): Unsubscribe
  /** Which backend answers: `embedded` or `sanity`. */
  readonly backend: ContentBackend['kind']
}

export type EmbeddedBackendFactory = (options: {dataset?: string | readonly unknown[]; perspective: ContentPerspective}) => Promise<ContentBackend>

const LIST_LIMIT = {default: 100, max: 1000}
const SEARCH_LIMIT = {default: 20, max: 100}

function boundedInteger(name: string, value: unknown, fallback: number, min: number, max: number): number {
  if (value === undefined) return fallback
  if (typeof value !== 'number' || !Number.isInteger(value) || value < min || value > max) {
    throw new RangeError(`${name} must be a whole number from ${min} to ${max}, got ${JSON.stringify(value) ?? String(value)}`)
  }
  return value
}

function pageBounds(options: ListOptions | SearchOptions, limits: {default: number; max: number}) {
  return {
    offset: boundedInteger('offset', options.offset, 0, 0, Number.MAX_SAFE_INTEGER),
    limit: boundedInteger('limit', options.limit, limits.default, 1, limits.max),
  }
}

function requireString(name: string, value: unknown): string {
  if (typeof value !== 'string') throw new TypeError(`${name} must be a string, got ${typeof value}`)
  return value
}

function groupSymptoms(symptoms: readonly Symptom[]): SymptomGroup[] {
  return Object.entries(SYMPTOM_CATEGORY_TITLES)
    .map(([category, title]) => ({
      // Object.entries widens the keys of the category record to string.
      category: category as SymptomGroup['category'],
      title,
      symptoms: symptoms.filter((symptom) => symptom.category === category),
    }))
    .filter((group) => group.symptoms.length > 0)
}

function withTags(options: RequestOptions, own: readonly string[]): RequestOptions {
  return {...options, tags: [...own, ...(options.tags ?? [])]}
}

const CONTRACTS = {
  conditionGroups: {item: CONTRACT_SHAPES.conditionGroup, slice: CONTRACT_SHAPES.conditionGroupList},
  conditions: {item: CONTRACT_SHAPES.conditionListItem, slice: CONTRACT_SHAPES.conditionList},
  symptoms: {item: CONTRACT_SHAPES.symptom, slice: CONTRACT_SHAPES.symptomList},
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

  async function run<Result>(name: QueryName, contract: Checked<Result>, params: Record<string, unknown>, request: RequestOptions): Promise<Result> {
    const result = await (await backend()).query(queries[name], params, request)
    return checkResult(name, contract, result)
  }

  async function list<Item>(
    name: QueryName,
    contracts: {item: Checked<Item>; slice: Checked<ListSlice<Item>>},
    tag: string,
    options: ListOptions = {},
  ): Promise<ContentPage<Item>> {
    const {offset, limit} = pageBounds(options, LIST_LIMIT)
    const {onInvalid, ...request} = options
    const params = {start: offset, end: offset + limit}
    if (!onInvalid) {
      const slice = await run(name, contracts.slice, params, withTags(request, [tag]))
      return {...slice, offset, limit}
    }
    const {item} = contracts
    // The answer as a whole must still be a list with a count; only its items are checked one by one.
    const slice = await run(name, CONTRACT_SHAPES.anyList, params, withTags(request, [tag]))
    const items: Item[] = []
    slice.items.forEach((candidate, index) => {
      const violation = shapeViolation(name, item, candidate, ['items', index])
      if (violation) onInvalid(violation)
      // The item contract has just confirmed the shape its type describes.
      else items.push(candidate as Item)
    })
    return {items, total: slice.total, offset, limit}
  }

  return {
    backend: sanityBackend ? 'sanity' : 'embedded',
    listConditionGroups: (options) => list('listConditionGroups', CONTRACTS.conditionGroups, LIST_TAGS.conditionGroups, options),
    listConditions: (options) => list('listConditions', CONTRACTS.conditions, LIST_TAGS.conditions, options),
    getCondition: (slug, options = {}) => run('getCondition', CONTRACT_SHAPES.conditionPage, {slug: requireString('slug', slug)}, withTags(options, [pageTag('condition', slug)])),
    getTreatment: (slug, options = {}) => run('getTreatment', CONTRACT_SHAPES.treatmentPage, {slug: requireString('slug', slug)}, withTags(options, [pageTag('treatment', slug)])),
    listSymptoms: async (options) => {
      const page = await list('listSymptoms', CONTRACTS.symptoms, LIST_TAGS.symptoms, options)
      return {...page, items: groupSymptoms(page.items)}
    },
    findConditionsBySymptom: (symptomSlug, options = {}) =>
      run(
        'findConditionsBySymptom',
        CONTRACT_SHAPES.conditionsBySymptom,
        {symptomSlug: requireString('symptomSlug', symptomSlug)},
        withTags(options, [pageTag('symptom', symptomSlug)]),
      ),
    search: async (text, options = {}) => {
      const words = searchWords(requireString('text', text))
      const bounds = pageBounds(options, SEARCH_LIMIT)
      if (words.length === 0) return []
      const request = {words, ...bounds}
      const answering = await backend()
      const requestOptions = withTags(options, [LIST_TAGS.search])
      let hits: unknown
      if (answering.search) hits = await answering.search(request, requestOptions)
      else {
        const {query, params} = searchQuery(request)
        hits = await answering.query(query, params, requestOptions)
      }
      return checkResult('search', CONTRACT_SHAPES.searchResults, hits)
    },
    async fetch<Result>(query: string, params: Record<string, unknown> = {}, request: RequestOptions = {}): Promise<Result> {
      checkQueryParameters(query, params)
      // Raw queries have no contract: the type comes from the query registry or the caller.
      return (await (await backend()).query(query, params, request)) as Result
    },
    subscribe<Result>(query: string, params: Record<string, unknown>, callbacks: SubscribeCallbacks<Result> | ((result: Result) => void)) {
      checkQueryParameters(query, params)
      const {next, error} = typeof callbacks === 'function' ? {next: callbacks, error: undefined} : callbacks
      const report = (problem: unknown) => {
        if (error) error(problem)
        else console.error('content.subscribe:', problem)
      }
      let stop: Unsubscribe | null = null
      let stopped = false
      backend().then((answering) => {
        if (stopped) return
        // Raw queries have no contract: the type comes from the query registry or the caller.
        stop = answering.subscribe(query, params, {next: (result) => next(result as Result), error: report})
      }, report)
      return () => {
        stopped = true
        stop?.()
      }
    },
  }
}
