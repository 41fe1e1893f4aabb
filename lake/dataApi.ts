import type {IncomingMessage, ServerResponse} from 'node:http'
import {ApiError} from './http/apiError'
import type {AnswerBudget} from './http/answerBudget'
import {hasContentSourceMaps, hasLiveContent, parseApiVersion, parsePerspective} from './http/apiVersion'
import {queryEtag} from './http/etag'
import {answeredNotModified, readBody, sendJsonText} from './http/httpIo'
import {checkJsonDepth} from './http/jsonDepth'
import type {LiveHub} from './live/liveHub'
import {syncTagsFor} from './live/syncTags'
import type {QueryPool} from './query/queryPool'
import type {Perspective, QueryJob} from './query/queryProtocol'
import type {SourceMapArrays} from './query/resultSourceMap'
import {isRootPathId} from '../client/embedded/dataset'
import type {DatasetStore} from './store/datasetStore'

export interface DataApiContext {
  datasetName: string
  /** The dataset; its current version's tag is part of every ETag. */
  store: DatasetStore
  maxQueryLength: number
  maxBodyBytes: number
  maxJsonDepth: number
  queries: QueryPool
  /** The bytes of all query answers being sent at once. */
  answers: AnswerBudget
  /** The Live Content API's event streams. */
  live: LiveHub
  /** The write API; absent when the server is read-only. */
  lake?: WriteRoutes
}

/** What the data API needs of the local Content Lake. */
export interface WriteRoutes {
  handle(
    request: IncomingMessage,
    response: ServerResponse,
    url: URL,
    endpoint: string,
    context: {maxQueryLength: number; maxBodyBytes: number; maxJsonDepth: number; queries: QueryPool},
  ): Promise<boolean>
  checkDraftAccess(authorization: string | undefined): void
  /** Who a request with the write token is, as its writes are recorded: the local editor in the signed-in Studio, else the token. */
  identityOf(request: IncomingMessage): string
}

export interface RequestScope {
  /** Aborted when the client hangs up before the answer is sent. */
  signal: AbortSignal
}

const API_PATH = /^\/v([^/]+)\/data\/([^/]+)\/([^/]+)(?:\/(.*))?$/
const PARAM_NAME = /^[A-Za-z_][A-Za-z0-9_]*$/
/** Endpoints of the Content Lake that write; this server only reads. */
const WRITE_ENDPOINTS = new Set(['mutate', 'actions', 'import'])
/** Endpoints only the local Lake (a server that writes) answers: it keeps the transactions they report. */
const LAKE_READ_ENDPOINTS = new Set(['listen', 'history'])

export function isDataApiPath(pathname: string): boolean {
  return /^\/v[^/]+\/data\//.test(pathname)
}

interface QueryRequest extends QueryJob {
  returnQuery: boolean
}

function parseParamValue(name: string, raw: string, maxJsonDepth: number): unknown {
  checkJsonDepth(raw, maxJsonDepth, `The value of parameter $${name}`)
  try {
    return JSON.parse(raw)
  } catch {
    throw new ApiError(
      400,
      `The value of parameter $${name} is not valid JSON: ${raw.length > 60 ? `${raw.slice(0, 60)}…` : raw}. Strings need quotes, e.g. $${name}="verzakking".`,
    )
  }
}

function checkParamName(name: string): void {
  if (!PARAM_NAME.test(name)) throw new ApiError(400, `Invalid parameter name "$${name}": use letters, digits and "_", not starting with a digit.`)
}

function checkQueryText(query: unknown, limit: number, tooLargeStatus: 413 | 414): string {
  if (typeof query !== 'string' || query.trim() === '') throw new ApiError(400, 'Missing query: pass the GROQ query as "query".')
  if (query.length > limit) {
    throw new ApiError(tooLargeStatus, `The query is ${query.length} characters long; the limit is ${limit} (MAX_QUERY_LENGTH).`)
  }
  return query
}

/**
 * `resultSourceMap=true` names array elements in source paths by index,
 * `withKeyArraySelector` by `_key`, as @sanity/client asks when stega is on.
 * Absent, `false`, or an API version before v2021-03-25: no source map, and
 * the job stays as it was (so do its cache key and ETag).
 */
