import {isDeepStrictEqual} from 'node:util'
import {createClient, type SanityClient} from '@sanity/client'
import {loadDataset, type DatasetSnapshot} from '../../client/embedded/dataset'
import {evaluateQuery} from '../../client/embedded/evaluate'
import {describeInvalidQuery} from '../../client/embedded/queryErrors'
import {readServerConfig} from '../../lake/config'
import {startServer, type RunningServer} from '../../lake/server'
import {DatasetStore} from '../../lake/store/datasetStore'
import type {CompiledSuite, SuiteTest} from './compileSuite'
import {asCompared, groqJsPasses, runnerDocuments, runnerIncludes, servableDocuments, type ReferenceOutcome} from './conformance'

interface PreparedTest {
  test: SuiteTest
  reference: ReferenceOutcome
  datasetId: string
}

export interface Preparation {
  /** Tests groq-js passes, run the way its runner runs them, by suite file. */
  byFile: Map<string, PreparedTest[]>
  documents: Map<string, ReturnType<typeof servableDocuments>>
  counts: {compiled: number; runnerRuns: number; groqJsPasses: number; unservableDataset: number}
}

export async function prepare(suite: CompiledSuite, select: (test: SuiteTest, index: number) => boolean = () => true): Promise<Preparation> {
  const datasets = new Map(suite.datasets.map((dataset) => [dataset.id, dataset]))
  const sorted = new Map<string, unknown[]>()
  const documents = new Map<string, ReturnType<typeof servableDocuments>>()
  const byFile = new Map<string, PreparedTest[]>()
  const counts = {compiled: suite.tests.length, runnerRuns: 0, groqJsPasses: 0, unservableDataset: 0}
  for (const [index, test] of suite.tests.entries()) {
    const dataset = datasets.get(test.dataset)
    if (!select(test, index) || !runnerIncludes(test, dataset) || !dataset) continue
    counts.runnerRuns++
    let ordered = sorted.get(dataset.id)
    if (!ordered) {
      ordered = runnerDocuments(dataset)
      sorted.set(dataset.id, ordered)
      documents.set(dataset.id, servableDocuments(ordered))
    }
    const reference = await groqJsPasses(test, ordered)
    if (!reference) continue
    counts.groqJsPasses++
    if (!documents.get(dataset.id)) {
      counts.unservableDataset++
      continue
    }
    const list = byFile.get(test.filename) ?? []
    list.push({test, reference, datasetId: dataset.id})
    byFile.set(test.filename, list)
  }
  return {byFile, documents, counts}
}

export interface Differential {
  /** Runs one suite file's tests on both backends; returns a line per difference from groq-js. */
  check(tests: readonly PreparedTest[]): Promise<string[]>
  close(): Promise<void>
}

function describeTest(test: SuiteTest): string {
  return `${test.filename} › ${test.name} › ${test.query.replace(/\s+/g, ' ').trim().slice(0, 160)}`
}

function errorDetails(error: unknown): {statusCode?: number; type?: unknown} {
  if (typeof error !== 'object' || error === null) return {}
  const {statusCode, details} = error as {statusCode?: number; details?: {type?: unknown}}
  return {statusCode, type: details?.type}
}

