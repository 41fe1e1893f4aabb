import type {ClientPerspective, ListenEvent, MutationEvent, SanityClient} from '@sanity/client'
import {readFileSync} from 'node:fs'
import {afterAll, beforeAll, describe, expect, it} from 'vitest'
import {parseNdjson} from '../../client/embedded/dataset'
import {LAKE_TOKEN, startLocalLake, type TestLake} from '../support/localLake'

const DOCUMENTS = [
  {_id: 'condition-a', _type: 'condition', _rev: 'r0', title: 'Verzakking', count: 0},
  {_id: 'symptom-s', _type: 'symptom', _rev: 'r0', title: 'Pijn'},
]
let lake: TestLake

beforeAll(async () => {
  lake = await startLocalLake(DOCUMENTS)
})

afterAll(() => lake.close())

/** A client with the write token, another token, or (null) none; published reads unless told otherwise. */
function client(token: string | null = LAKE_TOKEN, perspective?: ClientPerspective): SanityClient {
  return lake.client({token, ...(perspective ? {perspective} : {})})
}

describe('mutations through @sanity/client', () => {
  it('create, createIfNotExists, createOrReplace, patch and delete, with the documents and ids the client returns', async () => {
    const created = await client().create({_id: 'symptom-n', _type: 'symptom', title: 'Nieuw'})
    expect(created).toMatchObject({_id: 'symptom-n', title: 'Nieuw', _rev: expect.any(String), _createdAt: expect.any(String), _updatedAt: created._createdAt})
    expect(await client().createIfNotExists({_id: 'symptom-n', _type: 'symptom', title: 'Niet dit'})).toMatchObject({title: 'Nieuw'})
    expect(await client().createOrReplace({_id: 'symptom-n', _type: 'symptom', title: 'Vervangen'})).toMatchObject({title: 'Vervangen', _createdAt: created._createdAt})
    const patched = await client()
      .patch('symptom-n')
      .set({title: 'Gewijzigd'})
      .setIfMissing({tags: [], n: 0})
      .append('tags', [{_key: 'a', name: 'x'}])
      .inc({n: 2})
      .dec({n: 1})
      .commit()
    expect(patched).toMatchObject({title: 'Gewijzigd', tags: [{_key: 'a', name: 'x'}], n: 1})
    const diffed = await client().patch('symptom-n').diffMatchPatch({title: '@@ -1,9 +1,10 @@\n Gewijzigd\n+!\n'}).unset(['tags']).commit()
    expect(diffed.title).toBe('Gewijzigd!')
    expect(diffed).not.toHaveProperty('tags')
    const deleted = await client().delete('symptom-n')
    expect(deleted).toMatchObject({documentIds: ['symptom-n'], results: [{id: 'symptom-n', operation: 'delete'}], transactionId: expect.any(String)})
    expect(await client().fetch('*[_id == "symptom-n"][0]')).toBeNull()
  })

  it('a transaction is all or nothing, and the error names the failing mutation', async () => {
    const error = await client()
      .transaction()
      .patch('condition-a', (patch) => patch.set({title: 'Half'}))
      .create({_id: 'symptom-s', _type: 'symptom'})
      .commit()
      .catch((caught: unknown) => caught)
    expect(error).toMatchObject({statusCode: 409})
    expect((error as Error).message).toMatch(/The mutation\(s\) failed.*Document by ID "symptom-s" already exists/su)
    expect(await client().fetch('*[_id == "condition-a"][0].title')).toBe('Verzakking')
    const ok = await client()
      .transaction()
      .patch('condition-a', (patch) => patch.inc({count: 1}))
      .createOrReplace({_id: 'symptom-t', _type: 'symptom'})
      .commit({transactionId: 'tx-fixed'})
    expect(ok).toMatchObject({transactionId: 'tx-fixed', documentIds: ['condition-a', 'symptom-t']})
  })

  it('accepts every visibility, and answers only once the write is visible to queries; refuses an unknown one', async () => {
    for (const [index, visibility] of (['sync', 'async', 'deferred'] as const).entries()) {
      await client().create({_id: `visible-${index}`, _type: 'note'}, {visibility})
      expect(await client().fetch('count(*[_id == $id])', {id: `visible-${index}`})).toBe(1)
    }
    const response = await fetch(`${lake.url}/v2025-02-19/data/mutate/production?visibility=later`, {
      method: 'POST',
      headers: {authorization: `Bearer ${LAKE_TOKEN}`, 'content-type': 'application/json'},
      body: JSON.stringify({mutations: [{create: {_id: 'never', _type: 'note'}}]}),
    })
    expect(response.status).toBe(400)
    expect(await client().fetch('count(*[_id == "never"])')).toBe(0)
  })

  it('refuses inc and dec on a value that is not a number, as the Content Lake does, instead of ignoring them', async () => {
    const refused = await client()
      .patch('condition-a')
      .inc({title: 1})
      .commit()
      .then(
        () => null,
        (error: {statusCode?: number; message?: string}) => error,
      )
    expect(refused?.statusCode).toBe(400)
    expect(refused?.message).toContain('cannot inc "title": it holds a string, not a number')
    expect(await client().fetch('*[_id == "condition-a"][0].title')).toBe('Verzakking')
    const before = await client().fetch<number>('*[_id == "condition-a"][0].count')
    await client().patch('condition-a').inc({count: 2}).dec({count: 1}).commit()
    expect(await client().fetch('*[_id == "condition-a"][0].count')).toBe(before + 1)
  })

  it('refuses a patch that would nest a document deeper than MAX_JSON_DEPTH (64)', async () => {
    const deepPath = Array.from({length: 70}, (_, level) => `level${level}`).join('.')
    const refused = await client()
      .patch('condition-a')
      .set({[deepPath]: true})
      .commit()
      .then(
        () => null,
        (error: {statusCode?: number; message?: string}) => error,
      )
    expect(refused?.statusCode).toBe(400)
    expect(refused?.message).toContain('deeper than 64 levels (MAX_JSON_DEPTH)')
    expect(await client().fetch('defined(*[_id == "condition-a"][0].level0)')).toBe(false)
  })

  it('a dry run answers as if applied and changes nothing', async () => {
    const answer = await client().patch('condition-a').set({title: 'Proef'}).commit({dryRun: true})
    expect(answer.title).toBe('Proef')
    expect(await client().fetch('*[_id == "condition-a"][0].title')).toBe('Verzakking')
  })

  it('delete by query', async () => {
    await client().create({_id: 'tmp.1', _type: 'tmp'})
    await client().create({_id: 'tmp.2', _type: 'tmp'})
    await client().delete({query: '*[_type == $type]', params: {type: 'tmp'}})
    expect(await client().fetch('count(*[_type == "tmp"])')).toBe(0)
  })

  it('two editors patch the same revision: one wins, the other gets 409, no edit is lost silently', async () => {
    const current = await client().fetch<{_rev: string}>('*[_id == "condition-a"][0]{_rev}')
    const results = await Promise.allSettled(['Eerste', 'Tweede'].map((title) => client().patch('condition-a').ifRevisionId(current._rev).set({title}).commit()))
    const won = results.filter((result) => result.status === 'fulfilled').map((result) => result.value.title as unknown)
    const lost = results.filter((result): result is PromiseRejectedResult => result.status === 'rejected')
    expect(won).toHaveLength(1)
    expect(lost).toHaveLength(1)
    expect(lost[0]!.reason).toMatchObject({statusCode: 409})
    expect((lost[0]!.reason as Error).message).toMatch(/unexpected revision ID/)
    const stored = await client().fetch<string>('*[_id == "condition-a"][0].title')
    expect(stored).toBe(won[0])
  })

  it('acknowledged writes are in the dataset file once the Lake has stopped', async () => {
    const own = await startLocalLake(DOCUMENTS)
    try {
      await own.client().patch('symptom-s').set({title: 'Duurzaam'}).commit()
      await own.stop()
      expect(parseNdjson(readFileSync(own.datasetPath, 'utf8')).find((document) => document._id === 'symptom-s')?.title).toBe('Duurzaam')
    } finally {
      await own.close()
    }
  })
})

