import {mkdir, mkdtemp, rm, writeFile} from 'node:fs/promises'
import {get} from 'node:http'
import {tmpdir} from 'node:os'
import path from 'node:path'
import {afterAll, beforeAll, describe, expect, it} from 'vitest'
import {createStudioPages, withoutExternalScripts} from '../../../lake/studio/staticStudio'
import {ApiError} from '../../../lake/http/apiError'
import {serveHandler, type TestServer} from './harness'

const INDEX_HTML =
  '<!DOCTYPE html><html lang="en"><head><script src="https://core.sanity-cdn.com/bridge.js" async type="module" data-sanity-core></script><script src="/studio/static/sanity-AbCd1234.js" type="module"></script></head><body><div id="sanity"></div></body></html>'
const APP_JS = 'console.log("studio")'

let buildDirectory: string
let secretFile: string
let server: TestServer

beforeAll(async () => {
  const parent = await mkdtemp(path.join(tmpdir(), 'studio-static-'))
  buildDirectory = path.join(parent, 'dist-studio')
  secretFile = path.join(parent, 'secret.txt')
  await mkdir(path.join(buildDirectory, 'static'), {recursive: true})
  await writeFile(path.join(buildDirectory, 'index.html'), INDEX_HTML)
  await writeFile(path.join(buildDirectory, 'static', 'sanity-AbCd1234.js'), APP_JS)
  await writeFile(path.join(buildDirectory, 'static', 'favicon.ico'), 'icon')
  await writeFile(secretFile, 'not for the browser')
  const studio = createStudioPages({directory: buildDirectory, basePath: '/studio'})
  server = await serveHandler(async (request, response, url) => {
    if (!studio.matches(url.pathname)) throw new ApiError(404, 'not the Studio')
    await studio.handle(request, response, url)
  })
})
afterAll(async () => {
  await server?.close()
  if (buildDirectory) await rm(path.dirname(buildDirectory), {recursive: true, force: true})
})

describe('the built Studio at /studio', () => {
  it('serves the Studio page at /studio and at every route under it, so a reload anywhere works', async () => {
    for (const route of ['/studio', '/studio/', '/studio/structure/conditions', '/studio/intent/edit/id=condition.verzakking;type=condition/']) {
      const response = await fetch(`${server.url}${route}`)
      expect(response.status, route).toBe(200)
      expect(response.headers.get('content-type')).toBe('text/html; charset=utf-8')
      expect(response.headers.get('cache-control')).toBe('no-cache')
      expect(await response.text()).toContain('<div id="sanity">')
    }
  })

  it('leaves out the dashboard bridge from the CDN, so the page loads nothing from outside the machine', async () => {
    const html = await (await fetch(`${server.url}/studio/`)).text()
    expect(html).not.toContain('sanity-cdn.com')
    expect(html).toContain('/studio/static/sanity-AbCd1234.js')
    expect(withoutExternalScripts(INDEX_HTML).replace('<html lang="en"', '<html lang="nl"')).toBe(html)
  })

  it('says the page is Dutch, which Sanity writes as English, so screen readers read it as Dutch', async () => {
    const html = await (await fetch(`${server.url}/studio/`)).text()
    expect(html).toContain('<!DOCTYPE html><html lang="nl">')
    expect(html).not.toContain('lang="en"')
  })

  it('lets the page reach this server only, and forbids other sites to frame it', async () => {
    const policy = (await fetch(`${server.url}/studio/`)).headers.get('content-security-policy') ?? ''
    const directives = new Map(
      policy.split(';').map((directive) => {
        const [name = '', ...sources] = directive.trim().split(/\s+/)
        return [name, sources] as const
      }),
    )
    for (const name of ['default-src', 'font-src', 'frame-ancestors']) {
      expect(directives.get(name)?.[0], name).toBe("'self'")
      expect(
        directives.get(name)?.some((source) => source.startsWith('http') || source === '*'),
        name,
      ).toBe(false)
    }
    // Live connections go to this same port under names below .localhost, which resolve to this machine only.
    expect(directives.get('connect-src')).toEqual(["'self'", `http://*.localhost:${new URL(server.url).port}`])
  })

  it('caches hashed assets for a year and revalidates the page with its ETag', async () => {
    const asset = await fetch(`${server.url}/studio/static/sanity-AbCd1234.js`)
    expect(asset.status).toBe(200)
    expect(asset.headers.get('content-type')).toBe('text/javascript; charset=utf-8')
    expect(asset.headers.get('cache-control')).toBe('public, max-age=31536000, immutable')
    expect(asset.headers.get('x-content-type-options')).toBe('nosniff')
    expect(await asset.text()).toBe(APP_JS)

    const page = await fetch(`${server.url}/studio/`)
    const etag = page.headers.get('etag')
    expect(etag).toMatch(/^".+"$/)
    const again = await fetch(`${server.url}/studio/structure`, {headers: {'if-none-match': etag ?? ''}})
    expect(again.status).toBe(304)
  })

  it('serves the icons the Studio page links at /static/, and nothing else there', async () => {
    expect((await fetch(`${server.url}/static/favicon.ico`)).status).toBe(200)
    expect((await fetch(`${server.url}/static/sanity-AbCd1234.js`)).status).toBe(404)
  })

  it('answers a missing asset with 404, never with the page, so a stale tab fails loudly', async () => {
    const response = await fetch(`${server.url}/studio/static/sanity-OldHash1.js`)
    expect(response.status).toBe(404)
    expect(response.headers.get('content-type')).toContain('application/json')
    expect(((await response.json()) as {message: string}).message).toContain('reload')
  })

  it('never serves a file outside the build, however the path is written', async () => {
    for (const attempt of [
      '/studio/static/../../secret.txt',
      '/studio/static/%2e%2e/%2e%2e/secret.txt',
      '/studio/static/..%2f..%2fsecret.txt',
      '/studio/static/%2e%2e%5c..%5csecret.txt',
    ]) {
      const response = await fetch(`${server.url}${attempt}`)
      const body = await response.text()
      expect(body, attempt).not.toContain('not for the browser')
    }
    // fetch() resolves dot segments itself; a raw request sends them as they are.
    const raw = await new Promise<{status: number; body: string}>((resolve, reject) => {
      get(`${server.url}/studio/static/x`, {path: '/studio/static/../../secret.txt'}, (response) => {
        let body = ''
        response.on('data', (chunk: Buffer) => (body += chunk.toString()))
        response.on('end', () => resolve({status: response.statusCode ?? 0, body}))
      }).on('error', reject)
    })
    expect(raw.body).not.toContain('not for the browser')
    expect((await fetch(`${server.url}/studio/static/%ZZ`)).status).toBe(400)
    expect((await fetch(`${server.url}/studio/static/a%00b.js`)).status).toBe(400)
  })

  it('serves only reads', async () => {
    const response = await fetch(`${server.url}/studio/`, {method: 'POST', body: 'x'})
    expect(response.status).toBe(405)
    expect(response.headers.get('allow')).toBe('GET, HEAD')
  })

  it('says how to build the Studio when there is no build', async () => {
    const empty = await mkdtemp(path.join(tmpdir(), 'studio-none-'))
    const studio = createStudioPages({directory: empty, basePath: '/studio'})
    const bare = await serveHandler((request, response, url) => studio.handle(request, response, url))
    try {
      const response = await fetch(`${bare.url}/studio/`)
      expect(response.status).toBe(503)
      expect(((await response.json()) as {message: string}).message).toContain('npm run build:studio')
    } finally {
      await bare.close()
      await rm(empty, {recursive: true, force: true})
    }
  })
})
