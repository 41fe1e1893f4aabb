import {buildDocuments, type Provenance, type SeedProblem} from './build'
import type {DraftDocument, SeedDocument} from './draft'
import {checkIntegrity} from './integrity'
import {mappedDocuments} from './mapping'
import {readFileSync} from 'node:fs'
import {resolve} from 'node:path'
import {toNdjson, writeFileAtomically} from './ndjson'
import {contentHash, seedSourcesHash, writeSeedRecord} from './seedRecord'
import {SourceError, SourceText, SOURCE_PATH} from './sourceText'
import {validateSeed} from './validate'

export interface PrepareOptions {
  sourcePath?: string
  /** The mapping to build; defaults to the project's mapping in seed/mapping. */
  drafts?: readonly DraftDocument[]
}

export type PreparedSeed =
  {ok: true; documents: SeedDocument[]; provenance: Provenance[]; warnings: SeedProblem[]} | {ok: false; stage: string; problems: SeedProblem[]; warnings: SeedProblem[]}

/**
 * Everything that must succeed before anything is written anywhere: reading
 * the source, building the documents, dataset-wide integrity and the Studio's
 * validation rules.
 */
export async function prepareSeed(options: PrepareOptions = {}): Promise<PreparedSeed> {
  const sourcePath = options.sourcePath ?? SOURCE_PATH
  let source: SourceText
  try {
    source = SourceText.load(sourcePath)
  } catch (error) {
    const unreadable = (error as {code?: unknown} | null)?.code === 'ENOENT'
    if (!(error instanceof SourceError) && !unreadable) throw error
    const message = unreadable ? 'the source file does not exist' : (error as Error).message
    return {ok: false, stage: 'Reading the source text', problems: [{documentId: '(source)', path: sourcePath, message}], warnings: []}
  }
  const built = buildDocuments(source, options.drafts ?? mappedDocuments())
  if (!built.ok) return {ok: false, stage: `Reading passages from ${sourcePath}`, problems: built.problems, warnings: []}

  const integrity = checkIntegrity(built.documents)
  if (integrity.length > 0) return {ok: false, stage: 'Checking ids, slugs and references', problems: integrity, warnings: []}

  const report = await validateSeed(built.documents)
  if (report.errors.length > 0) return {ok: false, stage: 'Validating against the schema', problems: report.errors, warnings: report.warnings}
  return {ok: true, documents: built.documents, provenance: built.provenance, warnings: report.warnings}
}

export function formatProblem(problem: SeedProblem): string {
  return `${problem.documentId} › ${problem.path}: ${problem.message}`
}

/** Documents per type, in a fixed order. */
export function countByType(documents: readonly SeedDocument[]): Array<[string, number]> {
  const counts = new Map<string, number>()
  for (const document of documents) counts.set(document._type, (counts.get(document._type) ?? 0) + 1)
  return [...counts.entries()].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
}

/** The hash of what a seed run reads: everything under seed/, and the source text when it comes from elsewhere. */
export function seedInputsHash(options: PrepareOptions = {}): string {
  const sources = seedSourcesHash()
  if (options.sourcePath === undefined || resolve(options.sourcePath) === resolve(SOURCE_PATH)) return sources
  return contentHash(`${sources}\0${contentHash(readFileSync(options.sourcePath))}`)
}

/** Writes the dataset file and, beside it, the record of which seed inputs built it and what it held. */
export function writeSeededDataset(text: string, outputPath: string, options: PrepareOptions = {}): void {
  writeFileAtomically(outputPath, text)
  writeSeedRecord(outputPath, {seedSources: seedInputsHash(options), dataset: contentHash(text)})
}

function writeDataset(documents: readonly SeedDocument[], outputPath: string, options: PrepareOptions = {}): void {
  writeSeededDataset(toNdjson(documents), outputPath, options)
}

/** The local target: writes the NDJSON file only when every check passed, so a failed run leaves the previous file as it was. */
export async function seedLocal(outputPath: string, options: PrepareOptions = {}): Promise<PreparedSeed> {
  const prepared = await prepareSeed(options)
  if (prepared.ok) writeDataset(prepared.documents, outputPath, options)
  return prepared
}
