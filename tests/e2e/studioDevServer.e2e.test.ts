import {spawn, type ChildProcess} from 'node:child_process'
import {createServer} from 'node:net'
import path from 'node:path'
import type {Browser} from 'playwright-core'
import {afterAll, beforeAll, describe, expect, it} from 'vitest'
import {launchChromium, offlineContext, reachesServer, screenshotSteps, unexpectedExternal} from './support/browser'
import {PROJECT_DIRECTORY, startEditableStudioServer, type EditableStudioServer} from './support/studioServer'

/**
 * What the development server's page asks of the internet, without needing
 * it, and the built Studio does not (docs/editors.md): Sanity's bridge script
 * for its dashboard, the Inter font files, the version check and the
 * feedback probe. The test refuses each; the page works without them.
 */
const DEVELOPMENT_ONLY_EXTERNAL = [
  /^(?:GET|script-src-elem) https:\/\/core\.sanity-cdn\.com\/bridge\.js$/u,
  /^(?:GET|font-src) https:\/\/studio-static\.sanity\.io\/Inter-[A-Za-z]+\.woff2$/u,
  /^(?:GET|connect-src|script-src-elem) https:\/\/sanity-cdn\.com\/v1\/modules\//u,
  /^(?:POST|connect-src) https:\/\/api\.sanity\.io\/vX\/intake\/feedback$/u,
]

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = createServer()
    probe.once('error', reject)
    probe.listen(0, '127.0.0.1', () => {
      const address = probe.address()
      probe.close(() => (typeof address === 'object' && address !== null ? resolve(address.port) : reject(new Error('no port'))))
    })
  })
}

let lake: EditableStudioServer
let browser: Browser
let development: ChildProcess
let developmentUrl: string
let output = ''

beforeAll(async () => {
  lake = await startEditableStudioServer(path.join(PROJECT_DIRECTORY, 'dataset', 'production.ndjson'))
  const port = await freePort()
  developmentUrl = `http://localhost:${port}`
  // `npm run studio` without SANITY_STUDIO_PROJECT_ID, pointed at this test's local server instead of port 3333.
  const {SANITY_STUDIO_PROJECT_ID: _projectId, ...environment} = process.env
  development = spawn(path.join(PROJECT_DIRECTORY, 'node_modules', '.bin', 'sanity'), ['dev', '--port', String(port)], {
    cwd: PROJECT_DIRECTORY,
    env: {...environment, LOCAL_SERVER_URL: lake.server.url},
    stdio: ['ignore', 'pipe', 'pipe'],
    detached: true,
  })
  development.stdout?.on('data', (chunk: Buffer) => (output += chunk.toString()))
  development.stderr?.on('data', (chunk: Buffer) => (output += chunk.toString()))
  await new Promise<void>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`sanity dev did not start within 3 minutes:\n${output}`)), 3 * 60_000)
    development.once('exit', (code) => reject(new Error(`sanity dev exited with code ${code}:\n${output}`)))
    const check = () => {
      if (/running at http:\/\/localhost:\d+/u.test(output)) {
        clearTimeout(timer)
        resolve()
      }
    }
    development.stdout?.on('data', check)
    development.stderr?.on('data', check)
  })
  browser = await launchChromium()
}, 4 * 60_000)

afterAll(async () => {
  await browser?.close()
  if (development?.pid !== undefined && development.exitCode === null) {
    const exited = new Promise((resolve) => development.once('exit', resolve))
    process.kill(-development.pid, 'SIGTERM')
    await exited
  }
  await lake?.close()
})

describe('npm run studio without a project id', () => {
  it('uses the local workspace: the development Studio opens a document from the local server, without a login', async () => {
    const {context, external, pageErrors} = await offlineContext(browser, developmentUrl, {signInPath: lake.signInPath()})
    const page = await context.newPage()
    const step = screenshotSteps('studio-dev-server')
    const apiRequests: string[] = []
    page.on('request', (request) => {
      if (/\/v(?:X|1|\d{4}-\d{2}-\d{2})\//u.test(new URL(request.url()).pathname)) apiRequests.push(request.url())
    })

    await page.goto(`${developmentUrl}/studio/intent/edit/id=condition-verzakking;type=condition/`, {waitUntil: 'commit', timeout: 150_000})
    // The first load compiles the Studio's modules on demand: slower than the built Studio.
    await page.locator('[data-testid="field-title"] input').first().waitFor({timeout: 150_000})
    await expect(page.locator('[data-testid="field-title"] input').first().inputValue()).resolves.toBe('Verzakking')
    await step(page, 'document')

    await expect(page.getByText('Inloggen').count()).resolves.toBe(0)
    await expect(page.locator('#__sanityError').count()).resolves.toBe(0)
    expect(pageErrors).toEqual([])
    // The workspace's own API requests (documents, listen streams, the user, the project) went to the development server, which passes them to the local one.
    const workspaceRequests = apiRequests.filter((url) => /\/(?:data|users|projects|auth)\//u.test(new URL(url).pathname))
    expect(workspaceRequests.filter((url) => /\/data\/listen\//u.test(url)).length).toBeGreaterThan(0)
    expect(workspaceRequests.filter((url) => !reachesServer(url, developmentUrl))).toEqual([])
    expect(unexpectedExternal(external).filter((request) => !DEVELOPMENT_ONLY_EXTERNAL.some((pattern) => pattern.test(request)))).toEqual([])
    await context.close()
  }, 240_000)
})
