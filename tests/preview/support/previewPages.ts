import {readFile} from 'node:fs/promises'
import {fileURLToPath} from 'node:url'
import {readServerConfig} from '../../../lake/config'
import {startServer, type RunningServer} from '../../../lake/server'
import {createPreviewSite} from '../../../preview/site'

const SEEDED_DATASET = fileURLToPath(new URL('../../../dataset/production.ndjson', import.meta.url))

interface StoredDocument {
  _id: string
  _type: string
  slug?: {current: string}
}

/** Every page of the preview site for the seeded dataset: the index, Klachten, each condition and each treatment. */
export async function seededSitePaths(): Promise<string[]> {
  const documents = (await readFile(SEEDED_DATASET, 'utf8'))
    .split('\n')
    .filter((line) => line.trim() !== '')
    .map((line) => JSON.parse(line) as StoredDocument)
  const pathsOf = (type: string, prefix: string) =>
    documents.filter((document) => document._type === type && !document._id.startsWith('drafts.')).map((document) => `${prefix}/${document.slug?.current}`)
  return ['/', '/klachten', ...pathsOf('condition', '/aandoeningen'), ...pathsOf('treatment', '/behandelingen')]
}

export async function serveSeededPreview(): Promise<RunningServer> {
  const config = readServerConfig(['--dataset', SEEDED_DATASET, '--port', '0'], {QUERY_WORKERS: '1'})
  return startServer(config, {pages: (store) => createPreviewSite({store})})
}

/** The JSON-LD of every page that has one, by path, parsed as a search engine reads it. */
export async function jsonLdByPage(server: {url: string}, paths: readonly string[]): Promise<Map<string, unknown>> {
  const found = new Map<string, unknown>()
  for (const path of paths) {
    const html = await (await fetch(`${server.url}${path}`)).text()
    const match = /<script type="application\/ld\+json">(.*?)<\/script>/s.exec(html)
    if (match?.[1]) found.set(path, JSON.parse(match[1]))
  }
  return found
}