function sourceMapRequest(search: URLSearchParams, apiVersion: string): {resultSourceMap?: SourceMapArrays} {
  const value = search.get('resultSourceMap')
  if (value === null || value === '' || value === 'false' || !hasContentSourceMaps(apiVersion)) return {}
  if (value === 'true') return {resultSourceMap: 'index'}
  if (value === 'withKeyArraySelector') return {resultSourceMap: 'key'}
  throw new ApiError(400, `Invalid resultSourceMap "${value.length > 40 ? `${value.slice(0, 40)}…` : value}": use true, false or withKeyArraySelector.`)
}

function fromSearchParams(search: URLSearchParams, apiVersion: string, context: DataApiContext): QueryRequest {
  const params: Record<string, unknown> = {}
  for (const [key, value] of search) {
    if (!key.startsWith('$')) continue
    const name = key.slice(1)
    checkParamName(name)
    params[name] = parseParamValue(name, value, context.maxJsonDepth)
  }
  return {
    query: checkQueryText(search.get('query'), context.maxQueryLength, 414),
    params,
    perspective: parsePerspective(search.get('perspective'), apiVersion),
    returnQuery: search.get('returnQuery') !== 'false',
    ...sourceMapRequest(search, apiVersion),
  }
}

async function fromPostBody(request: IncomingMessage, search: URLSearchParams, apiVersion: string, context: DataApiContext): Promise<QueryRequest> {
  const text = await readBody(request, context.maxBodyBytes)
  checkJsonDepth(text, context.maxJsonDepth, 'The request body')
  let body: unknown
  try {
    body = JSON.parse(text)
  } catch {
    throw new ApiError(400, 'The request body is not valid JSON. Send {"query": "...", "params": {...}} with Content-Type: application/json.')
  }
  if (body === null || typeof body !== 'object' || Array.isArray(body)) throw new ApiError(400, 'The request body must be a JSON object: {"query": "...", "params": {...}}.')
  const {query, params = {}} = body as {query?: unknown; params?: unknown}
  if (params === null || typeof params !== 'object' || Array.isArray(params)) throw new ApiError(400, '"params" must be a JSON object of parameter values.')
  for (const name of Object.keys(params)) checkParamName(name)
  return {
    query: checkQueryText(query, context.maxQueryLength, 413),
    params: params as Record<string, unknown>, // checked above to be a plain JSON object
    perspective: parsePerspective(search.get('perspective'), apiVersion),
    returnQuery: search.get('returnQuery') !== 'false',
    ...sourceMapRequest(search, apiVersion),
  }
}

/**
 * What a request may read, as on the Content Lake, where access control comes
 * before the perspective. Without a token a caller is anonymous: it sees only
 * documents on the root path (ids without a `.`), so neither drafts, release
 * versions nor private ids such as `settings.site`, and every perspective
 * (`drafts`, `raw`) is applied to what it sees: it reads published content,
 * with the published sync tag, and never an error. next-sanity's `defineLive`
 * relies on this: in draft mode it asks for the sync tags with
 * `perspective=drafts` and the client's own token, usually none. A token must
 * be the write token (401 otherwise) and reads everything. A read-only server
 * has no token: everyone is anonymous, and the `drafts` and `raw`
 * perspectives are open to all (it serves a file on this machine).
 */
function readableRequest<T extends {perspective: Perspective}>(request: IncomingMessage, asked: T, context: DataApiContext): T & {anonymous: boolean} {
  if (context.lake === undefined) return {...asked, anonymous: asked.perspective === 'published'}
  const authorization = request.headers.authorization
  // Every perspective looks the same to an anonymous reader: it is answered as the published one, which also shares its cached answers.
  if (authorization === undefined) return {...asked, perspective: 'published', anonymous: true}
  context.lake.checkDraftAccess(authorization)
  return {...asked, anonymous: false}
}

