/**
 * Installs the package as a frontend team would and checks that it works:
 * `npm pack`, install the tarball into a scratch project, type-check a
 * consumer file with `moduleResolution` `bundler` and `nodenext` (typed raw
 * GROQ, named types, `@ts-expect-error` on misuse), run it with node, bundle
 * it with esbuild for node and run the bundle from another directory, and
 * bundle a browser page and compare its size with @sanity/client alone.
 * A team's own query file (`team.ts`) is typed by `sanity typegen generate`,
 * run in the scratch project against the schema.json the package ships, and
 * by the schema types of `@bekkenbodem/content/types`.
 * Also measures install size and package count against @sanity/client alone.
 * Run: npm run test:consumer (uses the npm cache; the registry only for what is not cached)
 */
import {execFileSync} from 'node:child_process'
import {copyFileSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync} from 'node:fs'
import {tmpdir} from 'node:os'
import {join, resolve} from 'node:path'
import {gzipSync} from 'node:zlib'
import {build} from 'esbuild'

const ROOT = resolve(import.meta.dirname, '..')
const TSC = join(ROOT, 'node_modules', 'typescript', 'bin', 'tsc')
/** The Sanity CLI, which a team has as a dev dependency for TypeGen; this repository's copy, so the check installs no Studio. */
const SANITY_CLI = join(ROOT, 'node_modules', '.bin', 'sanity')
/** What the client may add to @sanity/client in a browser bundle, gzipped (as bench/bundle-size.ts, which says why). */
const BROWSER_BUDGET_GZIP_BYTES = 10 * 1024
/** How often each type-check runs for its timing (TSC_ROUNDS=1 for a quick check). */
const TSC_ROUNDS = Number(process.env.TSC_ROUNDS ?? 3)

const work = mkdtempSync(join(tmpdir(), 'content-consumer-'))
const failures: string[] = []
const rows: [string, string][] = []

function step(title: string): void {
  console.log(`\n-- ${title}`)
}

function run(command: string, args: string[], cwd: string): string {
  return execFileSync(command, args, {
    cwd,
    encoding: 'utf8',
    stdio: ['ignore', 'pipe', 'inherit'],
    env: {...process.env, npm_config_fund: 'false', npm_config_audit: 'false', npm_config_update_notifier: 'false'},
  })
}

function timed<Result>(work: () => Result): {result: Result; ms: number} {
  const started = performance.now()
  const result = work()
  return {result, ms: performance.now() - started}
}

function check(condition: boolean, message: string): void {
  if (condition) console.log(`ok   ${message}`)
  else {
    console.log(`FAIL ${message}`)
    failures.push(message)
  }
}

function directorySize(path: string): number {
  let total = 0
  for (const entry of readdirSync(path, {withFileTypes: true})) {
    const child = join(path, entry.name)
    if (entry.isDirectory()) total += directorySize(child)
    else if (entry.isFile()) total += statSync(child).size
  }
  return total
}

function scratchProject(name: string, install: string[]): {directory: string; packages: number; bytes: number} {
  const directory = join(work, name)
  mkdirSync(directory)
  writeFileSync(join(directory, 'package.json'), JSON.stringify({name, private: true, type: 'module'}, null, 2))
  run('npm', ['install', '--prefer-offline', '--ignore-scripts', '--no-package-lock', ...install], directory)
  const packages = run('npm', ['ls', '--all', '--parseable'], directory).trim().split('\n').length - 1
  return {directory, packages, bytes: directorySize(join(directory, 'node_modules'))}
}

const kb = (bytes: number) => `${(bytes / 1024).toFixed(1)} kB`
const mb = (bytes: number) => `${(bytes / 1024 / 1024).toFixed(1)} MB`

