import {describe, expect, it} from 'vitest'
import {expectedDependencies, packagesImportedBySources, readManifest} from './support/packageImports'

// An installer of the package gets "dependencies" and nothing else: a package
// the built client or schemas import must be there (or a peer), and one they do
// not import only makes every install bigger.
describe('package.json "dependencies"', () => {
  it('are exactly the packages the shipped sources import, besides the peers', () => {
    const manifest = readManifest()
    expect(Object.keys(manifest.dependencies ?? {}).sort()).toEqual(expectedDependencies(packagesImportedBySources(), manifest))
  })
})
