import {type MutationEvent, type SanityClient} from '@sanity/client'
import {afterAll, beforeAll, describe, expect, it, vi} from 'vitest'
import {createContentClient} from '../../client/index'
import {LAKE_TOKEN, startLocalLake, type TestLake} from '../support/localLake'

/**
 * The Content Lake's default access rule: without a token, a reader sees only
 * documents on the root path. An id with a `.` is private even when
 * published (`settings.site`), and drafts (`drafts.…`) are private too.
 */

const TOKEN = LAKE_TOKEN
const DOCUMENTS = [
  {_id: 'condition-a', _type: 'condition', title: 'Openbaar'},
  {_id: 'settings.site', _type: 'settings', title: 'Privé'},
  {_id: 'drafts.condition-a', _type: 'condition', title: 'Concept'},
]

let lake: TestLake

beforeAll(async () => {
  lake = await startLocalLake(DOCUMENTS)
})

afterAll(async () => {
  await lake?.close()
})

function client(token?: string): SanityClient {
  return lake.client({token: token ?? null})
}

describe('documents on the root path are public, the rest needs the token', () => {
  it('queries: an anonymous reader sees condition-a only; the token sees settings.site too', async () => {
    expect(await client().fetch('*._id')).toEqual(['condition-a'])
    expect(await client().fetch('*[_id == "settings.site"][0]')).toBeNull()
    expect((await client(TOKEN).fetch<string[]>('*._id')).sort()).toEqual(['condition-a', 'settings.site'])
  })

  it('a wrong token is refused, not treated as anonymous', async () => {
    const refused = await client('not-the-token-0123456789')
      .fetch('*._id')
      .then(
        () => null,
        (error: {statusCode?: number}) => error.statusCode,
      )
    expect(refused).toBe(401)
  })

  it('documents by id: a private id is omitted for permission without the token, and given with it', async () => {
    const anonymous = (await (await fetch(`${lake.url}/v2025-02-19/data/doc/production/condition-a,settings.site`)).json()) as {
      documents: Array<{_id: string}>
      omitted: unknown[]
    }
    expect(anonymous.documents.map((document) => document._id)).toEqual(['condition-a'])
    expect(anonymous.omitted).toEqual([{id: 'settings.site', reason: 'permission'}])
    const [site] = await client(TOKEN).getDocuments(['settings.site'])
    expect(site?.title).toBe('Privé')
  })

  it('listen: an anonymous listener hears a change to condition-a, never to settings.site', async () => {
    const heard: string[] = []
    const subscription = client()
      .listen('*', {}, {events: ['welcome', 'mutation']})
      .subscribe((event) => heard.push(event.type === 'mutation' ? (event as MutationEvent).documentId : event.type))
    try {
      await vi.waitFor(() => expect(heard).toEqual(['welcome']))
      await client(TOKEN).patch('settings.site').set({title: 'Nog steeds privé'}).commit()
      await client(TOKEN).patch('condition-a').set({title: 'Openbaar, bijgewerkt'}).commit()
      await vi.waitFor(() => expect(heard).toHaveLength(2))
      expect(heard).toEqual(['welcome', 'condition-a'])
    } finally {
      subscription.unsubscribe()
    }
  })

  it('the embedded backend reads published content as an anonymous reader of a public dataset does', async () => {
    const content = createContentClient({dataset: DOCUMENTS})
    expect(await content.fetch('*._id')).toEqual(['condition-a'])
  })
})
