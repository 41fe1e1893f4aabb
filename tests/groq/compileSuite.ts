import {createHash} from 'node:crypto'
import {readdirSync, readFileSync, statSync} from 'node:fs'
import path from 'node:path'
import {parse as parseYaml} from 'yaml'

/**
 * Compiles the YAML files of the GROQ conformance suite
 * (github.com/sanity-io/groq-test-suite, test/**\/*.yml) into datasets and
 * tests, following the rules its README and build describe: nested tests
 * inherit from their parent, `documents` define an inline dataset,
 * `~name~` placeholders expand into every combination of `variables`, and a
 * variable that is a JSON value also yields filter, fetch and join variants
 * over one generated dataset.
 */

export interface SuiteDataset {
  id: string
  name: string
  /** Null for datasets the suite downloads (movies); those tests are left out offline. */
  documents: unknown[] | null
}

export interface SuiteTest {
  name: string
  filename: string
  query: string
  result: unknown
  valid: boolean
  version: string | null
  features: string[]
  params: Record<string, unknown> | null
  dataset: string
}

export interface CompiledSuite {
  datasets: SuiteDataset[]
  tests: SuiteTest[]
}

type Node = Record<string, unknown>

const PLACEHOLDER = /~(\w+)~/g
const EMPTY_DATASET = 'empty'
const GENERATED_DATASET = 'generated'

class Names {
  private readonly used = new Set<string>()
  next(...parts: Array<string | null | undefined>): string {
    const base = parts
      .filter((part): part is string => typeof part === 'string')
      .map((part) => part.toLowerCase().replace(/[^a-zA-Z0-9.]+/g, '-'))
      .join('-')
    let name = base
    for (let counter = 2; this.used.has(name); counter++) name = `${base}-${counter}`
    this.used.add(name)
    return name
  }
}

/** Every choice of one alternative per placeholder occurrence, the first occurrence changing fastest. */
function* combinations(variables: Node, keys: readonly string[]): Generator<unknown[]> {
  const choices = keys.map((key) => {
    const value = variables[key]
    return Array.isArray(value) ? value : [value]
  })
  const position = choices.map(() => 0)
  for (;;) {
    yield position.map((index, slot) => choices[slot]?.[index])
    let slot = 0
    while (slot < position.length) {
      position[slot] = (position[slot] ?? 0) + 1
      if ((position[slot] ?? 0) < (choices[slot]?.length ?? 1)) break
      position[slot] = 0
      slot++
    }
    if (slot === position.length) return
  }
}

function fill(query: string, values: readonly unknown[]): string {
  let index = 0
  return query.replace(PLACEHOLDER, () => String(values[index++]))
}

