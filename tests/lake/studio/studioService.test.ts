import {mkdir, mkdtemp, rm, writeFile} from 'node:fs/promises'
import {tmpdir} from 'node:os'
import path from 'node:path'
import {afterEach, beforeEach, describe, expect, it} from 'vitest'
import {ApiError} from '../../../lake/http/apiError'
import {createStudioService} from '../../../lake/studio/studioService'
import type {StudioBuilder} from '../../../lake/studio/studioBuild'
import {LOCAL_EDITOR} from '../../../schemas/studio/local/localSession'
import {serveHandler, type TestServer} from './harness'

let project: string
let server: TestServer | undefined

beforeEach(async () => {
  project = await mkdtemp(path.join(tmpdir(), 'studio-service-'))
  await writeFile(path.join(project, 'sanity.config.ts'), 'export default {}\n')
})
afterEach(async () => {
  await server?.close()
  server = undefined
  await rm(project, {recursive: true, force: true})
})

/** A build that waits until the test lets it finish. */
function gatedBuild(): {build: StudioBuilder; finish: () => void; fail: (message: string) => void} {
  let finish = () => {}
  let fail: (message: string) => void = () => {}
  const gate = new Promise<void>((resolve, reject) => {
    finish = resolve
    fail = (message) => reject(new Error(message))
  })
  // The build may not be waiting yet when the test fails it; it sees the failure when it does.
  gate.catch(() => undefined)
  const build: StudioBuilder = async (directory) => {
    await gate
    await mkdir(directory, {recursive: true})
    await writeFile(path.join(directory, 'index.html'), '<html><div id="sanity"></div></html>')
  }
  return {build, finish: () => finish(), fail: (message) => fail(message)}
}

async function serve(service: ReturnType<typeof createStudioService>): Promise<TestServer> {
  return serveHandler(async (request, response, url) => {
    if (!service.routes.matches(url.pathname)) throw new ApiError(404, 'not the Studio')
    await service.routes.handle(request, response, url)
  })
}

describe('the Studio in the local server', () => {
  it('answers at once while the Studio is built: the account endpoints work, /studio says so in Dutch and reloads itself', async () => {
    const gated = gatedBuild()
    const service = createStudioService({projectDirectory: project, datasetName: 'production', sessionToken: () => null, build: gated.build, log: () => undefined})
    server = await serve(service)

    const waiting = await fetch(`${server.url}/studio/structure`)
    expect(waiting.status).toBe(503)
    expect(waiting.headers.get('retry-after')).toBe('5')
    const html = await waiting.text()
    expect(html).toContain('De Studio wordt gebouwd')
    expect(html).toContain('http-equiv="refresh"')
    // It also asks every second, so it opens the Studio as soon as the build is done (tests/e2e/studioBuildPage.e2e.test.ts).
    expect(html).toContain("method:'HEAD'")
    expect(await (await fetch(`${server.url}/v2025-02-19/users/me`)).json()).toEqual(LOCAL_EDITOR)

    gated.finish()
    expect((await service.ready).built).toBe(true)
    const page = await fetch(`${server.url}/studio/structure`)
    expect(page.status).toBe(200)
    expect(await page.text()).toContain('<div id="sanity">')
  })

  it('shows why the build failed, and keeps the rest of the server running', async () => {
    const gated = gatedBuild()
    const service = createStudioService({projectDirectory: project, datasetName: 'production', sessionToken: () => null, build: gated.build, log: () => undefined})
    server = await serve(service)
    gated.fail('sanity build exited with 1 <script>')
    await expect(service.ready).rejects.toThrow('exited with 1')
    const failed = await fetch(`${server.url}/studio/`)
    expect(failed.status).toBe(500)
    const html = await failed.text()
    expect(html).toContain('De Studio kon niet worden gebouwd')
    expect(html).toContain('sanity build exited with 1 &#60;script&#62;')
    expect(html).toContain('npm run build:studio')
    expect((await fetch(`${server.url}/v2025-02-19/features`)).status).toBe(200)
  })
})
