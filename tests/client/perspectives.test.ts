import {afterAll, beforeAll, describe, expect, it} from 'vitest'
import {createContentClient, ContentConfigurationError} from '../../client/index'
import {block, smallDataset} from './fixtures/smallDataset'
import {LAKE_TOKEN, startLocalLake, type TestLake} from '../support/localLake'

const PUBLISHED_SUMMARY = 'Een verzakking ontstaat door zwakte van het ondersteunende weefsel.'
const DRAFT_SUMMARY = 'Conceptversie: nog niet gecontroleerd.'

function datasetWithDrafts() {
  const documents = smallDataset()
  const verzakking = documents.find((document) => document._id === 'condition-verzakking')
  return [
    ...documents,
    {...verzakking, _id: 'drafts.condition-verzakking', summary: DRAFT_SUMMARY, description: [block('Concepttekst.')]},
    // A condition that exists only as a draft, and one only in a release.
    {...verzakking, _id: 'drafts.condition-nieuw', title: 'Nieuw', slug: {_type: 'slug', current: 'nieuw'}, summary: DRAFT_SUMMARY},
    {...verzakking, _id: 'versions.r1.condition-verzakking', summary: 'Versie in een release.'},
  ]
}

let lake: TestLake
beforeAll(async () => {
  lake = await startLocalLake(datasetWithDrafts())
})
afterAll(() => lake.close())

function clients(perspective: 'published' | 'drafts') {
  return [
    createContentClient({dataset: datasetWithDrafts(), perspective}),
    createContentClient({
      perspective,
      // The Lake's token: it reads drafts only with the token it was started with.
      sanity: {projectId: 'local', dataset: 'production', apiHost: lake.url, useProjectHostname: false, token: LAKE_TOKEN},
    }),
  ]
}

describe('drafts never leak', () => {
  it('the published perspective shows published text only, on both backends', async () => {
    for (const client of clients('published')) {
      const page = await client.getCondition('verzakking')
      expect(page?.summary).toBe(PUBLISHED_SUMMARY)
      expect(await client.getCondition('nieuw')).toBeNull()
      const ids = await client.fetch<string[]>('*[_type == "condition"]._id')
      expect(ids.filter((id) => id.startsWith('drafts.') || id.startsWith('versions.'))).toEqual([])
      const hits = await client.search('conceptversie')
      expect(hits).toEqual([])
    }
  })

  it('the drafts perspective overlays drafts on their published documents, on both backends', async () => {
    for (const client of clients('drafts')) {
      const page = await client.getCondition('verzakking')
      expect(page?._id).toBe('condition-verzakking')
      expect(page?.summary).toBe(DRAFT_SUMMARY)
      expect((await client.getCondition('nieuw'))?.summary).toBe(DRAFT_SUMMARY)
      const ids = await client.fetch<string[]>('*[_type == "condition"]._id')
      expect(ids.filter((id) => id === 'condition-verzakking')).toHaveLength(1)
      expect(ids.some((id) => id.startsWith('versions.'))).toBe(false)
    }
  })

  it('the published perspective is the default', async () => {
    const page = await createContentClient({dataset: datasetWithDrafts()}).getCondition('verzakking')
    expect(page?.summary).toBe(PUBLISHED_SUMMARY)
  })

  it('the drafts perspective on the Content Lake requires a token', () => {
    expect(() => createContentClient({perspective: 'drafts', sanity: {projectId: 'local', dataset: 'production'}})).toThrow(ContentConfigurationError)
    expect(() => createContentClient({perspective: 'drafts', sanity: {projectId: 'local', dataset: 'production'}})).toThrow(/token/u)
  })
})
