import {afterEach, describe, expect, it, vi} from 'vitest'
import config from '../../sanity.config'
import {DEFAULT_DATASET, PLACEHOLDER_PROJECT_ID, studioEnvironment} from '../../studio.env'
import {createLocalClientFactory, listenOrigin} from '../../schemas/studio/local/localClientFactory'
import {LOCAL_PROJECT_ID} from '../../schemas/studio/local/localSession'
import {API_PATH_PATTERN, LOCAL_STUDIO_BASE_PATH, studioProjectOptions, studioViteConfig} from '../../schemas/studio/local/studioBuildOptions'

describe('Studio configuration', () => {
  afterEach(() => vi.unstubAllEnvs())

  it('has the Dutch interface, the content structure, Presentation and the GROQ playground', () => {
    // Presentation comes as a plugin without a name of its own: its tool names it.
    const names = config.plugins.map((plugin) => plugin.name ?? (Array.isArray(plugin.tools) ? plugin.tools.map((tool) => tool.name).join() : undefined))
    expect(names).toEqual(['@sanity/locale-nl-nl', 'sanity/structure', 'presentation', '@sanity/vision'])
  })

  it('falls back to a placeholder project, so validate, typegen and build work without an account', () => {
    vi.stubEnv('SANITY_STUDIO_PROJECT_ID', '')
    vi.stubEnv('SANITY_STUDIO_DATASET', '')
    expect(studioEnvironment()).toEqual({projectId: PLACEHOLDER_PROJECT_ID, dataset: DEFAULT_DATASET})
  })

  it('connects to the project and dataset named in the environment', () => {
    vi.stubEnv('SANITY_STUDIO_PROJECT_ID', 'abc123xy')
    vi.stubEnv('SANITY_STUDIO_DATASET', 'staging')
    expect(studioEnvironment()).toEqual({projectId: 'abc123xy', dataset: 'staging'})
  })
})

describe('the workspace connection', () => {
  afterEach(() => {
    vi.unstubAllEnvs()
    vi.resetModules()
  })

  async function configFor(projectId: string) {
    vi.stubEnv('SANITY_STUDIO_PROJECT_ID', projectId)
    vi.resetModules()
    return (await import('../../sanity.config')).default
  }

  it('without a project, talks to the local server as the local editor, with no login', async () => {
    const local = await configFor('')
    expect(local.projectId).toBe(LOCAL_PROJECT_ID)
    expect(local.auth && 'state' in local.auth).toBe(true)
    expect(typeof local.unstable_clientFactory).toBe('function')
    // Content Lake services the local server does not have are switched off.
    expect(local.releases).toEqual({enabled: false})
    expect(local.tasks).toEqual({enabled: false})
    expect(local.scheduledPublishing).toEqual({enabled: false})
    // Comments would be offered on every field and go nowhere.
    expect(local.document?.comments).toEqual({enabled: false})
  })

  it('with a project, is exactly the real project workspace: Sanity login and Sanity API hosts', async () => {
    const real = await configFor('abc123xy')
    expect(real.projectId).toBe('abc123xy')
    expect(real.auth).toBeUndefined()
    expect(real.unstable_clientFactory).toBeUndefined()
    expect(real.releases).toBeUndefined()
    expect(real.tasks).toBeUndefined()
    expect(real.document?.comments).toBeUndefined()
  })

  it('sends every request of the local Studio to the page origin, without cookies and without the CDN', () => {
    const factory = createLocalClientFactory(() => 'http://127.0.0.1:4444')
    const client = factory({projectId: LOCAL_PROJECT_ID, dataset: 'production', apiVersion: '2025-02-19', useCdn: true, withCredentials: true})
    expect(client.config()).toMatchObject({apiHost: 'http://127.0.0.1:4444', useProjectHostname: false, useCdn: false, withCredentials: false})
    expect(client.getUrl(client.getDataUrl('query'))).toBe('http://127.0.0.1:4444/v2025-02-19/data/query/production')
    // The Studio derives every other client from this one.
    expect(client.withConfig({apiVersion: '2021-06-07'}).getUrl('/users/me')).toBe('http://127.0.0.1:4444/v2021-06-07/users/me')
  })

  it('gives each live connection a loopback name of its own, so they do not use up the six connections a browser allows per host', () => {
    expect(listenOrigin('http://127.0.0.1:4444', 1)).toBe('http://listen-1.localhost:4444')
    expect(listenOrigin('http://localhost:3333', 12)).toBe('http://listen-12.localhost:3333')
    expect(listenOrigin('http://[::1]:3333', 2)).toBe('http://listen-2.localhost:3333')
    // A page that is not on this machine's loopback keeps its own origin: .localhost would not reach its server.
    expect(listenOrigin('http://studio.example:3333', 3)).toBe('http://studio.example:3333')
  })
})

describe('the Studio build settings', () => {
  it('always turns the project id into a constant, so the build drops the workspace it does not use', () => {
    expect(studioViteConfig({define: {other: '1'}}, {}).define).toEqual({other: '1', 'process.env.SANITY_STUDIO_PROJECT_ID': '""'})
    expect(studioViteConfig<{define?: Record<string, unknown>}>({}, {SANITY_STUDIO_PROJECT_ID: ' abc123xy '}).define).toEqual({
      'process.env.SANITY_STUDIO_PROJECT_ID': '"abc123xy"',
    })
  })

  it("passes the development Studio's API requests to the local server, only when there is no project", () => {
    const local = studioViteConfig({server: {port: 3334}}, {})
    expect(local.server).toEqual({port: 3334, proxy: {[API_PATH_PATTERN]: {target: 'http://127.0.0.1:3333', changeOrigin: true}}})
    expect(studioViteConfig<{server?: object}>({}, {LOCAL_SERVER_URL: 'http://127.0.0.1:4000'}).server).toMatchObject({
      proxy: {[API_PATH_PATTERN]: {target: 'http://127.0.0.1:4000'}},
    })
    expect(studioViteConfig({server: {port: 3334}}, {SANITY_STUDIO_PROJECT_ID: 'abc123xy'}).server).toEqual({port: 3334})
    const pattern = new RegExp(API_PATH_PATTERN)
    for (const path of ['/v2025-02-19/data/query/production', '/v1/help', '/vX/users/me']) expect(pattern.test(path), path).toBe(true)
    for (const path of ['/studio/', '/studio/static/sanity-abc.js', '/@vite/client', '/node_modules/.vite/deps/sanity.js', '/vision']) expect(pattern.test(path), path).toBe(false)
  })

  it("builds the local Studio for /studio, and leaves a real project's base path alone", () => {
    expect(studioProjectOptions({})).toEqual({project: {basePath: LOCAL_STUDIO_BASE_PATH}})
    expect(studioProjectOptions({SANITY_STUDIO_PROJECT_ID: '  '})).toEqual({project: {basePath: LOCAL_STUDIO_BASE_PATH}})
    expect(studioProjectOptions({SANITY_STUDIO_PROJECT_ID: 'abc123xy'})).toEqual({})
  })
})
