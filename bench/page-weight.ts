/**
 * Page weight of the preview site: the bytes of each page's HTML plus the one
 * stylesheet it loads (the pages have no scripts, images or fonts), raw and
 * gzipped. Reads the pages from a running local server, as a browser would.
 * Run: npm run bench:page-weight
 */
import {readFile} from 'node:fs/promises'
import {resolve} from 'node:path'
import {gzipSync} from 'node:zlib'
import {readServerConfig} from '../lake/config'
import {startServer} from '../lake/server'
import {createPreviewSite} from '../preview/site'

const ROOT = resolve(import.meta.dirname, '..')
const DATASET = resolve(ROOT, 'dataset', 'production.ndjson')

interface StoredDocument {
  _id: string
  _type: string
  slug?: {current: string}
}

async function main(): Promise<void> {
  const documents = (await readFile(DATASET, 'utf8'))
    .split('\n')
    .filter((line) => line.trim() !== '')
    .map((line) => JSON.parse(line) as StoredDocument)
  const pathsOf = (type: string, prefix: string) => documents.filter((document) => document._type === type).map((document) => `${prefix}/${document.slug?.current}`)
  const paths = ['/', '/klachten', ...pathsOf('condition', '/aandoeningen'), ...pathsOf('treatment', '/behandelingen')]

  const server = await startServer(readServerConfig(['--dataset', DATASET, '--port', '0'], {QUERY_WORKERS: '1'}), {pages: (store) => createPreviewSite({store})})
  try {
    const css = Buffer.from(await (await fetch(`${server.url}/styles.css`)).arrayBuffer())
    const gzip = (bytes: Buffer) => gzipSync(bytes, {level: 9}).byteLength
    console.log('| page | HTML bytes | + CSS bytes | total | total gzipped |')
    console.log('|---|---:|---:|---:|---:|')
    for (const path of paths) {
      const html = Buffer.from(await (await fetch(`${server.url}${path}`)).arrayBuffer())
      console.log(`| \`${path}\` | ${html.byteLength} | ${css.byteLength} | ${html.byteLength + css.byteLength} | ${gzip(html) + gzip(css)} |`)
    }
  } finally {
    await server.close()
  }
}

await main()
