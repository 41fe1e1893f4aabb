import {createClient, type ClientConfig, type SanityClient} from '@sanity/client'
import {firstValueFrom} from 'rxjs'
import {afterAll, beforeAll, describe, expect, it} from 'vitest'
import {handleAccountApi, isAccountApiPath} from '../../../lake/studio/accountApi'
import {StudioSignIn} from '../../../lake/studio/studioSignIn'
import {ApiError} from '../../../lake/http/apiError'
import {createLocalAuthStore} from '../../../schemas/studio/local/localAuthStore'
import {LOCAL_EDITOR, LOCAL_PROJECT_ID} from '../../../schemas/studio/local/localSession'
import {serveHandler, type TestServer} from './harness'

const WRITE_TOKEN = 'local-test-token'
let server: TestServer
let sessionToken: string | null = WRITE_TOKEN
const signIn = new StudioSignIn(() => sessionToken)
const preferences = new Map<string, unknown>()

beforeAll(async () => {
  server = await serveHandler(async (request, response, url) => {
    if (!isAccountApiPath(url.pathname)) throw new ApiError(404, 'not an account path')
    await handleAccountApi(request, response, url, {projectId: LOCAL_PROJECT_ID, datasetName: 'production', signIn, studioPath: '/studio/', preferences})
  })
})
afterAll(() => server?.close())

/** A client configured the way the Studio's is: the API on this server's origin, not on *.api.sanity.io. */
function studioClient(apiVersion = '2025-02-19'): SanityClient {
  return createClient({projectId: LOCAL_PROJECT_ID, dataset: 'production', apiHost: server.url, useProjectHostname: false, useCdn: false, apiVersion})
}