export function compileSuite(testDirectory: string): CompiledSuite {
  const datasets: SuiteDataset[] = [{id: EMPTY_DATASET, name: 'empty', documents: []}]
  const tests: SuiteTest[] = []
  const names = new Names()
  const generatedDocuments: Node[] = []
  const generatedNames = new Names()
  const generatedByJson = new Map<string, {docId: string; field: string} | null>()
  const urlDatasets = new Map<string, string>()

  function generatedValue(json: unknown): {docId: string; field: string} | null {
    const text = String(json)
    if (generatedByJson.has(text)) return generatedByJson.get(text) ?? null
    let entry: {docId: string; field: string} | null = null
    try {
      const value: unknown = JSON.parse(text)
      entry = {docId: generatedNames.next('d'), field: generatedNames.next('f').replace(/-/g, '_')}
      generatedDocuments.push({_id: entry.docId, _type: 'doc', [entry.field]: value})
    } catch {
      entry = null
    }
    generatedByJson.set(text, entry)
    return entry
  }

  function emit(test: Node, filename: string): void {
    const valid = test.valid !== false
    const version = test.version
    tests.push({
      name: String(test.name ?? ''),
      filename,
      query: String(test.query),
      result: valid ? (test.result ?? null) : null,
      valid,
      version: version === undefined || version === null ? null : String(version),
      features: Array.isArray(test.features) ? test.features.map(String) : [],
      params: typeof test.params === 'object' && test.params !== null ? (test.params as Record<string, unknown>) : null,
      dataset: typeof test.dataset === 'string' ? test.dataset : EMPTY_DATASET,
    })
  }

  function* expand(test: Node): Generator<Node> {
    const query = String(test.query)
    const variables = (test.variables ?? {}) as Node
    const keys = [...query.matchAll(PLACEHOLDER)].map((match) => match[1] ?? '')
    const standalone = Array.isArray(test.standaloneVariables) ? test.standaloneVariables.map(String) : null
    const isStandalone = (key: string) => standalone === null || standalone.includes(key)
    const {result} = test
    for (const values of combinations(variables, keys)) {
      yield {query: fill(query, values)}
      if (test.genFetch === false && test.genFilter === false && test.genJoin === false) continue
      if (test.dataset !== undefined) continue
      for (let index = 0; index < keys.length; index++) {
        if (!isStandalone(keys[index] ?? '')) continue
        const generated = generatedValue(values[index])
        if (!generated) continue
        const fetchDocument = `*[_id == ${JSON.stringify(generated.docId)}]`
        if (test.genFilter !== false) {
          const filter = fill(
            query,
            values.map((value, slot) => (slot === index ? generated.field : value)),
          )
          yield {query: `${fetchDocument}[${filter}][]._id`, result: result === true ? [generated.docId] : [], dataset: GENERATED_DATASET}
          yield {query: `${fetchDocument}[!(${filter})][]._id`, result: result === false ? [generated.docId] : [], dataset: GENERATED_DATASET}
        }
        if (test.genFetch !== false) {
          yield {
            query: fill(
              query,
              values.map((value, slot) => (slot === index ? `${fetchDocument}[0].${generated.field}` : value)),
            ),
            dataset: GENERATED_DATASET,
          }
        }
        if (test.genJoin !== false && (typeof result === 'boolean' || result === null)) {
          for (let other = index + 1; other < keys.length; other++) {
            if (!isStandalone(keys[other] ?? '')) continue
            const second = generatedValue(values[other])
            if (!second) continue
            const filter = fill(
              query,
              values.map((value, slot) => (slot === index ? `^.${generated.field}` : slot === other ? second.field : value)),
            )
            const inner = `*[_id == ${JSON.stringify(second.docId)}][${filter}]`
            yield {
              query: `${fetchDocument}{"children":${inner}[]._id}`,
              result: [{children: result === true ? [second.docId] : []}],
              dataset: GENERATED_DATASET,
            }
          }
        }
      }
    }
  }

  function process(input: Node, filename: string): void {
    const {documents, dataset, ...rest} = input
    let test: Node = rest
    if (Array.isArray(documents)) {
      const id = names.next(createHash('sha1').update(filename).digest('hex'))
      datasets.push({id, name: 'inline', documents})
      test = {...rest, dataset: id}
    } else if (typeof dataset === 'string' && !datasets.some((known) => known.id === dataset) && dataset !== GENERATED_DATASET) {
      let id = urlDatasets.get(dataset)
      if (!id) {
        id = `url-${dataset}`
        urlDatasets.set(dataset, id)
        datasets.push({id, name: dataset, documents: null})
      }
      test = {...rest, dataset: id}
    } else if (dataset !== undefined) {
      test = {...rest, dataset}
    }
    const hasQuery = test.query !== undefined && test.query !== null
    if (hasQuery && ('result' in test || test.valid === false)) {
      if (test.variables !== undefined && test.variables !== null) {
        for (const variant of expand(test)) emit({...test, ...variant}, filename)
      } else if (!new RegExp(PLACEHOLDER.source).test(String(test.query))) {
        emit(test, filename)
      }
    }
    if (Array.isArray(test.tests)) {
      for (const child of test.tests as Node[]) {
        const name = test.name !== undefined && child.name !== undefined ? `${String(test.name)} / ${String(child.name)}` : (child.name ?? test.name)
        const variables = test.variables != null || child.variables != null ? {...(test.variables as Node | undefined), ...(child.variables as Node | undefined)} : null
        process({...test, tests: null, ...child, name, variables}, filename)
      }
    }
  }

  for (const file of yamlFiles(testDirectory)) {
    const filename = path.relative(testDirectory, file)
    process(parseYaml(readFileSync(file, 'utf8'), {version: '1.1'}) as Node, filename)
  }
  datasets.push({id: GENERATED_DATASET, name: 'generated', documents: generatedDocuments})
  return {datasets, tests}
}

function yamlFiles(directory: string): string[] {
  const files: string[] = []
  for (const entry of readdirSync(directory).sort()) {
    const full = path.join(directory, entry)
    if (statSync(full).isDirectory()) files.push(...yamlFiles(full))
    else if (entry.endsWith('.yml')) files.push(full)
  }
  return files
}
