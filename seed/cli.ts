import {createClient} from '@sanity/client'
import {existsSync, readFileSync, rmSync, statSync} from 'node:fs'
import {relative, resolve} from 'node:path'
import {fileURLToPath} from 'node:url'
import {parseArgs} from 'node:util'
import {importDocuments, REQUEST_TIMEOUT_MS, type ImportMode} from './contentLake'
import {journalPathFor} from './datasetFiles'
import {withoutSystemFields} from './documentContent'
import {describeWriteError, parseNdjsonDocuments, toNdjson} from './ndjson'
import {countByType, formatProblem, prepareSeed, writeSeededDataset, type PreparedSeed} from './pipeline'
import {findLocalEdits} from './seedRecord'

export const DEFAULT_OUTPUT = fileURLToPath(new URL('../dataset/production.ndjson', import.meta.url))

/** Pinned so that reads and writes behave the same whenever the seed runs. */
const API_VERSION = '2025-02-19'

const USAGE = `Usage: npm run seed -- [options]

  --target local|sanity  local (default) writes dataset/production.ndjson;
                         sanity imports into a Content Lake dataset
  --out <file>           where the local target writes (default dataset/production.ndjson)
  --source <file>        the source text (default seed/source/pelvic-floor-leaflet.txt)
  --discard-edits        local: overwrite a dataset that holds local edits (they are lost)
  --from <file.ndjson>   sanity: import the documents of this file (e.g. a dataset
                         edited through npm start) instead of building from the source
  --replace              sanity: overwrite documents that differ (createOrReplace)
  --dry-run              sanity: show per document what would happen; write nothing
  --help                 show this text

The sanity target needs SANITY_STUDIO_PROJECT_ID, SANITY_STUDIO_DATASET and
SANITY_API_WRITE_TOKEN. SANITY_API_HOST points it at another API host.`

export interface CliIo {
  env: NodeJS.ProcessEnv
  out: (line: string) => void
  err: (line: string) => void
}

function reportFailure(prepared: Extract<PreparedSeed, {ok: false}>, io: CliIo): number {
  io.err(`✗ ${prepared.stage}: ${prepared.problems.length} problem(s)`)
  for (const problem of prepared.problems) io.err(`  ${formatProblem(problem)}`)
  io.err('Nothing was written.')
  return 1
}

function reportWarnings(prepared: Extract<PreparedSeed, {ok: true}>, io: CliIo): void {
  if (prepared.warnings.length === 0) return
  io.out(`Warnings (${prepared.warnings.length}; not blocking, shown to editors in the Studio too):`)
  for (const warning of prepared.warnings) io.out(`  ${formatProblem(warning)}`)
}

function reportCounts(prepared: Extract<PreparedSeed, {ok: true}>, io: CliIo): void {
  for (const [type, count] of countByType(prepared.documents)) io.out(`  ${type.padEnd(20)} ${String(count).padStart(3)}`)
  io.out(`  ${'total'.padEnd(20)} ${String(prepared.documents.length).padStart(3)}`)
}

