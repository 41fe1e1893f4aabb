import path from 'node:path'
import {availableParallelism} from 'node:os'

export const DEFAULT_DATASET_PATH = 'dataset/production.ndjson'

export interface ServerConfig {
  host: string
  port: number
  /** The NDJSON file the API and the preview serve. */
  datasetPath: string
  /** The `{dataset}` segment of API URLs: the file name without `.ndjson`. */
  datasetName: string
  /** Whether the dataset was chosen with `--dataset`, so `npm start` leaves the seed alone. */
  datasetChosen: boolean
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
    if (!argument.startsWith('--')) throw new ConfigError(`Unexpected argument "${argument}". Options: --dataset <path.ndjson>, --port <n>, --host <address>.`)
    const equals = argument.indexOf('=')
    const name = equals === -1 ? argument.slice(2) : argument.slice(2, equals)
    let value = equals === -1 ? argv[index + 1] : argument.slice(equals + 1)
    if (equals === -1) index++
    if (!['dataset', 'port', 'host'].includes(name)) throw new ConfigError(`Unknown option --${name}. Options: --dataset <path.ndjson>, --port <n>, --host <address>.`)
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
  return {
    host: flags.get('host') ?? env.HOST ?? '127.0.0.1',
    port: positiveInteger(flags.get('port') ?? env.PORT, 'PORT', 3333, {allowZero: true}),
    datasetPath,
    datasetName,
    datasetChosen: datasetFlag !== undefined,
    corsOrigins,
    maxQueryLength: positiveInteger(env.MAX_QUERY_LENGTH, 'MAX_QUERY_LENGTH', 16 * 1024),
    maxBodyBytes: positiveInteger(env.MAX_BODY_BYTES, 'MAX_BODY_BYTES', 256 * 1024),
    queryTimeoutMs: positiveInteger(env.QUERY_TIMEOUT_MS, 'QUERY_TIMEOUT_MS', 5_000),
    queryWorkers: positiveInteger(env.QUERY_WORKERS, 'QUERY_WORKERS', Math.min(4, Math.max(2, availableParallelism()))),
  }
}
