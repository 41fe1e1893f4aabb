/**
 * Builds the package: tsc emits ESM and .d.ts to dist/, then relative import
 * specifiers get their file extension. The sources import without extensions
 * (bundler resolution, as the Studio expects); Node's ESM loader needs them.
 */
import {execFileSync} from 'node:child_process'
import {existsSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync} from 'node:fs'
import {dirname, join, resolve} from 'node:path'

const DIST = resolve('dist')

function filesIn(directory: string): string[] {
  return readdirSync(directory).flatMap((name) => {
    const path = join(directory, name)
    return statSync(path).isDirectory() ? filesIn(path) : [path]
  })
}

/** `./errors` becomes `./errors.js`, `./contracts` becomes `./contracts/index.js`. */
function withExtension(file: string, specifier: string): string {
  if (!specifier.startsWith('./') && !specifier.startsWith('../')) return specifier
  if (/\.(m?js|json)$/u.test(specifier)) return specifier
  const target = resolve(dirname(file), specifier)
  if (existsSync(`${target}.js`) || existsSync(`${target}.d.ts`)) return `${specifier}.js`
  if (existsSync(join(target, 'index.js')) || existsSync(join(target, 'index.d.ts'))) return `${specifier}/index.js`
  throw new Error(`${file}: cannot resolve the import "${specifier}"`)
}

const SPECIFIER = /(\bfrom\s*|\bimport\s*\(\s*|\bimport\s+)(['"])([^'"]+)\2/gu

rmSync(DIST, {recursive: true, force: true})
execFileSync(process.execPath, [resolve('node_modules/typescript/bin/tsc'), '-p', 'tsconfig.build.json'], {stdio: 'inherit'})

let rewritten = 0
for (const file of filesIn(DIST).filter((path) => path.endsWith('.js') || path.endsWith('.d.ts'))) {
  const source = readFileSync(file, 'utf8')
  const output = source.replace(SPECIFIER, (_match, prefix: string, quote: string, specifier: string) => {
    return `${prefix}${quote}${withExtension(file, specifier)}${quote}`
  })
  if (output !== source) {
    writeFileSync(file, output)
    rewritten++
  }
}
console.log(`dist/: ${filesIn(DIST).length} files, import specifiers completed in ${rewritten}`)