/** The embedded backend and the server, side by side, over each suite dataset in turn. */
export async function startDifferential(preparation: Preparation): Promise<Differential> {
  const store = DatasetStore.fromDocuments([], 'GROQ conformance suite')
  // Some suite queries are 100,000 characters long; the limits are raised so that they reach the evaluator.
  const server: RunningServer = await startServer(
    readServerConfig(['--port', '0'], {QUERY_WORKERS: '2', WATCH_DATASET: '0', MAX_QUERY_LENGTH: '200000', MAX_BODY_BYTES: '1000000'}),
    {store},
  )
  const client: SanityClient = createClient({
    projectId: 'local',
    dataset: 'production',
    apiHost: server.url,
    useProjectHostname: false,
    useCdn: false,
    apiVersion: '2025-02-19',
    perspective: 'raw',
    maxRetries: 0,
  })
  const snapshots = new Map<string, DatasetSnapshot>()
  let servedDataset: string | null = null

  function serve(datasetId: string): void {
    if (servedDataset === datasetId) return
    const documents = preparation.documents.get(datasetId) ?? []
    // Two versions: an upsert keeps the place of a document with the same _id, and the runner's order is by _id.
    store.publishChangeSet({deletes: store.current().documents.map((document) => document._id), upserts: []})
    store.publishChangeSet({deletes: [], upserts: documents})
    servedDataset = datasetId
  }

  function snapshotOf(datasetId: string): DatasetSnapshot {
    let snapshot = snapshots.get(datasetId)
    if (!snapshot) {
      snapshot = loadDataset(preparation.documents.get(datasetId) ?? [])
      snapshots.set(datasetId, snapshot)
    }
    return snapshot
  }

  return {
    async check(tests) {
      const differences: string[] = []
      // One dataset after another, so that the server switches versions as rarely as possible.
      const byDataset = [...tests].sort((a, b) => (a.datasetId < b.datasetId ? -1 : a.datasetId > b.datasetId ? 1 : 0))
      for (const {test, reference, datasetId} of byDataset) {
        const params = test.params ?? {}
        const snapshot = snapshotOf(datasetId)
        serve(datasetId)
        if (reference.valid) {
          let serverJson: string | null = null
          try {
            const answered: unknown = await client.fetch(test.query, params)
            serverJson = JSON.stringify(answered)
            if (!isDeepStrictEqual(asCompared(answered), reference.result))
              differences.push(`server ${describeTest(test)}: ${serverJson?.slice(0, 200)} ≠ ${JSON.stringify(reference.result)?.slice(0, 200)}`)
          } catch (error) {
            differences.push(`server ${describeTest(test)}: failed ${error instanceof Error ? error.message : String(error)}`)
          }
          // Twice, so that the second answer comes from the memo.
          for (const round of ['first', 'memoised']) {
            try {
              const embedded = await evaluateQuery(snapshot, test.query, params, {perspective: 'raw'})
              const embeddedJson = JSON.stringify(embedded)
              if (!isDeepStrictEqual(asCompared(embedded), reference.result))
                differences.push(`embedded (${round}) ${describeTest(test)}: ${embeddedJson?.slice(0, 200)} ≠ ${JSON.stringify(reference.result)?.slice(0, 200)}`)
              // What the Lake's JSON would hold: plain JSON values (no dateTime or path objects), the same text as the server's answer.
              if (!isDeepStrictEqual(embedded, JSON.parse(embeddedJson ?? 'null'))) differences.push(`embedded (${round}) ${describeTest(test)}: not plain JSON values`)
              if (serverJson !== null && embeddedJson !== serverJson)
                differences.push(`embedded (${round}) ${describeTest(test)}: JSON ${embeddedJson?.slice(0, 200)} ≠ server's ${serverJson.slice(0, 200)}`)
            } catch (error) {
              differences.push(`embedded (${round}) ${describeTest(test)}: threw ${error instanceof Error ? error.message : String(error)}`)
            }
          }
        } else {
          try {
            await evaluateQuery(snapshot, test.query, params, {perspective: 'raw'})
            differences.push(`embedded ${describeTest(test)}: accepted an invalid query`)
          } catch (error) {
            if (describeInvalidQuery(error, test.query) === null) differences.push(`embedded ${describeTest(test)}: not an invalid-query error: ${String(error)}`)
          }
          try {
            await client.fetch(test.query, params)
            differences.push(`server ${describeTest(test)}: accepted an invalid query`)
          } catch (error) {
            const {statusCode, type} = errorDetails(error)
            if (statusCode !== 400 || type !== 'queryParseError')
              differences.push(`server ${describeTest(test)}: answered ${statusCode} ${String(type)} instead of 400 queryParseError`)
          }
        }
      }
      return differences
    },
    close: () => server.close(),
  }
}
