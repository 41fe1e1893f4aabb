import path from 'node:path'
import {fileURLToPath} from 'node:url'
import ts from 'typescript'
import {afterAll, beforeAll, describe, expect, it} from 'vitest'
import type {RunningServer} from '../../lake/server'
import {jsonLdByPage, seededSitePaths, serveSeededPreview} from './support/previewPages'

const PROJECT = fileURLToPath(new URL('../../', import.meta.url))
const JSON_LD_MODULE = path.join(PROJECT, 'client', 'jsonLd')

let server: RunningServer
let pages: Map<string, unknown>

beforeAll(async () => {
  server = await serveSeededPreview()
  pages = await jsonLdByPage(server, await seededSitePaths())
})

afterAll(async () => {
  await server?.close()
})

/**
 * TypeScript source that states each served JSON-LD value as an object
 * literal that must satisfy the schema-dts types: the page as a
 * MedicalWebPage, its main entity as a MedicalCondition (with `cause`, which
 * schema.org has on conditions and schema-dts lacks; see client/jsonLd.ts),
 * or on a treatment page as a PhysicalTherapy.
 * Object literals get excess-property checks, so an unknown property fails
 * as well as a wrong value type.
 */
function checkedSource(values: ReadonlyArray<{name: string; jsonLd: unknown}>): string {
  const lines = ["import type {MedicalWebPage, PhysicalTherapy, WithContext} from 'schema-dts'", `import type {MedicalConditionWithCause} from ${JSON.stringify(JSON_LD_MODULE)}`]
  values.forEach(({name, jsonLd}, index) => {
    const {mainEntity, ...page} = jsonLd as {mainEntity?: unknown}
    lines.push(`// ${name}`)
    lines.push(`export const page${index} = ${JSON.stringify(page)} satisfies WithContext<MedicalWebPage>`)
    const entityType = (mainEntity as {'@type'?: unknown} | undefined)?.['@type'] === 'PhysicalTherapy' ? 'PhysicalTherapy' : 'MedicalConditionWithCause'
    lines.push(`export const entity${index} = ${JSON.stringify(mainEntity)} satisfies ${entityType}`)
  })
  return lines.join('\n')
}

/** Type errors of in-memory files checked against the project's own schema-dts, by file name. */
function typeErrors(files: Record<string, string>): Record<string, string[]> {
  const options: ts.CompilerOptions = {
    strict: true,
    noEmit: true,
    target: ts.ScriptTarget.ES2022,
    module: ts.ModuleKind.ESNext,
    moduleResolution: ts.ModuleResolutionKind.Bundler,
    skipLibCheck: true,
    types: [],
  }
  const virtual = new Map(Object.entries(files).map(([name, text]) => [path.join(PROJECT, name), text]))
  const host = ts.createCompilerHost(options)
  const readFile = host.readFile.bind(host)
  const fileExists = host.fileExists.bind(host)
  const getSourceFile = host.getSourceFile.bind(host)
  host.readFile = (file) => virtual.get(file) ?? readFile(file)
  host.fileExists = (file) => virtual.has(file) || fileExists(file)
  host.getSourceFile = (file, language, onError) => {
    const text = virtual.get(file)
    return text === undefined ? getSourceFile(file, language, onError) : ts.createSourceFile(file, text, language)
  }
  const program = ts.createProgram([...virtual.keys()], options, host)
  const errors: Record<string, string[]> = Object.fromEntries(Object.keys(files).map((name) => [name, []]))
  for (const diagnostic of ts.getPreEmitDiagnostics(program)) {
    const name = diagnostic.file ? path.relative(PROJECT, diagnostic.file.fileName) : '(program)'
    const line = diagnostic.file && diagnostic.start !== undefined ? diagnostic.file.getLineAndCharacterOfPosition(diagnostic.start).line + 1 : 0
    ;(errors[name] ??= []).push(`line ${line}: ${ts.flattenDiagnosticMessageText(diagnostic.messageText, '\n')}`)
  }
  return errors
}

describe('the JSON-LD of every page against the schema-dts types', () => {
  it('type-checks as served, and a wrong value or unknown property would not', () => {
    const served = [...pages].map(([name, jsonLd]) => ({name, jsonLd}))
    expect(served.length).toBeGreaterThanOrEqual(4)
    const first = served[0]?.jsonLd as Record<string, unknown>
    const broken = [
      {name: 'a date as a number', jsonLd: {...first, lastReviewed: 20270110}},
      {name: 'an unknown property', jsonLd: {...first, reviewedOn: '2027-01-10'}},
    ]
    const errors = typeErrors({
      'jsonld-served.generated.ts': checkedSource(served),
      'jsonld-broken.generated.ts': checkedSource(broken),
    })
    expect(errors['jsonld-served.generated.ts']).toEqual([])
    expect(errors['jsonld-broken.generated.ts']).toHaveLength(2)
    expect(Object.keys(errors).sort()).toEqual(['jsonld-broken.generated.ts', 'jsonld-served.generated.ts'])
  })
})
