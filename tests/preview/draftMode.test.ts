import {readFile} from 'node:fs/promises'
import {fileURLToPath} from 'node:url'
import {createPreviewSecret} from '@sanity/preview-url-secret/create-secret'
import {afterAll, beforeAll, describe, expect, it} from 'vitest'
import {DRAFT_MODE_DISABLE_PATH, DRAFT_MODE_ENABLE_PATH, VISUAL_EDITING_SCRIPT_PATH} from '../../schemas/studio/previewPaths'
import {startLocalLake, type TestLake} from '../support/localLake'

const SEEDED_DATASET = fileURLToPath(new URL('../../dataset/production.ndjson', import.meta.url))
const PAGE = '/aandoeningen/verzakking'
const DRAFT_SENTENCE = 'Deze zin staat alleen in het concept van de pagina.'
/** Zero-width and tag characters, which stega encoding hides in text. */
const STEGA_CHARACTERS = /[\u200B-\u200D\u2060\uFEFF]|[\u{E0000}-\u{E007F}]/u

let lake: TestLake

beforeAll(async () => {
  const documents = (await readFile(SEEDED_DATASET, 'utf8'))
    .split('\n')
    .filter((line) => line.trim() !== '')
    .map((line) => JSON.parse(line) as {_id: string; _type: string})
  lake = await startLocalLake(documents, {preview: true})
  const published = documents.find((document) => document._id === 'condition-verzakking')
  if (!published) throw new Error('The seeded dataset has no condition-verzakking.')
  await lake.client().create({...published, _id: 'drafts.condition-verzakking', summary: DRAFT_SENTENCE})
})

afterAll(async () => {
  await lake?.close()
})

/** A secret as the Studio's Presentation tool writes it: a private document, through the Lake, with the token. */
async function studioSecret(): Promise<string> {
  const {secret} = await createPreviewSecret(lake.client(), 'sanity/presentation', `${lake.url}/studio/presentation`, 'local-editor')
  return secret
}

function enableUrl(secret: string | null, pathname = PAGE): string {
  const search = new URLSearchParams({...(secret === null ? {} : {'sanity-preview-secret': secret}), 'sanity-preview-pathname': pathname})
  return `${lake.url}${DRAFT_MODE_ENABLE_PATH}?${search}`
}

async function enterDraftMode(): Promise<{cookie: string; setCookie: string; location: string | null}> {
  const response = await fetch(enableUrl(await studioSecret()), {redirect: 'manual'})
  expect(response.status).toBe(307)
  const setCookie = response.headers.get('set-cookie') ?? ''
  return {cookie: setCookie.split(';')[0] ?? '', setCookie, location: response.headers.get('location')}
}

async function pageHtml(path: string, cookie?: string): Promise<{status: number; html: string; headers: Headers}> {
  const response = await fetch(`${lake.url}${path}`, cookie ? {headers: {cookie}} : {})
  return {status: response.status, html: await response.text(), headers: response.headers}
}