/** Runs the seed and returns the exit code; kept apart from process handling so it can be tested in-process. */
export async function runSeed(argv: string[], io: CliIo): Promise<number> {
  let args
  try {
    args = parseArgs({
      args: argv,
      options: {
        target: {type: 'string', default: 'local'},
        out: {type: 'string'},
        source: {type: 'string'},
        replace: {type: 'boolean', default: false},
        'discard-edits': {type: 'boolean', default: false},
        from: {type: 'string'},
        'dry-run': {type: 'boolean', default: false},
        help: {type: 'boolean', default: false},
      },
      strict: true,
    }).values
  } catch (error) {
    io.err(error instanceof Error ? error.message : String(error))
    io.err(USAGE)
    return 2
  }
  if (args.help) {
    io.out(USAGE)
    return 0
  }
  if (args.target !== 'local' && args.target !== 'sanity') {
    io.err(`Unknown target "${args.target}": use "local" or "sanity".`)
    return 2
  }

  let client
  if (args.target === 'sanity') {
    const required = ['SANITY_STUDIO_PROJECT_ID', 'SANITY_STUDIO_DATASET', 'SANITY_API_WRITE_TOKEN'] as const
    const missing = required.filter((name) => !io.env[name])
    if (missing.length > 0) {
      io.err(`The sanity target needs ${missing.join(', ')} in the environment. Nothing was imported.`)
      return 2
    }
    const apiHost = io.env.SANITY_API_HOST
    client = createClient({
      projectId: io.env.SANITY_STUDIO_PROJECT_ID,
      dataset: io.env.SANITY_STUDIO_DATASET,
      token: io.env.SANITY_API_WRITE_TOKEN,
      apiVersion: API_VERSION,
      useCdn: false,
      // Retries are done by the import itself, with backoff and progress output.
      maxRetries: 0,
      // A hung request fails after this long and is retried, instead of waiting minutes.
      timeout: REQUEST_TIMEOUT_MS,
      ...(apiHost ? {apiHost, useProjectHostname: false} : {}),
    })
  } else if (args.replace || args['dry-run'] || args.from !== undefined) {
    io.err('--replace, --dry-run and --from apply to --target sanity only.')
    return 2
  }
  if (client !== undefined && args['discard-edits']) {
    io.err('--discard-edits applies to the local target only.')
    return 2
  }

  if (args.from === undefined) io.out('Building the dataset from the source text and validating it…')
  const prepareOptions = args.source ? {sourcePath: resolve(args.source)} : {}

  if (client === undefined) {
    const output = args.out ? resolve(args.out) : DEFAULT_OUTPUT
    const shown = relative(process.cwd(), output) || output
    if (existsSync(output) && statSync(output).isDirectory()) {
      io.err(`✗ ${describeWriteError({code: 'EISDIR'}, shown)}`)
      return 2
    }
    const prepared = await prepareSeed(prepareOptions)
    if (!prepared.ok) return reportFailure(prepared, io)
    const text = toNdjson(prepared.documents)
    const edits = findLocalEdits(output, text)
    if (edits !== null && !args['discard-edits']) {
      io.err(`✗ ${shown} holds local edits: ${edits}.`)
      io.err('Nothing was written; the seed never overwrites saved edits. Choose one:')
      io.err(`  keep them:    move them to the Content Lake with  npm run seed -- --target sanity --from ${shown} --replace`)
      io.err(`                or copy ${shown} somewhere safe first`)
      io.err('  write elsewhere:  npm run seed -- --out <other.ndjson>')
      io.err('  discard them: npm run seed -- --discard-edits')
      return 1
    }
    try {
      writeSeededDataset(text, output, prepareOptions)
    } catch (error) {
      io.err(`✗ ${describeWriteError(error, shown)}`)
      return 1
    }
    if (edits !== null) {
      // The journal's transactions are edits too; left in place, the next start would replay them over the new seed.
      rmSync(journalPathFor(output), {force: true})
      io.out(`Discarded the local edits in ${shown}.`)
    }
    reportWarnings(prepared, io)
    io.out(`✓ ${prepared.documents.length} documents valid. Per type:`)
    reportCounts(prepared, io)
    io.out(`Wrote ${shown}`)
    return 0
  }

  let prepared: Extract<PreparedSeed, {ok: true}>
  if (args.from !== undefined) {
    const from = resolve(args.from)
    if (!existsSync(from)) {
      io.err(`--from: ${from} does not exist. Nothing was imported.`)
      return 2
    }
    try {
      // The file's documents go as they are, checked by the Studio that made them; the revision and times the local Lake gave them are its own, not the project's.
      const documents = parseNdjsonDocuments(readFileSync(from, 'utf8'), from).map(withoutSystemFields)
      prepared = {ok: true, documents, provenance: [], warnings: []}
    } catch (error) {
      io.err(`--from: ${error instanceof Error ? error.message : String(error)}. Nothing was imported.`)
      return 2
    }
    io.out(`Importing the ${prepared.documents.length} documents of ${relative(process.cwd(), from) || from}.`)
  } else {
    // The import starts only after the whole dataset has passed every check.
    const built = await prepareSeed(prepareOptions)
    if (!built.ok) return reportFailure(built, io)
    prepared = built
    reportWarnings(prepared, io)
  }
  const mode: ImportMode = args.replace ? 'createOrReplace' : 'createIfNotExists'
  const dataset = io.env.SANITY_STUDIO_DATASET ?? ''
  io.out(`✓ ${prepared.documents.length} documents valid. ${args['dry-run'] ? 'Dry run against' : 'Importing into'} dataset "${dataset}" (${mode})…`)
  try {
    const summary = await importDocuments(client, prepared.documents, {mode, dryRun: args['dry-run'], log: io.out})
    const {create, replace, unchanged, kept} = summary.counts
    const verb = args['dry-run'] ? 'would be ' : ''
    io.out(
      `${args['dry-run'] ? 'Dry run, nothing written' : '✓ Done'}: ${create} ${verb}created, ${replace} ${verb}replaced, ${unchanged} unchanged, ${kept} kept as edited` +
        (args['dry-run'] ? '.' : ` (${summary.transactions} transaction(s)).`),
    )
    return 0
  } catch (error) {
    io.err(`✗ Import stopped: ${error instanceof Error ? error.message : String(error)}`)
    io.err('Documents already written stay; run the same command again to finish the import.')
    return 1
  }
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const code = await runSeed(process.argv.slice(2), {
    env: process.env,
    out: (line) => console.log(line),
    err: (line) => console.error(line),
  })
  process.exitCode = code
}
