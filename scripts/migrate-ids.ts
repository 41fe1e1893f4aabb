import {createClient} from '@sanity/client'
import {existsSync, readFileSync, statSync} from 'node:fs'
import path from 'node:path'
import {fileURLToPath} from 'node:url'
import {parseArgs} from 'node:util'
import {journalPathFor} from '../seed/datasetFiles'
import type {SeedDocument} from '../seed/draft'
import {migrateContentLake} from '../seed/migrations/migrateContentLake'
import {migratedDataset, planRootPathIds, type IdMigrationPlan} from '../seed/migrations/rootPathIds'
import {writeFileAtomically} from '../seed/ndjson'

const USAGE = `Usage: npm run migrate:ids -- [--file <dataset.ndjson> | --target sanity] [--apply]

Moves documents from the old ids (condition.verzakking), which the Content
Lake keeps private, to ids on the root path (condition-verzakking), and
rewrites every reference to them. Drafts follow their document; edits are
kept. Without --apply it only shows what it would do.

  --file <path>    a local dataset file (default: the working dataset
                   .lake/production.ndjson); stop npm start first
  --target sanity  the project in SANITY_STUDIO_PROJECT_ID and
                   SANITY_STUDIO_DATASET, with SANITY_API_WRITE_TOKEN
                   (SANITY_API_HOST for another API host), one transaction
                   per batch of at most 100 mutations
  --apply          write; without it, a dry run`

export interface MigrationIo {
  env: NodeJS.ProcessEnv
  out: (line: string) => void
  err: (line: string) => void
}

const projectDirectory = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..')

function describePlan(plan: IdMigrationPlan, io: MigrationIo): void {
  io.out(`${plan.moved.length} document(s) move to an id on the root path; ${plan.rewritten.length} other document(s) get their references rewritten.`)
  for (const {from, to} of plan.moved.slice(0, 20)) io.out(`  ${from} → ${to}`)
  if (plan.moved.length > 20) io.out(`  … and ${plan.moved.length - 20} more`)
}

/** Runs the migration and returns the exit code; kept apart from process handling so that it can be tested in-process. */
export async function runIdMigration(argv: string[], io: MigrationIo): Promise<number> {
  let args
  try {
    args = parseArgs({
      args: argv,
      options: {file: {type: 'string'}, target: {type: 'string'}, apply: {type: 'boolean', default: false}, help: {type: 'boolean', default: false}},
    }).values
  } catch (error) {
    io.err(`${error instanceof Error ? error.message : String(error)}\n\n${USAGE}`)
    return 2
  }
  if (args.help) {
    io.out(USAGE)
    return 0
  }
  if (args.target !== undefined && args.target !== 'sanity') {
    io.err(`--target must be sanity (for a file, use --file); got "${args.target}".`)
    return 2
  }
  if (args.target === 'sanity') {
    if (args.file !== undefined) {
      io.err('Give --file or --target sanity, not both.')
      return 2
    }
    const missing = ['SANITY_STUDIO_PROJECT_ID', 'SANITY_STUDIO_DATASET', 'SANITY_API_WRITE_TOKEN'].filter((name) => !io.env[name])
    if (missing.length > 0) {
      io.err(`--target sanity needs ${missing.join(', ')}.`)
      return 2
    }
    const apiHost = io.env.SANITY_API_HOST
    const client = createClient({
      projectId: io.env.SANITY_STUDIO_PROJECT_ID,
      dataset: io.env.SANITY_STUDIO_DATASET,
      token: io.env.SANITY_API_WRITE_TOKEN,
      apiVersion: '2025-02-19',
      useCdn: false,
      ...(apiHost ? {apiHost, useProjectHostname: false} : {}),
    })
    try {
      const {plan, transactions} = await migrateContentLake(client, {apply: args.apply, batchSize: 100, log: io.out})
      describePlan(plan, io)
      io.out(args.apply ? `✓ Done in ${transactions} transaction(s).` : 'Dry run: nothing was written. Run again with --apply to migrate.')
      return 0
    } catch (error) {
      io.err(`✗ Migration stopped: ${error instanceof Error ? error.message : String(error)}`)
      io.err('What was written stays consistent; run the same command again to finish.')
      return 1
    }
  }

  const file = path.resolve(args.file ?? path.join(projectDirectory, '.lake', 'production.ndjson'))
  const shown = path.relative(process.cwd(), file) || file
  if (!existsSync(file)) {
    io.err(`${shown} does not exist. Nothing was migrated.`)
    return 2
  }
  const journal = journalPathFor(file)
  if (args.apply && existsSync(journal) && statSync(journal).size > 0) {
    io.err(`${shown} has changes in its journal: stop npm start first (Ctrl+C), then migrate. Nothing was written.`)
    return 1
  }
  let documents: SeedDocument[]
  let plan: IdMigrationPlan
  try {
    documents = readFileSync(file, 'utf8')
      .split('\n')
      .filter((line) => line.trim() !== '')
      .map((line) => JSON.parse(line) as SeedDocument) // a dataset file holds one document a line
    plan = planRootPathIds(documents)
  } catch (error) {
    io.err(`✗ ${shown}: ${error instanceof Error ? error.message : String(error)}. Nothing was written.`)
    return 1
  }
  describePlan(plan, io)
  if (!args.apply) {
    io.out('Dry run: nothing was written. Run again with --apply to migrate.')
    return 0
  }
  if (plan.moved.length === 0 && plan.rewritten.length === 0) {
    io.out(`${shown} has no old ids; nothing to do.`)
    return 0
  }
  writeFileAtomically(
    file,
    migratedDataset(documents, plan)
      .map((document) => `${JSON.stringify(document)}\n`)
      .join(''),
  )
  io.out(`✓ Wrote ${shown}.`)
  return 0
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  process.exitCode = await runIdMigration(process.argv.slice(2), {env: process.env, out: console.log, err: console.error})
}
