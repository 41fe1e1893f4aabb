import type {IncomingMessage, ServerResponse} from 'node:http'
import path from 'node:path'
import {LOCAL_PROJECT_ID} from '../../schemas/studio/local/localSession'
import {LOCAL_STUDIO_BASE_PATH} from '../../schemas/studio/local/studioBuildOptions'
import {isAccountApiPath} from './accountApi'
import {ensureStudioBuilt, type StudioBuilder, type StudioBuildOutcome} from './studioBuild'
import {createStudioRoutes, type StudioRoutes} from './studioRoutes'

/**
 * The Studio as part of the local server. The server does not wait for a
 * Studio build: the API and the preview answer at once, and /studio says that
 * the Studio is being built (and reloads itself) until the build is done.
 */
export interface StudioServiceOptions {
  projectDirectory: string
  datasetName: string
  sessionToken(): string | null
  outputDirectory?: string
  basePath?: string
  build?: StudioBuilder
  log?: (line: string) => void
  progressIntervalMs?: number
}

export interface StudioService {
  routes: StudioRoutes
  /** Settles when the Studio can be served; rejects when its build failed. */
  ready: Promise<StudioBuildOutcome>
}

type BuildState = {kind: 'building'} | {kind: 'ready'} | {kind: 'failed'; message: string}

const RELOAD_SECONDS = 5

/**
 * While the Studio is built, the page asks every second whether it is done
 * and then loads it, so the editor waits for the build and not for the next
 * reload; the meta refresh is the fallback without JavaScript.
 */
const POLL_UNTIL_BUILT = `<script>setInterval(function(){fetch(location.href,{method:'HEAD',cache:'no-store'}).then(function(r){if(r.status!==503)location.reload()},function(){})},1000)</script>`

function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (character) => `&#${character.charCodeAt(0)};`)
}

function statusPage(response: ServerResponse, statusCode: number, title: string, body: string, reload: boolean): void {
  response.statusCode = statusCode
  response.setHeader('content-type', 'text/html; charset=utf-8')
  response.setHeader('cache-control', 'no-store')
  if (reload) response.setHeader('retry-after', String(RELOAD_SECONDS))
  response.end(
    `<!doctype html><html lang="nl"><head><meta charset="utf-8"><title>${escapeHtml(title)}</title>${reload ? `<meta http-equiv="refresh" content="${RELOAD_SECONDS}">` : ''}</head>` +
      `<body style="font-family:system-ui,sans-serif;max-width:40rem;margin:4rem auto;padding:0 1rem;line-height:1.5"><h1>${escapeHtml(title)}</h1>${body}${reload ? POLL_UNTIL_BUILT : ''}</body></html>`,
  )
}

export function createStudioService(options: StudioServiceOptions): StudioService {
  const outputDirectory = options.outputDirectory ?? path.join(options.projectDirectory, 'dist-studio')
  const basePath = options.basePath ?? LOCAL_STUDIO_BASE_PATH
  const routes = createStudioRoutes({directory: outputDirectory, basePath, projectId: LOCAL_PROJECT_ID, datasetName: options.datasetName, sessionToken: options.sessionToken})
  let state: BuildState = {kind: 'building'}

  const ready = ensureStudioBuilt({
    projectDirectory: options.projectDirectory,
    outputDirectory,
    ...(options.build ? {build: options.build} : {}),
    ...(options.log ? {log: options.log} : {}),
    ...(options.progressIntervalMs ? {progressIntervalMs: options.progressIntervalMs} : {}),
  }).then(
    (outcome) => {
      state = {kind: 'ready'}
      return outcome
    },
    (error: unknown) => {
      const message = error instanceof Error ? error.message : String(error)
      state = {kind: 'failed', message}
      throw error
    },
  )
  // The server keeps running without a Studio; the failure is shown at /studio and logged by whoever awaits `ready`.
  ready.catch(() => undefined)

  /** While there is no build to serve, Studio pages say why; the account endpoints answer regardless. */
  function answeredWithoutBuild(response: ServerResponse, pathname: string): boolean {
    if (state.kind === 'ready' || isAccountApiPath(pathname)) return false
    if (state.kind === 'building') {
      statusPage(
        response,
        503,
        'De Studio wordt gebouwd',
        `<p>Dat gebeurt één keer, na het klonen of na een wijziging in de schema's, en duurt een paar minuten. De Studio opent hier vanzelf zodra hij klaar is.</p><p>De voortgang staat in het terminalvenster van <code>npm start</code>.</p>`,
        true,
      )
    } else {
      statusPage(
        response,
        500,
        'De Studio kon niet worden gebouwd',
        `<p>${escapeHtml(state.message)}</p><p>Bekijk de uitvoer van <code>npm start</code>, los het op en start opnieuw, of bouw de Studio los met <code>npm run build:studio</code>.</p>`,
        false,
      )
    }
    return true
  }

  return {
    ready,
    routes: {
      matches: routes.matches,
      takesWrites: routes.takesWrites,
      signInPath: routes.signInPath,
      async handle(request: IncomingMessage, response: ServerResponse, url: URL) {
        if (answeredWithoutBuild(response, url.pathname)) return
        await routes.handle(request, response, url)
      },
    },
  }
}