describe('account endpoints the Studio asks for before it renders', () => {
  it('tells which paths are account paths and leaves the data API alone', () => {
    expect(isAccountApiPath('/v2026-05-04/users/me')).toBe(true)
    expect(isAccountApiPath('/vX/journey/trial')).toBe(true)
    expect(isAccountApiPath('/v1/help')).toBe(true)
    expect(isAccountApiPath('/v2025-02-19/data/query/production')).toBe(false)
    expect(isAccountApiPath('/studio/')).toBe(false)
    expect(isAccountApiPath('/aandoeningen/verzakking')).toBe(false)
  })

  it('answers the current user with the fixed local editor', async () => {
    const user = await studioClient('2026-05-04').request<typeof LOCAL_EDITOR>({uri: '/users/me'})
    expect(user).toEqual(LOCAL_EDITOR)
    expect(user.roles.map((role) => role.name)).toContain('administrator')
  })

  it('resolves user ids for avatars: the local editor, and nobody else', async () => {
    const users = await studioClient('2021-06-07').request<Array<{id: string; displayName: string}>>({uri: `/users/${LOCAL_EDITOR.id},someone-else`})
    expect(users).toEqual([expect.objectContaining({id: LOCAL_EDITOR.id, displayName: LOCAL_EDITOR.name})])
  })

  it('describes the local project and refuses other project ids', async () => {
    const client = studioClient('2021-12-15')
    const project = await client.request<{id: string; members: Array<{id: string}>}>({
      uri: `/projects/${LOCAL_PROJECT_ID}?includeMembers=false&includeFeatures=false&includeOrganization=true`,
    })
    expect(project.id).toBe(LOCAL_PROJECT_ID)
    expect(project.members.map((member) => member.id)).toEqual([LOCAL_EDITOR.id])
    await expect(client.request({uri: '/projects/abc123xy'})).rejects.toMatchObject({statusCode: 404, message: expect.stringContaining('abc123xy')})
  })

  it('grants every permission on every document of the served dataset, and nothing on others', async () => {
    const client = studioClient('2021-06-07')
    const grants = await client.request<Array<{filter: string; permissions: string[]}>>({uri: `/projects/${LOCAL_PROJECT_ID}/datasets/production/acl`})
    expect(grants).toEqual([{filter: "_id in path('**')", permissions: ['history', 'read', 'update', 'create', 'manage']}])
    await expect(client.request({uri: `/projects/${LOCAL_PROJECT_ID}/datasets/staging/acl`})).rejects.toMatchObject({statusCode: 404})
  })

  it('has no feature flags, no comments dataset and no onboarding messages', async () => {
    const client = studioClient('2025-02-19')
    expect(await client.request({uri: '/features'})).toEqual([])
    expect(await client.request({uri: `/projects/${LOCAL_PROJECT_ID}/datasets?datasetProfile=comments&addonFor=production`})).toEqual([])
    expect(await client.request({uri: `/projects/${LOCAL_PROJECT_ID}/datasets`})).toEqual([expect.objectContaining({name: 'production'})])
    for (const journey of ['announcements', 'trial', 'content-releases', 'document-limit']) {
      expect(await client.request({uri: `/journey/${journey}`})).toEqual({})
    }
  })

  it('has no deployed Studios, no help resources and no consent to usage statistics, and the installed Sanity is the newest there is', async () => {
    expect(await studioClient('2024-09-01').request({uri: `/projects/${LOCAL_PROJECT_ID}/user-applications`})).toEqual([])
    expect(await studioClient('1').request({uri: '/help?m=sanity%405.31.2&locale=nl-NL'})).toEqual({resources: {sectionArray: []}})
    // No usage statistics are collected, so none are sent.
    expect(await studioClient('2023-12-18').request({uri: '/intake/telemetry-status'})).toEqual({status: 'denied'})
    // What the Studio asks Sanity's module CDN, which the local build asks this server instead.
    const versions = await fetch(`${server.url}/v1/modules/sanity/latest/%5E5.31.2/t1796299932`)
    expect(versions.status).toBe(200)
    expect(await versions.json()).toEqual({packageName: 'sanity', latest: '5.31.2'})
  })

  it("keeps the editor's Studio settings (list layout, sort order) while the server runs", async () => {
    const client = studioClient('2025-02-19')
    const keys = 'studio.structure-tool.layout.conditions,studio.structure-tool.sort-order.conditions'
    expect(await client.request({uri: `/users/me/keyvalue/${keys}`})).toEqual([
      {key: 'studio.structure-tool.layout.conditions', value: null},
      {key: 'studio.structure-tool.sort-order.conditions', value: null},
    ])
    const stored = await client.request({method: 'PUT', uri: '/users/me/keyvalue', body: [{key: 'studio.structure-tool.layout.conditions', value: 'detail'}]})
    expect(stored).toEqual([{key: 'studio.structure-tool.layout.conditions', value: 'detail'}])
    expect(await client.request({uri: `/users/me/keyvalue/${keys}`})).toEqual([
      {key: 'studio.structure-tool.layout.conditions', value: 'detail'},
      {key: 'studio.structure-tool.sort-order.conditions', value: null},
    ])
    await expect(client.request({method: 'PUT', uri: '/users/me/keyvalue', body: {key: 'not-a-list'}})).rejects.toMatchObject({statusCode: 400})
  })

  it("takes the Studio's schema as already known, so it sends no schema descriptors", async () => {
    const claim = await studioClient('2025-02-19').request({method: 'POST', uri: '/descriptors/claim', body: {descriptorId: 'x', contextKey: 'dataset:offline0:production'}})
    expect(claim).toEqual({synchronization: {type: 'complete'}})
  })

  it('answers what it does not offer with a 404 in the Lake error shape, for reads and writes alike', async () => {
    for (const [method, path] of [
      ['GET', `/v2025-02-19/schedules/${LOCAL_PROJECT_ID}/production?limit=1`],
      ['POST', '/vX/intake/feedback'],
      ['POST', '/v2025-02-19/descriptors/synchronize'],
      ['GET', '/v2025-03-01/ping'],
    ] as const) {
      const response = await fetch(`${server.url}${path}`, {method})
      expect(response.status, `${method} ${path}`).toBe(404)
      expect(response.headers.get('content-type')).toContain('application/json')
      expect(await response.json()).toEqual({statusCode: 404, error: 'Not Found', message: expect.stringContaining(path.split('?')[0] ?? path)})
    }
  })
})

/** Opens a one-time sign-in link as a browser would, and returns the cookie it set (name=value). */
async function signInCookie(): Promise<string> {
  const path = signIn.issuePath()
  if (path === null) throw new Error('no token, so no sign-in')
  const response = await fetch(`${server.url}${path}`, {redirect: 'manual'})
  expect(response.status).toBe(303)
  expect(response.headers.get('location')).toBe('/studio/')
  const setCookie = response.headers.get('set-cookie') ?? ''
  expect(setCookie).toMatch(/; HttpOnly/)
  expect(setCookie).toMatch(/; SameSite=Strict/)
  return setCookie.split(';')[0] ?? ''
}

