import {afterAll, beforeAll, describe, expect, it} from 'vitest'
import {previewSites, seededDocuments} from './support/previewSites'
import {startLocalLake, type TestLake} from '../support/localLake'
import {writeTempDataset} from '../lake/fixtures'
import {readServerConfig} from '../../lake/config'
import {startServer} from '../../lake/server'
import {createPreviewSite} from '../../preview/site'
import {recordMedicalReview} from '../../schemas/studio/recordMedicalReview'
import type {SanityDocument} from '@sanity/client'

interface StoredDocument {
  _id: string
  _type: string
  _rev?: string
  review?: Record<string, unknown>
  [field: string]: unknown
}

const PAGE = '/aandoeningen/verzakking'
/** Far enough from today either way that the tests do not depend on the day they run. */
const LONG_AGO = {lastReviewed: '2020-01-10', nextReview: '2023-01-10'}
const FAR_AHEAD = {lastReviewed: '2096-01-10', nextReview: '2099-01-10'}

let documents: StoredDocument[]
const sites = previewSites()

beforeAll(async () => {
  documents = await seededDocuments<StoredDocument>()
})

async function pageHtml(server: {url: string}, path = PAGE): Promise<string> {
  return (await fetch(`${server.url}${path}`)).text()
}

/** The review block under the title. */
function reviewBlock(html: string): string {
  return /<div class="review-block">(.*?)<\/div>/s.exec(html)?.[1] ?? ''
}

function jsonLdOf(html: string): Record<string, unknown> {
  const match = /<script type="application\/ld\+json">(.*?)<\/script>/s.exec(html)
  return JSON.parse(match?.[1] ?? '{}') as Record<string, unknown>
}

/** The seeded dataset with the prolapse page's review (and `_rev`) replaced. */
function withVerzakking(change: {_rev: string; review: Record<string, unknown>}): StoredDocument[] {
  return documents.map((document) => (document._id === 'condition-verzakking' ? {...document, ...change} : document))
}

const reviewRecord = (dates: {lastReviewed: string; nextReview: string}, role = 'bekkenfysiotherapeut') => ({
  _type: 'review',
  ...dates,
  reviewedBy: 'J. Jansen',
  reviewerRole: role,
  reviewedRevision: 'revision-that-was-reviewed',
})

