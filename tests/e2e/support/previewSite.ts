import {readFile} from 'node:fs/promises'
import {fileURLToPath} from 'node:url'
import type {Browser} from 'playwright-core'
import {afterAll, beforeAll} from 'vitest'
import {readServerConfig} from '../../../lake/config'
import {startServer, type RunningServer} from '../../../lake/server'
import {createPreviewSite} from '../../../preview/site'
import {launchChromium} from './browser'

const SEEDED_DATASET = fileURLToPath(new URL('../../../dataset/production.ndjson', import.meta.url))

/** The seeded dataset's documents, typed as far as a test needs them. */
export async function seededDocuments<Document>(): Promise<Document[]> {
  return (await readFile(SEEDED_DATASET, 'utf8'))
    .split('\n')
    .filter((line) => line.trim() !== '')
    .map((line) => JSON.parse(line) as Document)
}

export interface PreviewSiteSession {
  readonly server: RunningServer
  readonly browser: Browser
}

/**
 * For a test file: the read-only server with the preview site on the seeded
 * dataset, and Chromium, started before the tests and stopped after them.
 */
export function usePreviewSite(): PreviewSiteSession {
  let server: RunningServer | undefined
  let browser: Browser | undefined
  beforeAll(async () => {
    const config = readServerConfig(['--dataset', SEEDED_DATASET, '--port', '0'], {})
    server = await startServer(config, {pages: (store) => createPreviewSite({store})})
    browser = await launchChromium()
  })
  afterAll(async () => {
    await browser?.close()
    await server?.close()
  })
  const started = <Value>(value: Value | undefined): Value => {
    if (value === undefined) throw new Error('The preview server and browser start in beforeAll; use them inside a test.')
    return value
  }
  return {
    get server() {
      return started(server)
    },
    get browser() {
      return started(browser)
    },
  }
}
