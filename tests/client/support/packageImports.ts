import {readdirSync, readFileSync} from 'node:fs'
import {builtinModules} from 'node:module'
import path from 'node:path'
import ts from 'typescript'

export const ROOT = path.resolve(import.meta.dirname, '../../..')

export interface Manifest {
  dependencies?: Record<string, string>
  peerDependencies?: Record<string, string>
}

export function readManifest(): Manifest {
  return JSON.parse(readFileSync(path.join(ROOT, 'package.json'), 'utf8')) as Manifest
}

/** `@sanity/client/stega` → `@sanity/client`, `sanity/structure` → `sanity`; null for Node's own modules. */
function packageName(specifier: string): string | null {
  if (specifier.startsWith('node:') || builtinModules.includes(specifier)) return null
  const parts = specifier.split('/')
  return specifier.startsWith('@') ? parts.slice(0, 2).join('/') : (parts[0] ?? specifier)
}

/** What dist/ may import at run time or from its types: the regular dependencies and the peers. */
export function expectedDependencies(imported: ReadonlySet<string>, manifest: Manifest): string[] {
  const peers = new Set(Object.keys(manifest.peerDependencies ?? {}))
  return [...imported].filter((name) => !peers.has(name)).sort()
}

function parsedBuildConfig(): ts.ParsedCommandLine {
  const host: ts.ParseConfigFileHost = {
    ...ts.sys,
    onUnRecoverableConfigFileDiagnostic: (diagnostic) => {
      throw new Error(ts.flattenDiagnosticMessageText(diagnostic.messageText, '\n'))
    },
  }
  const config = ts.getParsedCommandLineOfConfigFile(path.join(ROOT, 'tsconfig.build.json'), {}, host)
  if (!config) throw new Error('tsconfig.build.json could not be read')
  return config
}

/**
 * The packages that the files `npm run build` compiles import: tsconfig.build.json's
 * roots and, as tsc does, every source file they reach through relative imports.
 * Type-only imports count too: the .d.ts files keep those the public types name
 * (client/jsonLd.ts and schema-dts).
 */
export function packagesImportedBySources(): Set<string> {
  const config = parsedBuildConfig()
  const queue = [...config.fileNames]
  const seen = new Set<string>()
  const packages = new Set<string>()
  for (let file = queue.pop(); file !== undefined; file = queue.pop()) {
    if (seen.has(file)) continue
    seen.add(file)
    for (const {fileName: specifier} of ts.preProcessFile(readFileSync(file, 'utf8'), true, true).importedFiles) {
      if (!specifier.startsWith('.')) {
        const name = packageName(specifier)
        if (name) packages.add(name)
        continue
      }
      const resolved = ts.resolveModuleName(specifier, file, config.options, ts.sys).resolvedModule
      if (!resolved) throw new Error(`${path.relative(ROOT, file)}: cannot resolve "${specifier}"`)
      if (/(?<!\.d)\.tsx?$/u.test(resolved.resolvedFileName)) queue.push(resolved.resolvedFileName)
    }
  }
  return packages
}

const SPECIFIER = /(?:\bfrom\s*|\bimport\s*\(\s*|\bimport\s+)(['"])([^'"]+)\1/gu

/** The packages that compiled .js and .d.ts files under `directory` import. */
export function packagesImportedByBuild(directory: string): Set<string> {
  const packages = new Set<string>()
  const files = readdirSync(directory, {recursive: true, withFileTypes: true}).filter((entry) => entry.isFile() && /\.(js|d\.ts)$/u.test(entry.name))
  for (const entry of files) {
    for (const [, , specifier] of readFileSync(path.join(entry.parentPath, entry.name), 'utf8').matchAll(SPECIFIER)) {
      if (specifier === undefined || specifier.startsWith('.')) continue
      const name = packageName(specifier)
      if (name) packages.add(name)
    }
  }
  return packages
}
