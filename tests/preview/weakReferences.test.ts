import {afterAll, beforeAll, describe, expect, it} from 'vitest'
import {startLocalLake, type TestLake} from '../support/localLake'
import {seededDocuments} from './support/previewSites'

/**
 * On the seeded content: a related condition is a weak reference, so it may be
 * unpublished and the page that links to it stays up without the link; a
 * complaint on a condition page is a strong one, so the Lake refuses to
 * delete it while the page shows it.
 */

let lake: TestLake

beforeAll(async () => {
  // Writable, unlike previewSites(): the tests unpublish and delete.
  lake = await startLocalLake(await seededDocuments(), {preview: true})
})

afterAll(async () => {
  await lake?.close()
})

describe('references on the seeded pages', () => {
  it('unpublishing Dyspareunie leaves the Vaginisme page standing, without its link', async () => {
    const before = await (await fetch(`${lake.url}/aandoeningen/vaginisme`)).text()
    expect(before).toContain('href="/aandoeningen/dyspareunie"')
    await lake.client().action({actionType: 'sanity.action.document.unpublish', draftId: 'drafts.condition-dyspareunie', publishedId: 'condition-dyspareunie'})
    const response = await fetch(`${lake.url}/aandoeningen/vaginisme`)
    expect(response.status).toBe(200)
    const after = await response.text()
    expect(after).toContain('Vaginisme')
    expect(after).not.toContain('href="/aandoeningen/dyspareunie"')
    expect((await fetch(`${lake.url}/aandoeningen/dyspareunie`)).status).toBe(404)
  })

  it('deleting the complaint Obstipatie, which Verzakking shows, is refused with the referrer named', async () => {
    const refused = await lake
      .client()
      .delete('symptom-obstipatie')
      .then(
        () => null,
        (error: {statusCode?: number; message?: string}) => error,
      )
    expect(refused?.statusCode).toBe(409)
    expect(refused?.message).toContain('Document "symptom-obstipatie" cannot be deleted as there are references to it from "condition-verzakking"')
    expect((await fetch(`${lake.url}/aandoeningen/verzakking`)).status).toBe(200)
  })
})
