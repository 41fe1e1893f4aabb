import {writeFileSync} from 'node:fs'
import path from 'node:path'
import {gzipSync} from 'node:zlib'
import {compileSuite} from './compileSuite'
import {COMPILED_SUITE} from './conformance'

/**
 * Refreshes tests/groq/suite.json.gz from a checkout of
 * github.com/sanity-io/groq-test-suite:
 *
 *   npm run groq:compile -- /path/to/groq-test-suite
 */
const checkout = process.argv[2]
if (!checkout) {
  console.error('Usage: npm run groq:compile -- <path to a checkout of github.com/sanity-io/groq-test-suite>')
  process.exit(1)
}
const suite = compileSuite(path.join(path.resolve(checkout), 'test'))
writeFileSync(COMPILED_SUITE, gzipSync(JSON.stringify(suite), {level: 9}))
console.log(`Compiled ${suite.tests.length} tests over ${suite.datasets.length} datasets into ${path.relative(process.cwd(), COMPILED_SUITE.pathname)}.`)