describe('access', () => {
  it('writes need the token: none gives 403, a wrong one 401', async () => {
    await expect(client(null).create({_type: 'x'})).rejects.toMatchObject({statusCode: 403})
    await expect(client('not-the-token-0123456789').create({_type: 'x'})).rejects.toMatchObject({statusCode: 401})
  })

  it('the token is checked before the body is read, and each endpoint takes its own method only', async () => {
    const api = (endpoint: string, init: RequestInit = {}) => fetch(`${lake.url}/v2025-02-19/data/${endpoint}/production`, init)
    expect((await api('mutate', {method: 'POST', body: 'not json'})).status).toBe(403)
    expect((await api('mutate', {method: 'POST', body: 'not json', headers: {authorization: `Bearer ${LAKE_TOKEN}`}})).status).toBe(400)
    for (const [endpoint, method, allowed] of [
      ['mutate', 'GET', 'POST'],
      ['actions', 'PUT', 'POST'],
      ['listen', 'POST', 'GET'],
    ] as const) {
      const response = await api(endpoint, {method, headers: {authorization: `Bearer ${LAKE_TOKEN}`}})
      expect([endpoint, response.status, response.headers.get('allow')]).toEqual([endpoint, 405, allowed])
    }
  })
})

describe('actions: the draft and publish flow', () => {
  it('create a draft, edit it, publish it, unpublish it and discard it', async () => {
    const actions = client()
    // Raw: the checks below look for the draft and the published document by id.
    const documents = client(LAKE_TOKEN, 'raw')
    await actions.action({
      actionType: 'sanity.action.document.create',
      publishedId: 'condition-new',
      attributes: {_id: 'drafts.condition-new', _type: 'condition', title: 'Concept'},
      ifExists: 'fail',
    })
    await actions.action({actionType: 'sanity.action.document.edit', draftId: 'drafts.condition-new', publishedId: 'condition-new', patch: {set: {summary: 'Kort'}}})
    expect(await documents.fetch('*[_id == "condition-new"][0]')).toBeNull()
    const published = await actions.action({actionType: 'sanity.action.document.publish', draftId: 'drafts.condition-new', publishedId: 'condition-new'})
    expect(published).toEqual({transactionId: expect.any(String)})
    expect(await documents.fetch('*[_id in ["condition-new", "drafts.condition-new"]]{_id, title, summary}')).toEqual([{_id: 'condition-new', title: 'Concept', summary: 'Kort'}])
    await actions.action({actionType: 'sanity.action.document.unpublish', draftId: 'drafts.condition-new', publishedId: 'condition-new'})
    expect(await documents.fetch('*[_id in ["condition-new", "drafts.condition-new"]]._id')).toEqual(['drafts.condition-new'])
    await actions.action({actionType: 'sanity.action.document.discard', draftId: 'drafts.condition-new'})
    expect(await documents.fetch('count(*[_id in ["condition-new", "drafts.condition-new"]])')).toBe(0)
    const error = await actions.action({actionType: 'sanity.action.document.discard', draftId: 'drafts.condition-new'}).catch((caught: unknown) => caught)
    expect(error).toMatchObject({statusCode: 409, details: {type: 'actionError'}})
  })
})