describe('draft mode on the preview site', () => {
  it('is refused without a valid secret from the Studio', async () => {
    for (const url of [enableUrl(null), enableUrl('made-up-secret'), enableUrl('')]) {
      const response = await fetch(url, {redirect: 'manual'})
      expect([401, 403]).toContain(response.status)
      expect(response.headers.get('set-cookie')).toBeNull()
    }
  })

  it('keeps the secrets private: a reader without the token cannot list them', async () => {
    await studioSecret()
    // The shared-access secret Presentation can write has a dotted id under sanity-preview-url-secret: private too.
    await lake.client().createOrReplace({_id: 'sanity-preview-url-secret.share-access', _type: 'sanity.previewUrlShareAccess', secret: 'shared-secret'})
    const query = 'count(*[_type in ["sanity.previewUrlSecret", "sanity.previewUrlShareAccess"]])'
    const anonymous = await lake.client({token: null}).fetch<number>(query)
    const withToken = await lake.client({perspective: 'raw'}).fetch<number>(query)
    expect(anonymous).toBe(0)
    expect(withToken).toBeGreaterThanOrEqual(2)
    await lake.client().delete('sanity-preview-url-secret.share-access')
  })

  it('opens with the secret: an HttpOnly SameSite cookie, then the page asked for', async () => {
    const {setCookie, location} = await enterDraftMode()
    expect(setCookie).toMatch(/HttpOnly/u)
    expect(setCookie).toMatch(/SameSite=Strict/u)
    expect(setCookie).not.toContain(lake.token ?? 'no token')
    expect(location).toBe(PAGE)
  })

  it('shows the draft with edit targets and a banner, and never the token', async () => {
    const {cookie} = await enterDraftMode()
    const {html, headers} = await pageHtml(PAGE, cookie)
    expect(html).toContain(DRAFT_SENTENCE)
    expect(html).toContain('Conceptweergave')
    expect(html).toContain(DRAFT_MODE_DISABLE_PATH)
    expect(html).toContain(`src="${VISUAL_EDITING_SCRIPT_PATH}"`)
    expect(html).toMatch(/data-sanity="id=condition-verzakking;type=condition;path=title/u)
    // Every cause on the page, in order, opens its own document's text.
    const causeList = /<ul class="causes"[^>]*>(.*?)<\/ul>/su.exec(html)?.[1] ?? ''
    const items = [...causeList.matchAll(/<li([^>]*)>/gu)].map((match) => match[1] ?? '')
    expect(items.length).toBeGreaterThanOrEqual(2)
    for (const attributes of items) expect(attributes).toMatch(/^ data-sanity="id=cause-[^;"]+;type=cause;path=description;base=%2Fstudio"$/u)
    expect(html).not.toContain(lake.token ?? 'no token')
    expect(headers.get('cache-control')).toBe('no-store')
    // The head is as on the public page: no edit targets in the title, meta tags or JSON-LD.
    const head = html.slice(0, html.indexOf('</head>'))
    expect(head).not.toContain('data-sanity')
    expect(head).not.toMatch(STEGA_CHARACTERS)
    const script = await fetch(`${lake.url}${VISUAL_EDITING_SCRIPT_PATH}`, {headers: {cookie}})
    expect(script.status).toBe(200)
    expect(script.headers.get('content-type')).toMatch(/javascript/u)
    expect(await script.text()).not.toContain(lake.token ?? 'no token')
  })

  it('leaves the public page alone: no draft, no edit targets, no stega, no script', async () => {
    const {status, html} = await pageHtml(PAGE)
    expect(status).toBe(200)
    expect(html).not.toContain(DRAFT_SENTENCE)
    expect(html).not.toContain('data-sanity')
    expect(html).not.toContain('Conceptweergave')
    expect(html).not.toMatch(STEGA_CHARACTERS)
    expect(html).not.toContain('<script type="module"')
    expect((await pageHtml(VISUAL_EDITING_SCRIPT_PATH)).status).toBe(404)
    // A made-up cookie is no session.
    expect((await pageHtml(PAGE, 'bekkenbodem-draft-mode=guessed')).html).not.toContain(DRAFT_SENTENCE)
  })

  it('ends with the way out: the same browser sees the public page again', async () => {
    const {cookie} = await enterDraftMode()
    const exit = await fetch(`${lake.url}${DRAFT_MODE_DISABLE_PATH}?redirect=${encodeURIComponent(PAGE)}`, {headers: {cookie}, redirect: 'manual'})
    expect(exit.status).toBe(307)
    expect(exit.headers.get('location')).toBe(PAGE)
    expect(exit.headers.get('set-cookie')).toMatch(/Max-Age=0/u)
    expect((await pageHtml(PAGE, cookie)).html).not.toContain(DRAFT_SENTENCE)
  })
})
