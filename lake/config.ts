import path from 'node:path'
import {availableParallelism} from 'node:os'
import {DEFAULT_HISTORY_RETENTION} from './history/historyLog'
import {isLoopbackHost} from './http/hostCheck'

export const DEFAULT_DATASET_PATH = 'dataset/production.ndjson'

export interface ServerConfig {
  host: string
  /**
   * ALLOW_REMOTE_ACCESS=1: the server may listen on an address other
   * machines reach. Then the Studio's session hands out no token, and every
   * write needs the token in its own request.
   */
  remoteAccess: boolean
  port: number
  /** The NDJSON file the API and the preview serve. */
  datasetPath: string
  /** The `{dataset}` segment of API URLs: the file name without `.ndjson`. */
  datasetName: string
  /** Whether the dataset was chosen with `--dataset`, so `npm start` leaves the seed alone. */
  datasetChosen: boolean
  /** `--read-only`: no write API, no listen, no token; the dataset file is only read. */
  readOnly: boolean
  /** Allowed browser origins. `*` allows any origin. Patterns may end in `:*` for any port. */
  corsOrigins: string[]
  /** Longest query text accepted, in characters (GET and POST). */
  maxQueryLength: number
  /** Largest POST body accepted, in bytes. */
  maxBodyBytes: number
  /** A query running longer than this is stopped and answered with an error. */
  queryTimeoutMs: number
  /** Worker threads that evaluate queries, so one slow query never blocks the others. */
  queryWorkers: number
  /** Host names this server answers besides its own address, localhost and IP addresses (ALLOWED_HOSTS). */
  allowedHosts: string[]
  /** A query waiting longer than this for a free worker is refused with 503. */
  queryQueueTimeoutMs: number
  /** Queries waiting beyond this many are refused at once with 503. */
  maxQueuedQueries: number
  /** A query running longer than this counts as long-running; so do later runs of the same query text. */
  longQueryMs: number
  /** How many query workers long-running queries may hold at once; the rest stay free for quick ones. */
  maxLongQueryWorkers: number
  /** Deepest nesting of JSON in params and request bodies. */
  maxJsonDepth: number
  /** Deepest nesting of brackets in a GROQ query. */
  maxGroqDepth: number
  /** Largest JSON answer built and held for one response, in bytes. */
  maxResponseBytes: number
  /** A response not fully sent after this long (a client that stopped reading) is cut off. */
  responseTimeoutMs: number
  /** Total size of the query answers kept for repeated queries, in bytes. */
  resultCacheBytes: number
  /** A preview page taking longer than this to render is stopped and answered with 503. */
  renderTimeoutMs: number
  /** Worker threads that render preview pages. */
  previewWorkers: number
  /** Whether a changed dataset file is picked up as a new version while the server runs. */
  watchDataset: boolean
  /** Open Live Content API streams at most; one more gets a `goaway` event and is closed. */
  maxLiveConnections: number
  /** Open presence sockets (the Studio's "who else is here") at most; one more is refused with 503. */
  maxPresenceConnections: number
  /** A listen or live stream with more bytes of events than this not yet taken by its client is disconnected. */
  listenBufferBytes: number
  /** All listeners together may hold this many bytes not yet taken; beyond it, those holding most are disconnected. */
  listenBufferTotalBytes: number
  /** Query answers being sent at once may hold this many bytes together; one more is refused with 503 until they drain. */
  maxOpenAnswerBytes: number
  /** The history file may grow to this many bytes; beyond it, the oldest transactions are dropped. */
  historyMaxBytes: number
  /** Transactions older than this many days are dropped from the history; 0 keeps them regardless of age. */
  historyRetentionDays: number
}

export class ConfigError extends Error {
  override name = 'ConfigError'
}

const DATASET_NAME_PATTERN = /^[a-z0-9][a-z0-9_-]{0,63}$/

function positiveInteger(value: string | undefined, name: string, fallback: number, {allowZero = false} = {}): number {
  if (value === undefined || value === '') return fallback
  const parsed = Number(value)
  if (!Number.isInteger(parsed) || parsed < (allowZero ? 0 : 1)) {
    throw new ConfigError(`${name} must be a whole number${allowZero ? '' : ' above 0'}, got "${value}".`)
  }
  return parsed
}

function readFlags(argv: readonly string[]): Map<string, string> {
  const flags = new Map<string, string>()
  for (let index = 0; index < argv.length; index++) {
    const argument = argv[index] ?? ''
    if (!argument.startsWith('--')) throw new ConfigError(`Unexpected argument "${argument}". Options: --dataset <path.ndjson>, --port <n>, --host <address>, --read-only.`)
    if (argument === '--read-only') {
      flags.set('read-only', 'true')
      continue
    }
    const equals = argument.indexOf('=')
    const name = equals === -1 ? argument.slice(2) : argument.slice(2, equals)
    const value = equals === -1 ? argv[index + 1] : argument.slice(equals + 1)
    if (equals === -1) index++
    if (!['dataset', 'port', 'host'].includes(name)) throw new ConfigError(`Unknown option --${name}. Options: --dataset <path.ndjson>, --port <n>, --host <address>, --read-only.`)
    if (value === undefined || value === '' || value.startsWith('--')) throw new ConfigError(`Option --${name} needs a value.`)
    flags.set(name, value)
  }
  return flags
}