describe('listen', () => {
  function collect<Event>(events: Event[], count: number, subscribe: (push: (event: Event) => void) => () => void): Promise<Event[]> {
    return new Promise((resolve) => {
      const stop = subscribe((event) => {
        events.push(event)
        if (events.length >= count) {
          stop()
          resolve(events)
        }
      })
    })
  }

  it('client.listen() gets welcome, then mutation events matching its filter, with the result', async () => {
    const events: MutationEvent[] = []
    let welcomed: () => void = () => undefined
    const welcome = new Promise<void>((resolve) => (welcomed = resolve))
    const done = collect(events, 2, (push) => {
      const subscription = client()
        .listen('*[_type == $type]', {type: 'symptom'}, {events: ['welcome', 'mutation'], includePreviousRevision: true})
        .subscribe((event) => (event.type === 'welcome' ? welcomed() : push(event as MutationEvent)))
      return () => subscription.unsubscribe()
    })
    await welcome
    await client().patch('condition-a').set({ignored: true}).commit()
    const created = await client().create({_id: 'symptom-live', _type: 'symptom', title: 'Live'})
    await client().patch('symptom-live').set({title: 'Live 2'}).commit()
    const [appear, update] = await done
    expect(appear).toMatchObject({type: 'mutation', documentId: 'symptom-live', transition: 'appear', resultRev: created._rev, result: {title: 'Live'}, transactionTotalEvents: 1})
    expect(update).toMatchObject({
      transition: 'update',
      previousRev: created._rev,
      previous: {title: 'Live'},
      result: {title: 'Live 2'},
      eventId: `${update!.transactionId}#symptom-live`,
    })
  })

  it('a patch that changes nothing is still a transaction: a new _rev, and a mutation event with its id for the listener that waits for it', async () => {
    // The Studio's document store waits for each transaction it sent to come back through its listener; a
    // setIfMissing on a field that is already set (as adding an internal link sends) hung its save when skipped.
    const events: MutationEvent[] = []
    let welcomed: () => void = () => undefined
    const welcome = new Promise<void>((resolve) => (welcomed = resolve))
    const done = collect(events, 1, (push) => {
      const subscription = client()
        .listen('*[_id == "symptom-s"]', {}, {events: ['welcome', 'mutation']})
        .subscribe((event) => (event.type === 'welcome' ? welcomed() : push(event as MutationEvent)))
      return () => subscription.unsubscribe()
    })
    await welcome
    const before = await client().getDocument('symptom-s')
    await client().patch('symptom-s').setIfMissing({title: 'Niet dit'}).commit({transactionId: 'noop-transaction'})
    const [event] = await done
    expect(event).toMatchObject({documentId: 'symptom-s', transactionId: 'noop-transaction', previousRev: before?._rev, resultRev: 'noop-transaction'})
    expect(await client().getDocument('symptom-s')).toMatchObject({title: before?.title, _rev: 'noop-transaction'})
  })

  it('without the token, drafts are left out of listen events', async () => {
    const events: Array<ListenEvent<Record<string, unknown>>> = []
    let welcomed: () => void = () => undefined
    const welcome = new Promise<void>((resolve) => (welcomed = resolve))
    const done = collect(events, 2, (push) => {
      const subscription = client(null)
        .listen('*[_type == "condition"]', {}, {events: ['welcome', 'mutation']})
        .subscribe((event) => {
          push(event)
          if (event.type === 'welcome') welcomed()
        })
      return () => subscription.unsubscribe()
    })
    await welcome
    await client().createOrReplace({_id: 'drafts.condition-a', _type: 'condition', title: 'Geheim'})
    await client().patch('condition-a').set({title: 'Openbaar'}).commit()
    // Had the draft's save reached this listener, it would be the event after the welcome.
    const [first, second] = await done
    expect(first?.type).toBe('welcome')
    expect(second).toMatchObject({type: 'mutation', documentId: 'condition-a', result: {title: 'Openbaar'}})
  })

  it('a bad filter is a channelError the client reports', async () => {
    const error = await new Promise<unknown>((resolve) => {
      client().listen('*[_type ==').subscribe({error: resolve})
    })
    expect(error).toMatchObject({name: 'ChannelError'})
  })
})
