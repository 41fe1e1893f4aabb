/**
 * Size of the client in a browser bundle with the Content Lake backend,
 * minified and gzipped, next to @sanity/client alone. Also checks that the
 * bundle carries neither the Studio (`sanity`) nor groq-js, and that it
 * stays within BUDGET_GZIP_BYTES of @sanity/client alone.
 * Run: npm run bench:bundle
 */
import {build, type Metafile} from 'esbuild'
import {gzipSync} from 'node:zlib'
import {resolve} from 'node:path'

const ROOT = resolve(import.meta.dirname, '..')

async function bundle(name: string, contents: string, external: string[] = []): Promise<{name: string; minified: number; gzipped: number; metafile: Metafile}> {
  const result = await build({
    stdin: {contents, resolveDir: ROOT, loader: 'ts'},
    bundle: true,
    minify: true,
    format: 'esm',
    platform: 'browser',
    target: 'es2022',
    write: false,
    metafile: true,
    logLevel: 'silent',
    external,
    define: {'process.env.NODE_ENV': '"production"'},
  })
  const code = result.outputFiles[0]?.contents ?? new Uint8Array()
  return {name, minified: code.byteLength, gzipped: gzipSync(code, {level: 9}).byteLength, metafile: result.metafile}
}

const FORBIDDEN = [/node_modules\/sanity\//u, /node_modules\/groq-js\//u, /client\/embedded\//u, /client\/backends\/embedded/u]

const PAGE = `import {createContentClient, toHtml, toJsonLd} from './client/index.browser'
   const content = createContentClient({sanity: {projectId: 'abc123', dataset: 'production'}})
   content.getCondition('verzakking').then((page) => page && console.log(toHtml(page.description), toJsonLd(page, {url: location.href})))`
const contentClient = await bundle('content client (sanity backend)', PAGE)
// The same page with zod left out of the bundle: the difference is what zod itself costs.
const withoutZod = await bundle('content client without zod', PAGE, ['zod', 'zod/mini'])
const sanityClient = await bundle(
  '@sanity/client alone',
  `import {createClient} from '@sanity/client'
   createClient({projectId: 'abc123', dataset: 'production', apiVersion: '2025-02-19', useCdn: true})
     .fetch('*[_type == "condition" && slug.current == $slug][0]', {slug: 'verzakking'}).then(console.log)`,
)

const leaked = Object.keys(contentClient.metafile.inputs).filter((input) => FORBIDDEN.some((pattern) => pattern.test(input)))
if (leaked.length > 0) {
  console.error(`The browser bundle must not contain the Studio, groq-js or the embedded backend, but has:\n${leaked.join('\n')}`)
  process.exit(1)
}

/**
 * What the client, its contracts, toHtml and toJsonLd may add to @sanity/client,
 * gzipped. 8 kB with hand-written contract checks; zod/mini's parser for objects,
 * arrays, enums and strict parameter objects adds 5.2 kB of its own.
 */
const BUDGET_GZIP_BYTES = 13 * 1024

const kb = (bytes: number) => `${(bytes / 1024).toFixed(1)} kB`
console.log('| bundle | minified | minified + gzip |')
console.log('|---|---:|---:|')
for (const {name, minified, gzipped} of [contentClient, sanityClient]) console.log(`| ${name} | ${kb(minified)} | ${kb(gzipped)} |`)
const added = contentClient.gzipped - sanityClient.gzipped
console.log(`| difference | ${kb(contentClient.minified - sanityClient.minified)} | ${kb(added)} (${added} bytes, budget ${BUDGET_GZIP_BYTES}) |`)
console.log(`| of which zod | ${kb(contentClient.minified - withoutZod.minified)} | ${kb(contentClient.gzipped - withoutZod.gzipped)} |`)
console.log(`\nNo sanity (Studio), groq-js or embedded backend in the bundle (${Object.keys(contentClient.metafile.inputs).length} inputs checked).`)
if (added > BUDGET_GZIP_BYTES) {
  console.error(`The client adds ${added} bytes (gzip) to @sanity/client, more than the budget of ${BUDGET_GZIP_BYTES}.`)
  process.exit(1)
}