/** Reads the server settings from command-line flags first, then environment variables, then defaults. */
export function readServerConfig(argv: readonly string[], env: NodeJS.ProcessEnv, cwd = process.cwd()): ServerConfig {
  const flags = readFlags(argv)
  const datasetFlag = flags.get('dataset')
  const datasetPath = path.resolve(cwd, datasetFlag ?? DEFAULT_DATASET_PATH)
  if (!datasetPath.endsWith('.ndjson')) throw new ConfigError(`--dataset must name an .ndjson file, got "${datasetFlag}".`)
  const datasetName = path.basename(datasetPath, '.ndjson')
  if (!DATASET_NAME_PATTERN.test(datasetName)) {
    throw new ConfigError(`The dataset file name "${datasetName}" is not a valid dataset name: use lowercase letters, digits, "-" and "_".`)
  }
  const corsOrigins = (env.CORS_ORIGINS ?? 'http://localhost:*,http://127.0.0.1:*')
    .split(',')
    .map((origin) => origin.trim())
    .filter((origin) => origin !== '')
  const host = flags.get('host') ?? env.HOST ?? '127.0.0.1'
  const remoteAccess = env.ALLOW_REMOTE_ACCESS === '1' || env.ALLOW_REMOTE_ACCESS === 'true'
  if (!isLoopbackHost(host) && !remoteAccess) {
    throw new ConfigError(
      `HOST ${host} is reachable from other machines, and this server is meant for this one: use 127.0.0.1 (the default). To serve others on purpose, set ALLOW_REMOTE_ACCESS=1; the Studio then gets no write token, and writes need the token in every request.`,
    )
  }
  const queryWorkers = positiveInteger(env.QUERY_WORKERS, 'QUERY_WORKERS', Math.min(4, Math.max(2, availableParallelism())))
  return {
    host,
    remoteAccess,
    port: positiveInteger(flags.get('port') ?? env.PORT, 'PORT', 3333, {allowZero: true}),
    datasetPath,
    datasetName,
    datasetChosen: datasetFlag !== undefined,
    readOnly: flags.has('read-only'),
    corsOrigins,
    maxQueryLength: positiveInteger(env.MAX_QUERY_LENGTH, 'MAX_QUERY_LENGTH', 16 * 1024),
    maxBodyBytes: positiveInteger(env.MAX_BODY_BYTES, 'MAX_BODY_BYTES', 256 * 1024),
    queryTimeoutMs: positiveInteger(env.QUERY_TIMEOUT_MS, 'QUERY_TIMEOUT_MS', 5_000),
    queryWorkers,
    allowedHosts: (env.ALLOWED_HOSTS ?? '')
      .split(',')
      .map((host) => host.trim().toLowerCase())
      .filter((host) => host !== ''),
    queryQueueTimeoutMs: positiveInteger(env.QUERY_QUEUE_TIMEOUT_MS, 'QUERY_QUEUE_TIMEOUT_MS', 5_000),
    maxQueuedQueries: positiveInteger(env.MAX_QUEUED_QUERIES, 'MAX_QUEUED_QUERIES', 256),
    longQueryMs: positiveInteger(env.LONG_QUERY_MS, 'LONG_QUERY_MS', 250),
    maxLongQueryWorkers: positiveInteger(env.MAX_LONG_QUERY_WORKERS, 'MAX_LONG_QUERY_WORKERS', Math.max(1, queryWorkers - 1)),
    maxJsonDepth: positiveInteger(env.MAX_JSON_DEPTH, 'MAX_JSON_DEPTH', 64),
    maxGroqDepth: positiveInteger(env.MAX_GROQ_DEPTH, 'MAX_GROQ_DEPTH', 64),
    maxResponseBytes: positiveInteger(env.MAX_RESPONSE_BYTES, 'MAX_RESPONSE_BYTES', 32 * 1024 * 1024),
    responseTimeoutMs: positiveInteger(env.RESPONSE_TIMEOUT_MS, 'RESPONSE_TIMEOUT_MS', 60_000),
    resultCacheBytes: positiveInteger(env.RESULT_CACHE_BYTES, 'RESULT_CACHE_BYTES', 64 * 1024 * 1024, {allowZero: true}),
    renderTimeoutMs: positiveInteger(env.RENDER_TIMEOUT_MS, 'RENDER_TIMEOUT_MS', 10_000),
    previewWorkers: positiveInteger(env.PREVIEW_WORKERS, 'PREVIEW_WORKERS', 1),
    watchDataset: env.WATCH_DATASET !== '0' && env.WATCH_DATASET !== 'false',
    maxLiveConnections: positiveInteger(env.MAX_LIVE_CONNECTIONS, 'MAX_LIVE_CONNECTIONS', 1000),
    maxPresenceConnections: positiveInteger(env.MAX_PRESENCE_CONNECTIONS, 'MAX_PRESENCE_CONNECTIONS', 100),
    listenBufferBytes: positiveInteger(env.LISTEN_BUFFER_BYTES, 'LISTEN_BUFFER_BYTES', 8 * 1024 * 1024),
    listenBufferTotalBytes: positiveInteger(env.LISTEN_BUFFER_TOTAL_BYTES, 'LISTEN_BUFFER_TOTAL_BYTES', 128 * 1024 * 1024),
    maxOpenAnswerBytes: positiveInteger(env.MAX_OPEN_ANSWER_BYTES, 'MAX_OPEN_ANSWER_BYTES', 128 * 1024 * 1024),
    historyMaxBytes: positiveInteger(env.HISTORY_MAX_BYTES, 'HISTORY_MAX_BYTES', DEFAULT_HISTORY_RETENTION.maxBytes),
    historyRetentionDays: positiveInteger(env.HISTORY_RETENTION_DAYS, 'HISTORY_RETENTION_DAYS', DEFAULT_HISTORY_RETENTION.retentionDays, {allowZero: true}),
  }
}