try {
  step('npm pack (prepack builds dist/)')
  const tarballName = run('npm', ['pack', '--pack-destination', work, '--silent'], ROOT).trim().split('\n').at(-1) ?? ''
  const tarball = join(work, tarballName)
  const listing = run('tar', ['-tzf', tarball], work)
  check(listing.includes('package/dist/client/index.js'), 'the tarball holds dist/client/index.js')
  check(listing.includes('package/dist/sanity.types.d.ts'), 'the tarball holds the query result types')
  check(listing.includes('package/schema.json') && listing.includes('package/dist/client/schemaTypes.d.ts'), 'the tarball holds schema.json and the schema types')

  step('install the tarball into a scratch project, and @sanity/client alone into another')
  // @types/node as a Node frontend has it: @sanity/client's own types refer to Buffer and node:http.
  const nodeTypes = `@types/node@${JSON.parse(readFileSync(join(ROOT, 'node_modules/@types/node/package.json'), 'utf8')).version}`
  const consumer = scratchProject('consumer', [tarball, nodeTypes])
  const sanityOnly = scratchProject('sanity-client-only', [
    nodeTypes,
    `@sanity/client@${JSON.parse(readFileSync(join(consumer.directory, 'node_modules/@sanity/client/package.json'), 'utf8')).version}`,
  ])
  // Both projects also hold @types/node.
  rows.push(['install: packages (ours / @sanity/client alone)', `${consumer.packages} / ${sanityOnly.packages}`])
  rows.push(['install: node_modules size (ours / @sanity/client alone)', `${mb(consumer.bytes)} / ${mb(sanityOnly.bytes)}`])
  const installed = (name: string) => directorySize(join(consumer.directory, 'node_modules', name))
  rows.push(['install: of which the package itself / zod', `${mb(installed('@bekkenbodem/content'))} / ${mb(installed('zod'))}`])
  for (const file of ['app.ts', 'browser.ts', 'baseline.ts', 'team.ts']) copyFileSync(join(ROOT, 'scripts', 'consumer', file), join(consumer.directory, file))

  step("a team's own query: sanity typegen generate against the shipped schema.json, offline")
  writeFileSync(
    join(consumer.directory, 'sanity.cli.js'),
    `export default {typegen: {path: './team.ts', schema: './node_modules/@bekkenbodem/content/schema.json', generates: './sanity.types.ts'}}\n`,
  )
  try {
    const {ms} = timed(() => run(SANITY_CLI, ['typegen', 'generate'], consumer.directory))
    const generated = readFileSync(join(consumer.directory, 'sanity.types.ts'), 'utf8')
    check(generated.includes('export type TEAM_CONDITION_NAMES_QUERY_RESULT'), `typegen typed the team's query from the package's schema (${(ms / 1000).toFixed(1)} s)`)
  } catch (error) {
    console.log(String(error))
    check(false, 'sanity typegen generate runs in the scratch project')
  }
  const teamConfig = {
    compilerOptions: {target: 'ES2022', module: 'ESNext', moduleResolution: 'bundler', lib: ['ES2022', 'DOM'], strict: true, skipLibCheck: false, types: ['node'], noEmit: true},
    files: ['team.ts'],
  }
  writeFileSync(join(consumer.directory, 'tsconfig.team.json'), JSON.stringify(teamConfig, null, 2))
  try {
    // team.ts holds @ts-expect-error on wrong fields: tsc fails if any of them is not an error.
    run(process.execPath, [TSC, '-p', 'tsconfig.team.json'], consumer.directory)
    check(true, "tsc team.ts: the team's query and the schema types are typed, and wrong fields are type errors")
  } catch (error) {
    console.log((error as {stdout?: string}).stdout ?? String(error))
    check(false, "tsc team.ts: the team's query and the schema types are typed, and wrong fields are type errors")
  }

  step('type-check the consumer file, and a file that uses @sanity/client alone as the baseline')
  const checks = [
    {moduleResolution: 'bundler', file: 'baseline.ts', label: '@sanity/client alone'},
    {moduleResolution: 'bundler', file: 'app.ts', label: 'consumer file'},
    {moduleResolution: 'nodenext', file: 'app.ts', label: 'consumer file'},
  ] as const
  const times = checks.map((): number[] => [])
  const definitionLines = checks.map(() => '?')
  // Rounds interleave the three, so that a busy machine slows them alike; the table shows medians.
  for (let round = 0; round < TSC_ROUNDS; round++) {
    checks.forEach(({moduleResolution, file}, index) => {
      const name = `${moduleResolution}.${file.replace('.ts', '')}`
      const config = {
        compilerOptions: {
          target: 'ES2022',
          module: moduleResolution === 'bundler' ? 'ESNext' : 'NodeNext',
          moduleResolution,
          lib: ['ES2022', 'DOM'],
          strict: true,
          skipLibCheck: false,
          types: ['node'],
          ...(moduleResolution === 'nodenext' ? {outDir: 'out'} : {noEmit: true}),
        },
        files: [file],
      }
      writeFileSync(join(consumer.directory, `tsconfig.${name}.json`), JSON.stringify(config, null, 2))
      const {ms} = timed(() => {
        try {
          const output = run(process.execPath, [TSC, '-p', `tsconfig.${name}.json`, ...(round === 0 ? ['--extendedDiagnostics'] : [])], consumer.directory)
          if (round === 0) {
            check(true, `tsc ${file} with moduleResolution ${moduleResolution}`)
            // Lines of declarations checked: steadier than time on a shared machine.
            definitionLines[index] = /Lines of Definitions:\s+(\d+)/u.exec(output)?.[1] ?? '?'
          }
        } catch (error) {
          console.log((error as {stdout?: string}).stdout ?? String(error))
          check(false, `tsc ${file} with moduleResolution ${moduleResolution}`)
        }
      })
      times[index]?.push(ms)
    })
  }
  checks.forEach(({moduleResolution, label}, index) => {
    const sorted = [...(times[index] ?? [])].sort((a, b) => a - b)
    const median = sorted[Math.floor(sorted.length / 2)] ?? Number.NaN
    rows.push([
      `tsc ${label}, moduleResolution ${moduleResolution} (median of ${TSC_ROUNDS}; lines of declarations checked)`,
      `${(median / 1000).toFixed(1)} s; ${definitionLines[index]}`,
    ])
  })

  const expectOutput = (output: string, how: string) => {
    let parsed: {title?: string; total?: number; search?: string[]; rawTitle?: string} = {}
    try {
      parsed = JSON.parse(output.trim().split('\n').at(-1) ?? '{}') as typeof parsed
    } catch {
      // Reported below.
    }
    check(parsed.title === 'Verzakking' && parsed.rawTitle === 'Verzakking', `${how}: the shipped content (got ${output.trim().slice(0, 200)})`)
    check((parsed.total ?? 0) > 2 && (parsed.search ?? []).includes('dyspareunie'), `${how}: paging and search work`)
  }

  step('run it with node')
  try {
    expectOutput(run(process.execPath, ['out/app.js'], consumer.directory), 'node out/app.js')
  } catch {
    check(false, 'node out/app.js runs')
  }

  step('bundle it with esbuild for node (default options) and run the bundle from another directory')
  const elsewhere = mkdtempSync(join(tmpdir(), 'content-consumer-bundle-'))
  try {
    await build({
      entryPoints: [join(consumer.directory, 'app.ts')],
      bundle: true,
      platform: 'node',
      outfile: join(elsewhere, 'server.js'),
      logLevel: 'error',
    })
    const otherDirectory = mkdtempSync(join(tmpdir(), 'content-consumer-cwd-'))
    expectOutput(run(process.execPath, [join(elsewhere, 'server.js')], otherDirectory), 'esbuild node bundle, run elsewhere')
    rmSync(otherDirectory, {recursive: true, force: true})
  } finally {
    rmSync(elsewhere, {recursive: true, force: true})
  }

  step('bundle a page for the browser and compare with @sanity/client alone')
  const browserBundle = async (contents: string) => {
    const result = await build({
      stdin: {contents, resolveDir: consumer.directory, loader: 'ts'},
      bundle: true,
      minify: true,
      format: 'esm',
      platform: 'browser',
      target: 'es2022',
      write: false,
      logLevel: 'error',
      define: {'process.env.NODE_ENV': '"production"'},
    })
    return gzipSync(result.outputFiles[0]?.contents ?? new Uint8Array(), {level: 9}).byteLength
  }
  const ours = await browserBundle(readFileSync(join(consumer.directory, 'browser.ts'), 'utf8'))
  const alone = await browserBundle(
    `import {createClient} from '@sanity/client'
     createClient({projectId: 'abc123', dataset: 'production', apiVersion: '2025-02-19', useCdn: true})
       .fetch('*[_type == "condition" && slug.current == $slug][0]', {slug: 'verzakking'}).then(console.log)`,
  )
  rows.push(['browser bundle, gzip (ours / @sanity/client alone)', `${kb(ours)} / ${kb(alone)} (+${kb(ours - alone)})`])
  check(ours - alone <= BROWSER_BUDGET_GZIP_BYTES, `the browser bundle adds at most ${kb(BROWSER_BUDGET_GZIP_BYTES)} (gzip) to @sanity/client (adds ${ours - alone} bytes)`)
} finally {
  if (process.env.KEEP_CONSUMER_PROJECT) console.log(`\nScratch project kept in ${work}`)
  else rmSync(work, {recursive: true, force: true})
}

console.log('\n| measure | value |\n|---|---|')
for (const [measure, value] of rows) console.log(`| ${measure} | ${value} |`)
if (failures.length > 0) {
  console.error(`\n${failures.length} consumer check(s) failed:\n- ${failures.join('\n- ')}`)
  process.exit(1)
}
console.log('\nThe package installs, type-checks, runs, bundles and stays small.')
