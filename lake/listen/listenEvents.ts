import {parse} from 'groq-js'
import {randomBytes} from 'node:crypto'
import {isRootPathId, isVersionId, type StoredDocument} from '../../client/embedded/dataset'
import {describeInvalidQuery} from '../../client/embedded/queryErrors'
import {checkGroqNesting, DEFAULT_MAX_GROQ_DEPTH} from '../../client/embedded/queryNesting'
import {checkJsonDepth} from '../http/jsonDepth'
import type {ServerSentEvent} from '../http/serverSentEvents'
import {deepEqual, isPlainObject} from '../store/jsonValue'
import type {CommittedTransaction} from '../write/transaction'

/**
 * The listen endpoint's events as the Content Lake sends them over
 * Server-Sent Events: `welcome` first, then one `mutation` event per document
 * a transaction changed that matches the listener's filter (before or after),
 * `channelError` for a request that cannot be served, and comment lines to
 * keep the connection open.
 */

export interface ListenRequest {
  query: string
  params: Record<string, unknown>
  includeResult: boolean
  includePreviousRevision: boolean
  includeMutations: boolean
  includeAllVersions: boolean
  visibility: 'query' | 'transaction'
  effectFormat: 'mendoza' | null
  enableResume: boolean
  tag: string | null
}

export interface ChannelErrorData {
  message: string
  error?: {type: string; description: string; query?: string; start?: number; end?: number}
}

export type ParsedListenRequest = {ok: true; request: ListenRequest} | {ok: false; error: ChannelErrorData}

const BOOLEAN_OPTIONS = ['includeResult', 'includePreviousRevision', 'includeMutations', 'includeAllVersions', 'enableResume'] as const
const DEFAULTS: Pick<ListenRequest, (typeof BOOLEAN_OPTIONS)[number]> = {
  includeResult: true,
  includePreviousRevision: false,
  includeMutations: true,
  includeAllVersions: false,
  enableResume: false,
}

function fail(message: string): ParsedListenRequest {
  return {ok: false, error: {message, error: {type: 'validationError', description: message}}}
}

/** The same limits as the query API's, for a listener's query and `$params`. */
export interface ListenLimits {
  maxQueryLength: number
  maxJsonDepth: number
  maxGroqDepth: number
}

const DEFAULT_LIMITS: ListenLimits = {maxQueryLength: 16_384, maxJsonDepth: 64, maxGroqDepth: DEFAULT_MAX_GROQ_DEPTH}

/** Reads the listener's query, `$params` and options from the URL, as @sanity/client encodes them. */
export function parseListenRequest(search: URLSearchParams, limits: Partial<ListenLimits> = {}): ParsedListenRequest {
  const {maxQueryLength, maxJsonDepth} = {...DEFAULT_LIMITS, ...limits}
  const query = search.get('query')
  if (query === null || query.trim() === '') return fail('The "query" parameter is required, e.g. *[_type == "condition"]')
  if (query.length > maxQueryLength) return fail(`The query is longer than ${maxQueryLength} characters (MAX_QUERY_LENGTH)`)
  const params: Record<string, unknown> = {}
  const options: Record<string, boolean> = {...DEFAULTS}
  let visibility: ListenRequest['visibility'] = 'query'
  let effectFormat: ListenRequest['effectFormat'] = null
  for (const [key, value] of search) {
    if (key.startsWith('$')) {
      try {
        checkJsonDepth(value, maxJsonDepth, `Parameter "${key}"`)
      } catch (error) {
        return fail(error instanceof Error ? error.message : String(error))
      }
      try {
        params[key.slice(1)] = JSON.parse(value)
      } catch {
        return fail(`Parameter "${key}" is not valid JSON: ${value.slice(0, 100)}`)
      }
    } else if ((BOOLEAN_OPTIONS as readonly string[]).includes(key)) {
      if (value !== 'true' && value !== 'false') return fail(`"${key}" must be true or false, got "${value.slice(0, 100)}"`)
      options[key] = value === 'true'
    } else if (key === 'visibility') {
      if (value !== 'query' && value !== 'transaction') return fail(`"visibility" must be "query" or "transaction", got "${value.slice(0, 100)}"`)
      visibility = value
    } else if (key === 'effectFormat') {
      if (value !== 'mendoza') return fail(`"effectFormat" must be "mendoza", got "${value.slice(0, 100)}"`)
      effectFormat = value
    }
  }
  return {
    ok: true,
    request: {
      query,
      params,
      includeResult: options.includeResult ?? true,
      includePreviousRevision: options.includePreviousRevision ?? false,
      includeMutations: options.includeMutations ?? true,
      includeAllVersions: options.includeAllVersions ?? false,
      enableResume: options.enableResume ?? false,
      visibility,
      effectFormat,
      tag: search.get('tag'),
    },
  }
}