async function handleQuery(
  request: IncomingMessage,
  response: ServerResponse,
  search: URLSearchParams,
  apiVersion: string,
  context: DataApiContext,
  scope: RequestScope,
): Promise<void> {
  const method = request.method ?? 'GET'
  if (method !== 'GET' && method !== 'HEAD' && method !== 'POST') {
    throw new ApiError(405, `Method ${method} is not allowed here; use GET or POST.`, undefined, {allow: 'GET, HEAD, POST'})
  }
  const queryRequest = method === 'POST' ? await fromPostBody(request, search, apiVersion, context) : fromSearchParams(search, apiVersion, context)
  const {returnQuery, ...job} = readableRequest(request, queryRequest, context)
  const current = context.store.current()
  const tagParts = {endpoint: 'query', ...job, returnQuery}
  if (answeredNotModified(request, response, queryEtag(current.etag, tagParts))) return
  const outcome = await context.queries.run(job, {signal: scope.signal, version: current.version})
  // The tag names the version the answer comes from, which may be newer than the one asked for.
  const etag = queryEtag(outcome.datasetEtag, tagParts)
  if (answeredNotModified(request, response, etag, true)) return
  const queryPart = returnQuery ? `"query":${JSON.stringify(job.query)},` : ''
  const syncTagsPart = hasLiveContent(apiVersion) ? `,"syncTags":${JSON.stringify(syncTagsFor(context.datasetName, job.perspective))}` : ''
  const sourceMapPart = outcome.sourceMapJson === undefined ? '' : `,"resultSourceMap":${outcome.sourceMapJson}`
  const body = `{${queryPart}"result":${outcome.resultJson}${sourceMapPart}${syncTagsPart},"ms":${outcome.ms}}`
  context.answers.reserve(response, body)
  sendJsonText(response, 200, body, etag)
}

// Resolved like any query, so that the perspective (and the drafts overlay) applies to documents by id too.
const DOCUMENTS_BY_ID = '*[_id in $ids]'

function decodeId(id: string): string {
  try {
    return decodeURIComponent(id).trim()
  } catch {
    throw new ApiError(400, `The document id "${id.length > 60 ? `${id.slice(0, 60)}…` : id}" is not validly percent-encoded.`)
  }
}

/**
 * `GET /data/doc/{dataset}/{id},{id}`. Without a perspective, as the Studio
 * asks, each document comes by its exact id: a draft as a draft. Ids off the
 * root path (drafts, release versions, private ids) need the token; without
 * one they are omitted with the reason `permission`, as the Content Lake
 * omits what a caller may not read,
 * and an id that names nothing is omitted with the reason `existence`. With
 * an explicit perspective, the ids are resolved under it, as a query would.
 */
async function handleDocuments(
  request: IncomingMessage,
  response: ServerResponse,
  search: URLSearchParams,
  idList: string,
  apiVersion: string,
  context: DataApiContext,
  scope: RequestScope,
): Promise<void> {
  const method = request.method ?? 'GET'
  if (method !== 'GET' && method !== 'HEAD') throw new ApiError(405, `Method ${method} is not allowed here; use GET.`, undefined, {allow: 'GET, HEAD'})
  if (idList.length > context.maxQueryLength) throw new ApiError(414, `The list of ids is longer than ${context.maxQueryLength} characters (MAX_QUERY_LENGTH).`)
  const ids = idList.split(',').map(decodeId)
  if (ids.some((id) => id === '')) throw new ApiError(400, 'Give one or more document ids, separated by commas: /data/doc/{dataset}/{id},{id}.')
  const byExactId = search.get('perspective') === null
  const {perspective, anonymous} = byExactId
    ? {perspective: 'raw' as const, anonymous: !mayReadPrivateIds(request, context)}
    : readableRequest(request, {perspective: parsePerspective(search.get('perspective'), apiVersion)}, context)
  const readable = anonymous ? ids.filter(isRootPathId) : ids
  const current = context.store.current()
  const tagParts = {endpoint: 'doc', ids, anonymous, perspective}
  if (answeredNotModified(request, response, queryEtag(current.etag, tagParts))) return
  const outcome = await context.queries.run({query: DOCUMENTS_BY_ID, params: {ids: readable}, perspective, anonymous}, {signal: scope.signal, version: current.version})
  const etag = queryEtag(outcome.datasetEtag, tagParts)
  if (answeredNotModified(request, response, etag, true)) return
  const found = JSON.parse(outcome.resultJson) as Array<{_id: string}> // the query above only returns documents, which always have an _id
  const byId = new Map(found.map((document) => [document._id, document]))
  const readableIds = new Set(readable)
  const documents = ids.flatMap((id) => byId.get(id) ?? [])
  const omitted = ids.filter((id) => !byId.has(id)).map((id) => ({id, reason: readableIds.has(id) ? 'existence' : 'permission'}))
  const body = JSON.stringify({documents, omitted})
  context.answers.reserve(response, body)
  sendJsonText(response, 200, body, etag)
}

