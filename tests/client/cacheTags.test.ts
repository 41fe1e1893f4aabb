import {describe, expect, it} from 'vitest'
import {cacheTagsForWebhook, createContentClient, LIST_TAGS, SHARED_TAGS, WEBHOOK_PROJECTION} from '../../client/index'
import {seededDatasetSource} from './support/datasets'

const content = createContentClient({dataset: seededDatasetSource()})

/** The body Sanity would send for a change of `id`, with the documented projection. */
async function webhookBody(id: string): Promise<unknown> {
  return content.fetch(`*[_id == $id][0]${WEBHOOK_PROJECTION}`, {id})
}

describe('cacheTagsForWebhook', () => {
  it('a condition: its page, the lists that show it, and the pages it appears on', async () => {
    const tags = cacheTagsForWebhook(await webhookBody('condition-verzakking'))
    expect(tags).toEqual(expect.arrayContaining(['condition:verzakking', 'conditions', 'condition-groups', 'search']))
    // The symptom and treatment pages list the condition.
    expect(tags).toContain('symptom:balgevoel')
    expect(tags).toContain('treatment:bekkenfysiotherapie')
  })

  it('a risk factor reaches the condition pages through its cause', async () => {
    const tags = cacheTagsForWebhook(await webhookBody('riskFactor-adipositas'))
    expect(tags).toContain('condition:verzakking')
    expect(tags.some((tag) => tag.startsWith('riskFactor'))).toBe(false)
  })

  it('a treatment component reaches its treatment and the conditions treated with it', async () => {
    const tags = cacheTagsForWebhook(await webhookBody('treatmentComponent-bekkenbodemoefeningen'))
    expect(tags).toContain('treatment:bekkenfysiotherapie')
    expect(tags).toContain('condition:verzakking')
  })

  it('the practice and a glossary term, which every condition and treatment page shows, name their own tags', async () => {
    expect(cacheTagsForWebhook(await webhookBody('practice-contact'))).toEqual([SHARED_TAGS.practice])
    expect(cacheTagsForWebhook(await webhookBody('glossaryTerm-adipositas'))).toEqual([SHARED_TAGS.glossary])
    expect(SHARED_TAGS).toEqual({practice: 'practice', glossary: 'glossary'})
  })

  it('the tags match what the client functions tag their requests with', async () => {
    const page = await content.getCondition('verzakking')
    const tags = cacheTagsForWebhook({_id: page?._id, _type: 'condition', slug: {current: page?.slug}})
    expect(tags).toEqual(['condition:verzakking', 'conditions', 'condition-groups', 'search'])
  })

  it('names the list tags the README documents, which a frontend may revalidate by name', () => {
    expect(LIST_TAGS).toEqual({conditionGroups: 'condition-groups', conditions: 'conditions', symptoms: 'symptoms', search: 'search'})
  })

  it('a body that is not a document is a clear error', () => {
    expect(() => cacheTagsForWebhook('condition-verzakking')).toThrow(/JSON object/u)
    expect(() => cacheTagsForWebhook({_id: 'x'})).toThrow(/no string `_type`/u)
  })
})