describe('the review status under the title of a page', () => {
  it('says plainly that an imported text is not medically checked, and names no reviewer or review date', async () => {
    const html = await pageHtml(await sites.serve(documents))
    const about = reviewBlock(html)
    expect(about).toContain('Nog niet medisch gecontroleerd.')
    expect(about).not.toContain('Gecontroleerd door')
    expect(about).not.toContain('Gewijzigd sinds')
    expect(about).toContain('<time datetime="2027-02-28">28 februari 2027</time>')
    expect(jsonLdOf(html)).not.toHaveProperty('lastReviewed')
    expect(jsonLdOf(html)).not.toHaveProperty('reviewedBy')
  })

  it('says that the planned first check is late once its date has passed', async () => {
    const site = await sites.serve(withVerzakking({_rev: 'imported', review: {_type: 'review', nextReview: LONG_AGO.nextReview}}))
    expect(reviewBlock(await pageHtml(site))).toContain('Nog niet medisch gecontroleerd.</strong> De controle die gepland stond vóór')
  })

  it('names the date, the reviewer and the role when the text on the page is the reviewed revision', async () => {
    const html = await pageHtml(await sites.serve(withVerzakking({_rev: 'revision-that-was-reviewed', review: reviewRecord(FAR_AHEAD)})))
    const about = reviewBlock(html)
    expect(about).not.toContain('Nog niet medisch gecontroleerd')
    expect(about).not.toContain('Gewijzigd sinds')
    expect(about).not.toContain('nieuwe medische controle')
    expect(about).toContain('<dt>Medisch gecontroleerd</dt><dd><time datetime="2096-01-10">10 januari 2096</time></dd>')
    expect(about).toContain('<dt>Gecontroleerd door</dt><dd>J. Jansen, bekkenfysiotherapeut</dd>')
    expect(about).toContain('<dt>Volgende controle</dt><dd><span class="addition"><time datetime="2099-01-10">10 januari 2099</time></span></dd>')
    expect(jsonLdOf(html)).toMatchObject({lastReviewed: '2096-01-10', reviewedBy: {'@type': 'Person', name: 'J. Jansen', jobTitle: 'bekkenfysiotherapeut'}})
  })

  it('says that a new check is needed once the date of the next check has passed, and keeps the last real review', async () => {
    const html = await pageHtml(await sites.serve(withVerzakking({_rev: 'revision-that-was-reviewed', review: reviewRecord(LONG_AGO, 'huisarts')})))
    const about = reviewBlock(html)
    expect(about).toContain('Een nieuwe medische controle is nodig.')
    expect(about).toContain('<dt>Gecontroleerd door</dt><dd>J. Jansen, huisarts</dd>')
    expect(about).toContain('<time datetime="2020-01-10">10 januari 2020</time>')
    expect(jsonLdOf(html)).toMatchObject({lastReviewed: '2020-01-10', reviewedBy: {name: 'J. Jansen', jobTitle: 'huisarts'}})
  })

  it('says that the text changed since its check when the document has moved on from the reviewed revision', async () => {
    const html = await pageHtml(await sites.serve(withVerzakking({_rev: 'revision-of-a-later-edit', review: reviewRecord(FAR_AHEAD)})))
    const about = reviewBlock(html)
    expect(about).toContain('<strong>Gewijzigd sinds de medische controle.</strong>')
    expect(about).toContain('<dt>Laatste medische controle</dt><dd><time datetime="2096-01-10">10 januari 2096</time></dd>')
    expect(about).not.toContain('<dt>Medisch gecontroleerd</dt>')
    // Search engines are not told that a clinician checked a text no clinician has seen.
    expect(jsonLdOf(html)).not.toHaveProperty('lastReviewed')
    expect(jsonLdOf(html)).not.toHaveProperty('reviewedBy')
  })

  it('shows the review on the treatment page too', async () => {
    const treatment = documents.find((document) => document._type === 'treatment')
    const slug = (treatment?.slug as {current: string} | undefined)?.current
    const changed = documents.map((document) => (document === treatment ? {...document, _rev: 'revision-of-a-later-edit', review: reviewRecord(FAR_AHEAD)} : document))
    expect(reviewBlock(await pageHtml(await sites.serve(changed), `/behandelingen/${slug}`))).toContain('Gewijzigd sinds de medische controle.')
  })
})

describe('a check that falls due overnight', () => {
  it('is due on the page from its date on, without a new dataset version, and a stored ETag of the day before no longer matches', async () => {
    let day = '2029-11-09'
    const {datasetPath, remove} = await writeTempDataset(
      withVerzakking({_rev: 'revision-that-was-reviewed', review: reviewRecord({lastReviewed: '2026-11-10', nextReview: '2029-11-10'})}),
    )
    const config = readServerConfig(['--dataset', datasetPath, '--port', '0'], {QUERY_WORKERS: '1'})
    const server = await startServer(config, {pages: (store) => createPreviewSite({store, today: () => day})})
    try {
      const before = await fetch(`${server.url}${PAGE}`)
      expect(reviewBlock(await before.text())).not.toContain('Een nieuwe medische controle is nodig.')
      const etag = before.headers.get('etag') ?? ''
      day = '2029-11-10'
      const after = await fetch(`${server.url}${PAGE}`, {headers: {'if-none-match': etag}})
      expect(after.status).toBe(200)
      expect(reviewBlock(await after.text())).toContain('Een nieuwe medische controle is nodig.')
    } finally {
      await server.close()
      await remove()
    }
  })
})

