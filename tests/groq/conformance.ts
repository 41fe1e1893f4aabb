import {readFileSync} from 'node:fs'
import {isDeepStrictEqual} from 'node:util'
import {gunzipSync} from 'node:zlib'
import {evaluate, parse} from 'groq-js'
import type {StoredDocument} from '../../client/embedded/dataset'
import type {CompiledSuite, SuiteDataset, SuiteTest} from './compileSuite'

/** The GROQ conformance suite, compiled from its YAML by `npm run groq:compile` (MIT, © Sanity.io). */
export const COMPILED_SUITE = new URL('./suite.json.gz', import.meta.url)

export function loadCompiledSuite(): CompiledSuite {
  return JSON.parse(gunzipSync(readFileSync(COMPILED_SUITE)).toString('utf8')) as CompiledSuite
}

// What groq-js's own runner of this suite leaves out, and why.
const SUPPORTED_FEATURES = new Set(['portableText', 'contentReleases', 'internalDocuments', 'customFunctions'])
/** The GROQ revision groq-js implements, as the runner states it. */
const GROQ_VERSION: readonly [number, number] = [1, 2]
const DISABLED_TESTS: ReadonlyArray<string | RegExp> = ['Filters / documents, nested 3', 'Parameters / Undefined', /score\(\) function \/ Illegal use/]

/** The suite's version ranges: `X.Y` (that minor line), `>= X.Y`. */
function versionSatisfied(range: string | null): boolean {
  if (range === null) return true
  const [major, minor] = GROQ_VERSION
  const atLeast = /^>=\s*(\d+)(?:\.(\d+))?$/.exec(range.trim())
  if (atLeast) {
    const wantMajor = Number(atLeast[1])
    const wantMinor = Number(atLeast[2] ?? 0)
    return major > wantMajor || (major === wantMajor && minor >= wantMinor)
  }
  const exact = /^(\d+)(?:\.(\d+))?$/.exec(range.trim())
  if (exact) return Number(exact[1]) === major && (exact[2] === undefined || Number(exact[2]) === minor)
  return false
}

/** Whether groq-js's runner of the suite runs this test at all. */
export function runnerIncludes(test: SuiteTest, dataset: SuiteDataset | undefined): boolean {
  if (!dataset || dataset.documents === null) return false
  if (!test.features.every((feature) => SUPPORTED_FEATURES.has(feature))) return false
  if (!versionSatisfied(test.version)) return false
  if (!test.valid && test.features.includes('scoring')) return false
  if (/perf/.test(test.filename)) return false
  return !DISABLED_TESTS.some((disabled) => (typeof disabled === 'string' ? disabled === test.name : disabled.test(test.name)))
}

/** Documents as the runner hands them to groq-js: ordered by `_id`. */
export function runnerDocuments(dataset: SuiteDataset): unknown[] {
  const documents = [...(dataset.documents ?? [])]
  const idOf = (document: unknown) => (typeof document === 'object' && document !== null ? (document as {_id?: unknown})._id : undefined)
  return documents.sort((a, b) => {
    const left = idOf(a)
    const right = idOf(b)
    return typeof left === 'string' && typeof right === 'string' ? (left < right ? -1 : left > right ? 1 : 0) : 0
  })
}

/** Scores depend on the engine; the runner compares their rank instead, as `_pos`. */
function replaceScoreWithPosition(value: unknown): void {
  const scored: Array<Record<string, unknown>> = []
  const scores = new Set<number>()
  const visit = (node: unknown) => {
    if (Array.isArray(node)) {
      for (const child of node) visit(child)
    } else if (node !== null && typeof node === 'object') {
      const record = node as Record<string, unknown>
      if (typeof record._score === 'number') {
        scored.push(record)
        scores.add(record._score)
      }
      for (const child of Object.values(record)) visit(child)
    }
  }
  visit(value)
  const ranked = [...scores].sort((a, b) => b - a)
  for (const record of scored) {
    record._pos = ranked.indexOf(record._score as number) + 1
    delete record._score
  }
}

/** A result as the runner compares it: through JSON, with scores as ranks. */
export function asCompared(result: unknown): unknown {
  const data: unknown = JSON.parse(JSON.stringify(result) ?? 'null')
  replaceScoreWithPosition(data)
  return data
}

export type ReferenceOutcome = {valid: true; result: unknown} | {valid: false}

/**
 * Runs a test exactly as groq-js's runner does: parse with the params,
 * evaluate over the documents, compare through JSON. Returns what groq-js
 * gives when it passes the test, or null when groq-js fails it.
 */
export async function groqJsPasses(test: SuiteTest, documents: unknown[]): Promise<ReferenceOutcome | null> {
  const params = test.params ?? {}
  if (!test.valid) {
    try {
      parse(test.query)
    } catch {
      return {valid: false}
    }
    return null
  }
  try {
    const tree = parse(test.query, {params})
    const value = await evaluate(tree, {dataset: documents, params})
    const data = asCompared(await value.get())
    return isDeepStrictEqual(data, test.result) ? {valid: true, result: data} : null
  } catch {
    return null
  }
}

/** Whether the embedded backend and the server can hold the dataset at all: every document needs a string `_id` and `_type`, once. */
export function servableDocuments(documents: unknown[]): StoredDocument[] | null {
  const ids = new Set<string>()
  for (const document of documents) {
    if (typeof document !== 'object' || document === null) return null
    const {_id, _type} = document as {_id?: unknown; _type?: unknown}
    if (typeof _id !== 'string' || _id === '' || typeof _type !== 'string' || _type === '' || ids.has(_id)) return null
    ids.add(_id)
  }
  return documents as StoredDocument[] // checked above
}