export interface ListenerFilter {
  request: ListenRequest
  /** Whether the listener may see documents off the root path: drafts, release versions, private ids (it sent the write token). */
  canReadPrivateIds: boolean
}

/** Whether a document state matches a listener's query, as its filter pool evaluated it for one commit. */
export type DocumentMatcher = (document: StoredDocument) => boolean

/**
 * Checks the listener's query (length, nesting, syntax) before it is
 * accepted; a GROQ error comes back as channelError data. The query is
 * evaluated later, in the listen filter pool, never on the server's thread.
 */
export function compileListenFilter(
  request: ListenRequest,
  canReadPrivateIds: boolean,
  limits: Partial<ListenLimits> = {},
): {ok: true; filter: ListenerFilter} | {ok: false; error: ChannelErrorData} {
  try {
    // Before parsing: a query nested thousands of levels deep would overflow the parser's stack.
    checkGroqNesting(request.query, limits.maxGroqDepth ?? DEFAULT_LIMITS.maxGroqDepth, 'MAX_GROQ_DEPTH')
    parse(request.query, {params: request.params})
  } catch (error) {
    const invalid = describeInvalidQuery(error, request.query) ?? {type: 'queryParseError', description: error instanceof Error ? error.message : String(error)}
    return {ok: false, error: {message: invalid.description, error: {...invalid, query: request.query}}}
  }
  return {ok: true, filter: {request, canReadPrivateIds}}
}

/** Whether the listener may see this document at all: drafts and private ids need the token, versions `includeAllVersions`. */
function visibleTo(filter: ListenerFilter, document: StoredDocument): boolean {
  return (filter.canReadPrivateIds || isRootPathId(document._id)) && (filter.request.includeAllVersions || !isVersionId(document._id))
}

function withoutRevision(document: StoredDocument | null): Record<string, unknown> | null {
  if (document === null) return null
  const {_rev: _revision, ...rest} = document
  return rest
}

// Mendoza opcodes (github.com/sanity-io/mendoza): a literal value, set a field of the output object, delete a field by its index among the input's sorted keys.
const OP_VALUE = 0
const OP_OBJECT_SET_FIELD_VALUE = 17
const OP_OBJECT_DELETE_FIELD = 19

/**
 * A mendoza patch from one document state to the next, without `_rev`, as
 * the Studio applies it: changed top-level fields are set, removed ones
 * deleted; a created or deleted document is a literal value.
 */
export function mendozaPatch(from: StoredDocument | null, to: StoredDocument | null): unknown[] {
  const left = withoutRevision(from)
  const right = withoutRevision(to)
  if (left === null || right === null) return left === right ? [] : [OP_VALUE, right]
  const patch: unknown[] = []
  Object.keys(left)
    .sort()
    .forEach((key, index) => {
      if (!Object.hasOwn(right, key)) patch.push(OP_OBJECT_DELETE_FIELD, index)
    })
  for (const [key, value] of Object.entries(right)) {
    if (!Object.hasOwn(left, key) || !deepEqual(left[key], value)) patch.push(OP_OBJECT_SET_FIELD_VALUE, value, key)
  }
  return patch
}

export interface MutationEventData {
  eventId: string
  documentId: string
  transactionId: string
  transition: 'appear' | 'update' | 'disappear'
  identity: string
  mutations?: unknown[]
  previousRev?: string
  resultRev?: string
  result?: StoredDocument
  previous?: StoredDocument | null
  effects?: {apply: unknown[]; revert: unknown[]}
  timestamp: string
  visibility: 'query' | 'transaction'
  transactionTotalEvents: number
  transactionCurrentEvent: number
}

