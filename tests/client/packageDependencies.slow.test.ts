import {execFileSync} from 'node:child_process'
import {mkdtempSync, rmSync} from 'node:fs'
import {tmpdir} from 'node:os'
import path from 'node:path'
import {afterAll, describe, expect, it} from 'vitest'
import {expectedDependencies, packagesImportedByBuild, readManifest, ROOT} from './support/packageImports'

// packageDependencies.test.ts reads the sources; this compiles them as `npm run
// build` does, into a scratch directory, and reads what the output imports.
const outDir = mkdtempSync(path.join(tmpdir(), 'package-build-'))
afterAll(() => rmSync(outDir, {recursive: true, force: true}))

describe('package.json "dependencies"', () => {
  it('are exactly the packages the compiled .js and .d.ts files import, besides the peers', () => {
    execFileSync(process.execPath, [path.join(ROOT, 'node_modules/typescript/bin/tsc'), '-p', path.join(ROOT, 'tsconfig.build.json'), '--outDir', outDir], {stdio: 'inherit'})
    const manifest = readManifest()
    expect(Object.keys(manifest.dependencies ?? {}).sort()).toEqual(expectedDependencies(packagesImportedByBuild(outDir), manifest))
  })
})