/** Whether a request for documents by exact id may read drafts and private ids: only with the token, which a read-only server does not have. A wrong token is refused. */
function mayReadPrivateIds(request: IncomingMessage, context: DataApiContext): boolean {
  if (context.lake === undefined) return false
  const authorization = request.headers.authorization
  if (authorization === undefined) return false
  context.lake.checkDraftAccess(authorization)
  return true
}

/** Answers `/v{apiVersion}/data/{query|doc}/{dataset}/...` like the Content Lake's HTTP API. */
export async function handleDataApi(request: IncomingMessage, response: ServerResponse, url: URL, context: DataApiContext, scope: RequestScope): Promise<void> {
  const match = API_PATH.exec(url.pathname)
  if (!match) throw new ApiError(404, `Unknown API path ${url.pathname}. Queries go to /v{apiVersion}/data/query/${context.datasetName}.`)
  const [, version = '', endpoint = '', dataset = '', rest] = match
  const apiVersion = parseApiVersion(version)
  if ((WRITE_ENDPOINTS.has(endpoint) || LAKE_READ_ENDPOINTS.has(endpoint)) && context.lake !== undefined) {
    if (dataset !== context.datasetName) throw new ApiError(404, `Dataset "${dataset}" not found. This server serves the dataset "${context.datasetName}".`)
    const limits = {maxQueryLength: context.maxQueryLength, maxBodyBytes: context.maxBodyBytes, maxJsonDepth: context.maxJsonDepth, queries: context.queries}
    if (await context.lake.handle(request, response, url, endpoint, limits)) return
  }
  if (endpoint === 'history') throw new ApiError(404, 'This server is read-only and keeps no history: history is kept by npm start without --read-only.')
  // An empty Allow: no method is allowed on a write endpoint of a read-only server (RFC 9110, 10.2.1).
  if (WRITE_ENDPOINTS.has(endpoint)) throw new ApiError(405, 'This server is read-only: it serves a dataset file and accepts no mutations.', undefined, {allow: ''})
  if (endpoint === 'live') {
    // `/data/live/events/{dataset}`: the second segment is the stream's name, the dataset comes after it.
    if (dataset !== 'events' || rest === undefined || rest.includes('/'))
      throw new ApiError(404, `Unknown API path ${url.pathname}. Live events are at /v{apiVersion}/data/live/events/${context.datasetName}.`)
    if (rest !== context.datasetName) throw new ApiError(404, `Dataset "${rest}" not found. This server serves the dataset "${context.datasetName}".`)
    if (!hasLiveContent(apiVersion)) throw new ApiError(400, `The live events API needs API version v2021-03-25 or later, or vX; got v${apiVersion}.`)
    context.live.open(request, response, url)
    return
  }
  if (endpoint !== 'query' && endpoint !== 'doc') throw new ApiError(404, `Unknown endpoint /data/${endpoint}. This server answers /data/query, /data/doc and /data/live/events.`)
  if (dataset !== context.datasetName) throw new ApiError(404, `Dataset "${dataset}" not found. This server serves the dataset "${context.datasetName}".`)
  if (endpoint === 'query') {
    if (rest !== undefined && rest !== '') throw new ApiError(404, `Unknown API path ${url.pathname}.`)
    await handleQuery(request, response, url.searchParams, apiVersion, context, scope)
    return
  }
  if (rest === undefined || rest === '') throw new ApiError(400, 'Give one or more document ids: /data/doc/{dataset}/{id},{id}.')
  await handleDocuments(request, response, url.searchParams, rest, apiVersion, context, scope)
}
