import {describe, expect, it} from 'vitest'
import {offlineContext, screenshotSteps, unexpectedExternal} from './support/browser'
import {LOCAL_WRITE_TOKEN, useEditableStudio} from './support/studioServer'
import {openStudioDocument, summaryField, waitUntil} from './support/studioDocument'

const DRAFT_SUMMARY = 'Deze samenvatting is nog een concept en nog niet gepubliceerd.'

const session = useEditableStudio()

/** Asks the local API a GROQ query, as a visitor (no token) or as the editor (the write token). */
async function query(groq: string, options: {perspective?: string; token?: string} = {}): Promise<Response> {
  const url = new URL(`${session.studio.server.url}/v2025-02-19/data/query/production`)
  url.searchParams.set('query', groq)
  if (options.perspective) url.searchParams.set('perspective', options.perspective)
  return fetch(url, {headers: options.token ? {authorization: `Bearer ${options.token}`} : {}})
}

async function draftSummary(): Promise<unknown> {
  const response = await query('*[_id == "drafts.condition-verzakking"][0].summary', {perspective: 'raw', token: LOCAL_WRITE_TOKEN})
  const body = (await response.json()) as {result?: unknown}
  return body.result
}

describe('the Studio at /studio: a saved draft stays private', () => {
  it('keeps an unpublished draft off the preview site and away from the API without a token', async () => {
    const {context, external, pageErrors} = await offlineContext(session.browser, session.studio.server.url, {signInPath: session.studio.signInPath()})
    const page = await context.newPage()
    const step = screenshotSteps('studio-draft-privacy')

    await openStudioDocument(page, session.studio.server.url, 'condition-verzakking', 'condition')
    await summaryField(page).input.fill(DRAFT_SUMMARY)
    // Saved: the server holds the draft (asked with the editor's token).
    await waitUntil(async () => (await draftSummary()) === DRAFT_SUMMARY, 'the draft is saved on the server')
    await step(page, 'draft-saved')

    const preview = await (await fetch(`${session.studio.server.url}/aandoeningen/verzakking`)).text()
    expect(preview).toContain('Verzakking')
    expect(preview).not.toContain(DRAFT_SUMMARY)
    await page.goto(`${session.studio.server.url}/aandoeningen/verzakking`)
    await step(page, 'preview-without-draft')

    // Without a token every perspective reads what an anonymous reader may see, published documents only, as on the Content Lake: no draft comes back.
    const bothIds = '*[_id in ["condition-verzakking", "drafts.condition-verzakking"]]{_id, summary}'
    for (const perspective of [undefined, 'published', 'drafts', 'previewDrafts', 'raw']) {
      const response = await query(bothIds, perspective === undefined ? {} : {perspective})
      expect(response.status, perspective).toBe(200)
      const {result} = (await response.json()) as {result: {_id: string; summary: string}[]}
      expect(
        result.map((document) => document._id),
        perspective,
      ).toEqual(['condition-verzakking'])
      expect(JSON.stringify(result), perspective).not.toContain(DRAFT_SUMMARY)
    }
    const document = await fetch(`${session.studio.server.url}/v2025-02-19/data/doc/production/drafts.condition-verzakking`)
    expect(await document.text()).not.toContain(DRAFT_SUMMARY)

    expect(pageErrors).toEqual([])
    expect(unexpectedExternal(external)).toEqual([])
    await context.close()
  })
})