function targetOf(mutation: Record<string, unknown>): string | undefined {
  const body = Object.values(mutation)[0]
  if (!isPlainObject(body)) return undefined
  const id = body._id ?? body.id
  return typeof id === 'string' ? id : undefined
}

function eventIdOf(transactionId: string, documentId: string): string {
  return `${transactionId}#${documentId}`
}

/** The mutation events one listener gets for a committed transaction, in the order the documents were changed. */
export function mutationEventsFor(transaction: CommittedTransaction, filter: ListenerFilter, matches: DocumentMatcher): MutationEventData[] {
  const {request} = filter
  const seen = (document: StoredDocument | null) => document !== null && visibleTo(filter, document) && matches(document)
  const events: Array<Omit<MutationEventData, 'transactionTotalEvents' | 'transactionCurrentEvent'>> = []
  for (const change of transaction.changes) {
    const before = seen(change.previous)
    const after = seen(change.document)
    if (!before && !after) continue
    const transition = before && after ? 'update' : after ? 'appear' : 'disappear'
    const previousRev = typeof change.previous?._rev === 'string' ? change.previous._rev : undefined
    events.push({
      eventId: eventIdOf(transaction.transactionId, change.id),
      documentId: change.id,
      transactionId: transaction.transactionId,
      transition,
      identity: transaction.identity,
      ...(request.includeMutations ? {mutations: transaction.mutations.filter((mutation) => targetOf(mutation) === change.id)} : {}),
      ...(previousRev === undefined ? {} : {previousRev}),
      resultRev: transaction.transactionId,
      ...(request.includeResult && change.document !== null ? {result: change.document} : {}),
      ...(request.includePreviousRevision ? {previous: change.previous} : {}),
      ...(request.effectFormat === 'mendoza' ? {effects: {apply: mendozaPatch(change.previous, change.document), revert: mendozaPatch(change.document, change.previous)}} : {}),
      timestamp: transaction.timestamp,
      visibility: request.visibility,
    })
  }
  return events.map((event, index) => ({...event, transactionTotalEvents: events.length, transactionCurrentEvent: index}))
}

export function parseLastEventId(value: string | undefined): {transactionId: string; documentId: string} | null {
  if (value === undefined) return null
  const hash = value.indexOf('#')
  if (hash <= 0 || hash === value.length - 1) return null
  return {transactionId: value.slice(0, hash), documentId: value.slice(hash + 1)}
}

/**
 * The events a reconnecting listener missed: everything after the event it
 * saw last. `transactionsSince` gives that event's transaction and every later
 * one, or null when it is no longer remembered (then the listener must reset).
 */
export async function missedEvents(
  lastEventId: {transactionId: string; documentId: string},
  transactionsSince: (transactionId: string) => CommittedTransaction[] | null,
  filter: ListenerFilter,
  matcherFor: (transaction: CommittedTransaction) => Promise<DocumentMatcher>,
): Promise<MutationEventData[] | null> {
  const transactions = transactionsSince(lastEventId.transactionId)
  if (transactions === null) return null
  const missed: MutationEventData[] = []
  for (const [index, transaction] of transactions.entries()) {
    const events = mutationEventsFor(transaction, filter, await matcherFor(transaction))
    if (index === 0) {
      const seen = events.findIndex((event) => event.documentId === lastEventId.documentId)
      missed.push(...events.slice(seen + 1))
    } else missed.push(...events)
  }
  return missed
}

export function newListenerName(): string {
  return randomBytes(12).toString('base64url')
}

export function welcomeEvent(listenerName: string, resumed = false): ServerSentEvent {
  return {event: resumed ? 'welcomeback' : 'welcome', data: {listenerName}}
}

export function mutationServerSentEvent(data: MutationEventData): ServerSentEvent {
  return {event: 'mutation', id: data.eventId, data}
}

export function channelErrorEvent(error: ChannelErrorData): ServerSentEvent {
  return {event: 'channelError', data: error}
}

/** Sent to a listener that asked to resume (`enableResume`) from an event no longer remembered: it must refetch. */
export function resetEvent(): ServerSentEvent {
  return {event: 'reset', data: {}}
}