describe('the local session', () => {
  it('gives the Studio page in a signed-in browser the editor and the write token', async () => {
    const cookie = await signInCookie()
    const response = await fetch(`${server.url}/v2025-02-19/local/session`, {headers: {'sec-fetch-site': 'same-origin', cookie}})
    expect(response.status).toBe(200)
    expect(response.headers.get('cache-control')).toBe('no-store')
    expect(await response.json()).toEqual({user: LOCAL_EDITOR, token: WRITE_TOKEN})
  })

  it('gives nothing to another site, or to a request a browser did not mark', async () => {
    const cookie = await signInCookie()
    const variants: Array<Record<string, string>> = [{'sec-fetch-site': 'cross-site', cookie}, {'sec-fetch-site': 'same-site', cookie}, {cookie}]
    for (const headers of variants) {
      const response = await fetch(`${server.url}/v2025-02-19/local/session`, {headers})
      expect(response.status).toBe(403)
      expect(JSON.stringify(await response.json())).not.toContain(WRITE_TOKEN)
    }
  })

  it('gives nothing to a local process that sends the header a browser would send, without the cookie only a signed-in browser holds', async () => {
    for (const cookie of [undefined, 'local_studio_session=guess', 'other=1']) {
      const response = await fetch(`${server.url}/v2025-02-19/local/session`, {headers: {'sec-fetch-site': 'same-origin', ...(cookie ? {cookie} : {})}})
      expect(response.status).toBe(401)
      const body = JSON.stringify(await response.json())
      expect(body).not.toContain(WRITE_TOKEN)
      expect(body).toContain('sign-in link')
    }
  })

  it('takes each sign-in link once', async () => {
    const path = signIn.issuePath()!
    expect((await fetch(`${server.url}${path}`, {redirect: 'manual'})).status).toBe(303)
    const again = await fetch(`${server.url}${path}`, {redirect: 'manual'})
    expect(again.status).toBe(403)
    expect(again.headers.get('set-cookie')).toBeNull()
    expect((await fetch(`${server.url}/v2025-02-19/local/sign-in?code=made-up`, {redirect: 'manual'})).status).toBe(403)
  })

  it('says in Dutch how to sign in when the browser has not', async () => {
    const clientFactory = (config: ClientConfig) =>
      createClient({...config, apiHost: server.url, useProjectHostname: false, useCdn: false, maxRetries: 0, headers: {'sec-fetch-site': 'same-origin'}})
    await expect(firstValueFrom(createLocalAuthStore({clientFactory, projectId: LOCAL_PROJECT_ID, dataset: 'production'}).state)).rejects.toThrow(/aanmeldlink/)
  })

  it("makes the Studio's auth store log in as the local editor, with a client for this server that carries the token", async () => {
    // A browser marks the Studio's own requests as same-origin and sends its cookie; in Node the factory adds both.
    const cookie = await signInCookie()
    const clientFactory = (config: ClientConfig) =>
      createClient({...config, apiHost: server.url, useProjectHostname: false, useCdn: false, headers: {'sec-fetch-site': 'same-origin', cookie}})
    const store = createLocalAuthStore({clientFactory, projectId: LOCAL_PROJECT_ID, dataset: 'production'})
    const state = await firstValueFrom(store.state)
    expect(state.authenticated).toBe(true)
    expect(state.currentUser).toEqual(LOCAL_EDITOR)
    expect(state.client.config()).toMatchObject({apiHost: server.url, useProjectHostname: false, token: WRITE_TOKEN, dataset: 'production'})
    if (!store.token) throw new Error('the local auth store must expose its token')
    expect(await firstValueFrom(store.token)).toBe(WRITE_TOKEN)
  })

  it('works read-only: without a token, the Studio reads published content and asks for none', async () => {
    sessionToken = null
    try {
      const clientFactory = (config: ClientConfig) =>
        createClient({...config, apiHost: server.url, useProjectHostname: false, useCdn: false, headers: {'sec-fetch-site': 'same-origin'}})
      const state = await firstValueFrom(createLocalAuthStore({clientFactory, projectId: LOCAL_PROJECT_ID, dataset: 'production'}).state)
      expect(state.client.config().token).toBeUndefined()
    } finally {
      sessionToken = WRITE_TOKEN
    }
  })

  it('says in Dutch what to do when the local server is not there', async () => {
    const clientFactory = (config: ClientConfig) => createClient({...config, apiHost: 'http://127.0.0.1:9', useProjectHostname: false, useCdn: false, maxRetries: 0})
    const store = createLocalAuthStore({clientFactory, projectId: LOCAL_PROJECT_ID, dataset: 'production'})
    await expect(firstValueFrom(store.state)).rejects.toThrow(/npm start/)
  })
})
