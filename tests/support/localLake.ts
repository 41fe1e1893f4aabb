import {createClient, type ClientPerspective, type SanityClient} from '@sanity/client'
import path from 'node:path'
import {readServerConfig} from '../../lake/config'
import type {ListenerHub} from '../../lake/listen/listenerHub'
import {listenLimitsOf, openLocalLake} from '../../lake/localLake'
import {createPreviewSite} from '../../preview/site'
import type {DatasetStore} from '../../lake/store/datasetStore'
import {startServer, type RunningServer} from '../../lake/server'
import {writeTempDataset} from '../lake/fixtures'
import type {RecordedRequest} from './faultProxy'

/** The write token (LOCAL_WRITE_TOKEN) every test Lake runs with. */
export const LAKE_TOKEN = 'local-lake-test-token-0123456789'

export interface TestLake {
  /** Base URL, e.g. http://127.0.0.1:40123: the `apiHost` of @sanity/client, with `useProjectHostname: false`. */
  url: string
  /** The temporary dataset file the Lake serves and writes. */
  datasetPath: string
  /** The write token; null on a read-only Lake. */
  token: string | null
  /** The query pool, whose load shows what is running. */
  queries: RunningServer['queries']
  /** The open listeners and their filter threads; null on a read-only Lake. */
  listeners: ListenerHub | null
  /**
   * @sanity/client for the `production` dataset, with the write token unless
   * told otherwise; at this Lake, or at `apiHost` (a proxy in front of it).
   */
  client(options?: {token?: string | null; apiHost?: string; perspective?: ClientPerspective}): SanityClient
  /** Stops the server, then the Lake, as Ctrl+C on `npm start` does: every acknowledged write is in the dataset file afterwards, which stays. */
  stop(): Promise<void>
  /** stop(), then removes the temporary dataset. */
  close(): Promise<void>
}

export interface LocalLakeOptions {
  /** Serve the preview site beside the API, as `npm start` does. */
  preview?: boolean
  /** `npm start -- --read-only`: no write API, no listen, no token. */
  readOnly?: boolean
  /** QUERY_WORKERS; one is enough for a test and the quickest to start. */
  queryWorkers?: number
  /** Other server settings, as `npm start` reads them from the environment (e.g. QUERY_TIMEOUT_MS). */
  settings?: Record<string, string>
  /** Open listeners at most, with the token and without it, each. */
  maxListeners?: number
  /** Serve this dataset file (and its journal and history) instead of a fresh copy of `documents`, as a restart does; it is left in place on close. */
  datasetPath?: string
}

/**
 * The real local Content Lake, started as `npm start` starts it (minus the
 * preview site and the Studio), on a temporary copy of `documents`.
 */
export async function startLocalLake(documents: readonly unknown[], options: LocalLakeOptions = {}): Promise<TestLake> {
  const {datasetPath, remove} = options.datasetPath === undefined ? await writeTempDataset(documents) : {datasetPath: options.datasetPath, remove: async () => undefined}
  const flags = ['--dataset', datasetPath, '--port', '0', ...(options.readOnly ? ['--read-only'] : [])]
  const config = readServerConfig(flags, {QUERY_WORKERS: String(options.queryWorkers ?? 1), ...options.settings})
  const lake = config.readOnly
    ? undefined
    : await openLocalLake(datasetPath, {
        env: {LOCAL_WRITE_TOKEN: LAKE_TOKEN},
        tokenPath: path.join(path.dirname(datasetPath), '.local-write-token'),
        limits: listenLimitsOf(config),
        historyRetention: {maxBytes: config.historyMaxBytes, retentionDays: config.historyRetentionDays},
        ...(options.maxListeners === undefined ? {} : {maxListeners: options.maxListeners}),
      })
  let server
  try {
    const draftMode = lake ? {draftMode: {token: () => LAKE_TOKEN, datasetName: config.datasetName}} : {}
    const pages = options.preview ? {pages: (store: DatasetStore) => createPreviewSite({store, ...draftMode})} : {}
    server = await startServer(config, lake ? {store: lake.store, lake, ...pages} : pages)
  } catch (error) {
    await lake?.close()
    await remove()
    throw error
  }
  const running = server
  const token = lake ? LAKE_TOKEN : null
  let stopped: Promise<void> | undefined
  const stop = () => (stopped ??= running.close().then(() => lake?.close()))
  return {
    url: running.url,
    datasetPath,
    token,
    queries: running.queries,
    listeners: lake?.listeners ?? null,
    client(clientOptions = {}) {
      const {token: clientToken = token, apiHost = running.url, perspective} = clientOptions
      return createClient({
        projectId: 'local',
        dataset: running.datasetName,
        apiHost,
        useProjectHostname: false,
        useCdn: false,
        apiVersion: '2025-02-19',
        maxRetries: 0,
        ...(perspective ? {perspective} : {}),
        ...(clientToken ? {token: clientToken} : {}),
      })
    },
    stop,
    async close() {
      await stop()
      await remove()
    },
  }
}

/** The GROQ query and parameters a recorded request to `/data/query` carried, whether sent with GET or POST. */
export function sentQuery(request: RecordedRequest): {query: string; params: Record<string, unknown>} {
  if (request.method === 'POST') {
    const {query = '', params = {}} = request.body as {query?: string; params?: Record<string, unknown>}
    return {query, params}
  }
  const params: Record<string, unknown> = {}
  for (const [name, value] of request.search) if (name.startsWith('$')) params[name.slice(1)] = JSON.parse(value) as unknown
  return {query: request.search.get('query') ?? '', params}
}

/** Whether a recorded request went to an endpoint of the data API, e.g. `query`, `mutate` or `listen`. */
export function isEndpoint(request: RecordedRequest, endpoint: string): boolean {
  return new RegExp(`^/v[^/]+/data/${endpoint}/`, 'u').test(request.path)
}