describe('recording a review, then editing the text', () => {
  let lake: TestLake
  beforeAll(async () => {
    lake = await startLocalLake(documents, {preview: true})
  })
  afterAll(async () => {
    await lake.close()
  })

  async function published(): Promise<SanityDocument> {
    const document = await lake.client().getDocument('condition-verzakking')
    if (!document) throw new Error('condition-verzakking is gone')
    return document
  }

  it('the page says reviewed after the review, changed since the review after an edit, and reviewed again after a new check', async () => {
    const today = new Date().toISOString().slice(0, 10)
    const revision = await recordMedicalReview(
      lake.client(),
      {id: 'condition-verzakking', draft: null, published: await published()},
      {reviewedBy: 'J. Jansen', reviewerRole: 'arts'},
      today,
    )
    const afterReview = await published()
    // The review names the revision it made, and the next check follows the review date by the default 36 months.
    expect(afterReview._rev).toBe(revision)
    expect(afterReview.review).toMatchObject({lastReviewed: today, reviewedBy: 'J. Jansen', reviewerRole: 'arts', reviewedRevision: revision, intervalMonths: 36})
    expect((afterReview.review as {nextReview: string}).nextReview).toBe(`${Number(today.slice(0, 4)) + 3}${today.slice(4) === '-02-29' ? '-02-28' : today.slice(4)}`)
    let about = reviewBlock(await pageHtml(lake))
    expect(about).toContain('<dt>Medisch gecontroleerd</dt>')
    expect(about).toContain('J. Jansen, arts')
    expect(about).not.toContain('Gewijzigd sinds')

    await lake
      .client()
      .patch('condition-verzakking')
      .set({summary: `${afterReview.summary as string} Een zin van de redactie.`})
      .commit()
    about = reviewBlock(await pageHtml(lake))
    expect(about).toContain('Gewijzigd sinds de medische controle.')
    expect(jsonLdOf(await pageHtml(lake))).not.toHaveProperty('lastReviewed')

    await recordMedicalReview(lake.client(), {id: 'condition-verzakking', draft: null, published: await published()}, {reviewedBy: 'J. Jansen', reviewerRole: 'arts'}, today)
    expect(reviewBlock(await pageHtml(lake))).not.toContain('Gewijzigd sinds')
  })

  it('publishes the draft that was checked, with its review, in one transaction', async () => {
    const current = await published()
    const draft = {...current, _id: 'drafts.condition-verzakking', summary: 'Een nieuwe samenvatting die de zorgverlener heeft gelezen.'}
    await lake.client().createOrReplace(draft)
    const storedDraft = await lake.client().getDocument('drafts.condition-verzakking')
    const revision = await recordMedicalReview(
      lake.client(),
      {id: 'condition-verzakking', draft: storedDraft ?? null, published: current},
      {reviewedBy: 'A. de Vries', reviewerRole: 'fysiotherapeut'},
    )
    expect(await lake.client().getDocument('drafts.condition-verzakking')).toBeUndefined()
    const after = await published()
    expect(after).toMatchObject({_rev: revision, summary: draft.summary, review: {reviewedBy: 'A. de Vries', reviewedRevision: revision}})
    expect(reviewBlock(await pageHtml(lake))).toContain('A. de Vries, fysiotherapeut')
  })

  it('refuses to record a review on a text someone saved after the reviewer read it', async () => {
    const seen = await published()
    await lake.client().patch('condition-verzakking').set({summary: 'Intussen door iemand anders aangepast.'}).commit()
    await expect(recordMedicalReview(lake.client(), {id: 'condition-verzakking', draft: null, published: seen}, {reviewedBy: 'J. Jansen', reviewerRole: 'arts'})).rejects.toThrow()
    expect(reviewBlock(await pageHtml(lake))).toContain('Gewijzigd sinds de medische controle.')
  })
})
