/**
 * Size of the client in a browser bundle with the Content Lake backend,
 * minified and gzipped, next to @sanity/client alone. Also checks that the
 * bundle carries neither the Studio (`sanity`), groq-js nor zod, and that it
 * stays within BUDGET_GZIP_BYTES of @sanity/client alone.
 * Run: npm run bench:bundle
 */
import {build, type Metafile} from 'esbuild'
import {gzipSync} from 'node:zlib'
import {resolve} from 'node:path'

const ROOT = resolve(import.meta.dirname, '..')

async function bundle(name: string, contents: string): Promise<{name: string; minified: number; gzipped: number; metafile: Metafile}> {
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
    define: {'process.env.NODE_ENV': '"production"'},
  })
  const code = result.outputFiles[0]?.contents ?? new Uint8Array()
  return {name, minified: code.byteLength, gzipped: gzipSync(code, {level: 9}).byteLength, metafile: result.metafile}
}

/**
 * zod too: the client checks answers against shapes derived from its zod
 * contracts (client/contractShape.ts), so that zod's parser (5.1 kB gzip)
 * comes only to a page that uses the zod contracts itself.
 */
const FORBIDDEN = [/node_modules\/sanity\//u, /node_modules\/groq-js\//u, /node_modules\/zod\//u, /client\/embedded\//u, /client\/backends\/embedded/u]

const PAGE = `import {createContentClient, toHtml, toJsonLd} from './client/index.browser'
   const content = createContentClient({sanity: {projectId: 'abc123', dataset: 'production'}})
   content.getCondition('verzakking').then((page) => page && console.log(toHtml(page.description), toJsonLd(page, {url: location.href})))`
const contentClient = await bundle('content client (sanity backend)', PAGE)
const sanityClient = await bundle(
  '@sanity/client alone',
  `import {createClient} from '@sanity/client'
   createClient({projectId: 'abc123', dataset: 'production', apiVersion: '2025-02-19', useCdn: true})
     .fetch('*[_type == "condition" && slug.current == $slug][0]', {slug: 'verzakking'}).then(console.log)`,
)

// What the bundle holds: modules that esbuild read but tree-shook away (zod's, through the contracts the entry re-exports) add no bytes.
const bundled = Object.values(contentClient.metafile.outputs).flatMap((output) =>
  Object.entries(output.inputs).flatMap(([input, {bytesInOutput}]) => (bytesInOutput > 0 ? [input] : [])),
)
const leaked = bundled.filter((input) => FORBIDDEN.some((pattern) => pattern.test(input)))
if (leaked.length > 0) {
  console.error(`The browser bundle must not contain the Studio, groq-js, zod or the embedded backend, but has:\n${leaked.join('\n')}`)
  process.exit(1)
}

/** What the client, the checks of its contracts, toHtml and toJsonLd may add to @sanity/client, gzipped. */
const BUDGET_GZIP_BYTES = 10 * 1024

const kb = (bytes: number) => `${(bytes / 1024).toFixed(1)} kB`
console.log('| bundle | minified | minified + gzip |')
console.log('|---|---:|---:|')
for (const {name, minified, gzipped} of [contentClient, sanityClient]) console.log(`| ${name} | ${kb(minified)} | ${kb(gzipped)} |`)
const added = contentClient.gzipped - sanityClient.gzipped
console.log(`| difference | ${kb(contentClient.minified - sanityClient.minified)} | ${kb(added)} (${added} bytes, budget ${BUDGET_GZIP_BYTES}) |`)
console.log(`\nNo sanity (Studio), groq-js, zod or embedded backend in the bundle (${bundled.length} modules in it checked).`)
if (added > BUDGET_GZIP_BYTES) {
  console.error(`The client adds ${added} bytes (gzip) to @sanity/client, more than the budget of ${BUDGET_GZIP_BYTES}.`)
  process.exit(1)
}
