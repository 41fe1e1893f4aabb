import {copyFile, mkdtemp, rm} from 'node:fs/promises'
import {tmpdir} from 'node:os'
import path from 'node:path'
import {fileURLToPath} from 'node:url'
import type {Browser} from 'playwright-core'
import {afterAll, beforeAll} from 'vitest'
import {readServerConfig} from '../../../lake/config'
import {startServer, type RunningServer} from '../../../lake/server'
import {createPreviewSite} from '../../../preview/site'
import {createStudioRoutes, type StudioRoutes} from '../../../lake/studio/studioRoutes'
import {withStudio} from '../../../lake/studio/withStudio'
import {ensureStudioBuilt} from '../../../lake/studio/studioBuild'
import {openLocalLake} from '../../../lake/localLake'
import {LOCAL_PROJECT_ID} from '../../../schemas/studio/local/localSession'
import {LOCAL_STUDIO_BASE_PATH} from '../../../schemas/studio/local/studioBuildOptions'
import {launchChromium} from './browser'

export const PROJECT_DIRECTORY = fileURLToPath(new URL('../../../', import.meta.url))
const STUDIO_BUILD = path.join(PROJECT_DIRECTORY, 'dist-studio')

/** Builds the Studio if its build is missing or stale (minutes, once). */
export async function ensureStudio(): Promise<void> {
  await ensureStudioBuilt({projectDirectory: PROJECT_DIRECTORY, outputDirectory: STUDIO_BUILD})
}

/**
 * The query server and the preview site with the Studio and its account
 * endpoints mounted next to them, on a free loopback port.
 */
export async function startStudioServer(datasetPath: string, sessionToken: string | null = null): Promise<RunningServer> {
  const config = readServerConfig(['--dataset', datasetPath, '--port', '0'], {QUERY_WORKERS: '1'})
  const studio = builtStudioRoutes(config.datasetName, () => sessionToken)
  return startServer(config, {pages: (store) => withStudio(createPreviewSite({store}), studio)})
}

/** The built Studio at /studio, as `npm start` mounts it. */
function builtStudioRoutes(datasetName: string, sessionToken: () => string | null): StudioRoutes {
  return createStudioRoutes({directory: STUDIO_BUILD, basePath: LOCAL_STUDIO_BASE_PATH, projectId: LOCAL_PROJECT_ID, datasetName, sessionToken})
}

export interface EditableStudioServer {
  server: RunningServer
  /** The copy of the dataset the server writes to. */
  datasetPath: string
  /** A one-time sign-in link's path, as `npm start` prints it (see offlineContext). */
  signInPath(): string | null
  /** Stops the server and starts it again on the same dataset file, as an editor restarting `npm start` would (new port). */
  restart(): Promise<void>
  close(): Promise<void>
}

export const LOCAL_WRITE_TOKEN = 'e2e-local-write-token-0123456789'

async function serveLake(directory: string, datasetPath: string): Promise<{server: RunningServer; studio: StudioRoutes; close(): Promise<void>}> {
  const lake = await openLocalLake(datasetPath, {env: {LOCAL_WRITE_TOKEN}, tokenPath: path.join(directory, '.local-write-token')})
  const config = readServerConfig(['--dataset', datasetPath, '--port', '0'], {QUERY_WORKERS: '1'})
  const studio = builtStudioRoutes(config.datasetName, () => lake.token.token)
  const draftMode = {token: () => lake.token.token, datasetName: config.datasetName}
  const server = await startServer(config, {store: lake.store, lake, pages: (store) => withStudio(createPreviewSite({store, draftMode}), studio)})
  return {
    server,
    studio,
    async close() {
      await server.close()
      await lake.close()
    },
  }
}

/**
 * What `npm start` runs, on a free loopback port: the local Content Lake
 * (writes, listen) on a temporary copy of `sourceDataset`, with the Studio
 * holding the write token as its session.
 */
export async function startEditableStudioServer(sourceDataset: string): Promise<EditableStudioServer> {
  const directory = await mkdtemp(path.join(tmpdir(), 'studio-e2e-'))
  const datasetPath = path.join(directory, 'production.ndjson')
  await copyFile(sourceDataset, datasetPath)
  let running = await serveLake(directory, datasetPath)
  return {
    get server() {
      return running.server
    },
    datasetPath,
    signInPath: () => running.studio.signInPath(),
    async restart() {
      await running.close()
      running = await serveLake(directory, datasetPath)
    },
    async close() {
      await running.close()
      await rm(directory, {recursive: true, force: true})
    },
  }
}

export interface EditableStudioSession {
  readonly studio: EditableStudioServer
  readonly browser: Browser
}

/**
 * For a test file: builds the Studio if needed, starts the editable server on
 * a copy of the seeded dataset and Chromium before the tests, and stops both
 * after them. Read `studio` and `browser` inside tests, once they exist.
 */
export function useEditableStudio(): EditableStudioSession {
  let studio: EditableStudioServer | undefined
  let browser: Browser | undefined
  beforeAll(async () => {
    // Builds the Studio only when dist-studio/ is missing or stale (CI builds it beforehand).
    await ensureStudio()
    studio = await startEditableStudioServer(path.join(PROJECT_DIRECTORY, 'dataset', 'production.ndjson'))
    browser = await launchChromium()
  }, 15 * 60_000)
  afterAll(async () => {
    await browser?.close()
    await studio?.close()
  })
  const started = <Value>(value: Value | undefined): Value => {
    if (value === undefined) throw new Error('The Studio server and browser start in beforeAll; use them inside a test.')
    return value
  }
  return {
    get studio() {
      return started(studio)
    },
    get browser() {
      return started(browser)
    },
  }
}
