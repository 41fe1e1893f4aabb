import {describe, expect, it} from 'vitest'
import {createContentClient, foldForSearch} from '../../client/index'
import {smallDataset} from './fixtures/smallDataset'

describe('search', () => {
  // The slug of this symptom has no "dyspareunie" in it, so only folding the accent can find it.
  const dataset = smallDataset().map((document) => (document._id === 'symptom-pijn-bij-vrijen' ? {...document, description: 'Ook wel dyspareünie genoemd.'} : document))
  const client = createContentClient({dataset})

  it('finds text with diacritics from a query without them, and the other way round', async () => {
    expect((await client.search('dyspareunie')).map((hit) => hit._id)).toContain('symptom-pijn-bij-vrijen')
    expect((await client.search('ONTSTAAT')).map((hit) => hit._id)).toContain('condition-verzakking')
  })

  it('needs every word to match, and finds alternative names', async () => {
    expect((await client.search('prolaps')).map((hit) => hit._id)).toEqual(['condition-verzakking'])
    expect((await client.search('prolaps vaginisme')).map((hit) => hit._id)).toEqual([])
    expect(await client.search('   ')).toEqual([])
  })

  it('returns cards, not the matched text', async () => {
    const [hit] = await client.search('vaginisme')
    expect(Object.keys(hit ?? {}).sort()).toEqual(['_id', '_type', 'slug', 'summary', 'title'])
  })

  it('matches the start of words: a prefix is enough', async () => {
    expect((await client.search('verzak')).map((hit) => hit._id)).toContain('condition-verzakking')
    expect((await client.search('akking')).map((hit) => hit._id)).not.toContain('condition-verzakking')
  })

  it('ranks a hit in title, summary and text above a hit in the title only, and pages with limit and offset', async () => {
    // Dyspareünie has "pijn" in an alternative name, its summary and its text; the symptom only in its title.
    expect((await client.search('pijn')).map((hit) => hit._id)).toEqual(['condition-dyspareunie', 'symptom-pijn-bij-vrijen'])
    // With the same rank, the title decides.
    expect((await client.search('vrijen')).map((hit) => hit.title)).toEqual(['Dyspareünie', 'pijn bij het vrijen'])
    expect(await client.search('pijn', {limit: 1, offset: 1})).toEqual((await client.search('pijn')).slice(1, 2))
    await expect(client.search('pijn', {limit: 101})).rejects.toThrow(/limit must be a whole number from 1 to 100/u)
  })

  it('folds case and accents', () => {
    expect(foldForSearch('Dyspareünie ÉÈ')).toBe('dyspareunie ee')
  })
})
