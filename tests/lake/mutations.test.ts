import {describe, expect, it} from 'vitest'
import type {StoredDocument} from '../../client/embedded/dataset'
import {applyChangeSet} from '../../lake/store/changeSet'
import {mutateResponseBody, mutationsOf} from '../../lake/write/mutateBodies'
import {applyMutations, changeSetOf} from '../../lake/write/transaction'
import {TransactionError} from '../../lake/write/transactionError'

const T0 = new Date('2026-01-01T10:00:00.000Z')
const T1 = new Date('2026-01-02T11:00:00.000Z')

function baseDocuments(): Map<string, StoredDocument> {
  const documents: StoredDocument[] = [
    {
      _id: 'a',
      _type: 'condition',
      _rev: 'rev-a',
      _createdAt: '2025-01-01T00:00:00Z',
      _updatedAt: '2025-01-01T00:00:00Z',
      title: 'Verzakking',
      count: 1,
      tags: [{_key: 'k1', name: 'een'}],
    },
    {_id: 'b', _type: 'condition', _rev: 'rev-b', _createdAt: '2025-01-01T00:00:00Z', _updatedAt: '2025-01-01T00:00:00Z', title: 'Vaginisme'},
    {_id: 'drafts.b', _type: 'condition', _rev: 'rev-db', title: 'Vaginisme (concept)'},
    {_id: 's', _type: 'symptom', _rev: 'rev-s', title: 'Pijn'},
  ]
  return new Map(documents.map((document) => [document._id, document]))
}

async function rejection(promise: Promise<unknown>): Promise<TransactionError> {
  const error = await promise.then(
    () => null,
    (caught: unknown) => caught,
  )
  if (!(error instanceof TransactionError)) throw new Error(`expected a TransactionError, got ${String(error)}`)
  return error
}

describe('applyMutations', () => {
  it('creates a document with the transaction id as _rev and the transaction time as _createdAt and _updatedAt', async () => {
    const tx = await applyMutations(baseDocuments(), [{create: {_id: 'c', _type: 'symptom', title: 'Jeuk', _rev: 'ignored'}}], {transactionId: 'tx1', timestamp: T0})
    expect(tx.results).toEqual([
      {id: 'c', operation: 'create', document: {_id: 'c', _type: 'symptom', title: 'Jeuk', _createdAt: T0.toISOString(), _updatedAt: T0.toISOString(), _rev: 'tx1'}},
    ])
    expect(changeSetOf(tx)).toEqual({upserts: [tx.results[0]!.document], deletes: []})
  })

  it('generates an id when none is given, and uses an id ending in "." as a prefix', async () => {
    const tx = await applyMutations(baseDocuments(), [{create: {_type: 'symptom'}}, {create: {_id: 'drafts.', _type: 'symptom'}}])
    const [first, second] = tx.results
    expect(first!.id).toMatch(/^[0-9a-f-]{36}$/)
    expect(second!.id).toMatch(/^drafts\.[0-9a-f-]{36}$/)
  })

  it('refuses to create a document that exists with 409 in the Lake shape', async () => {
    const error = await rejection(applyMutations(baseDocuments(), [{create: {_id: 'a', _type: 'condition'}}]))
    expect(error.statusCode).toBe(409)
    expect(error.toBody()).toEqual({
      error: {
        type: 'mutationError',
        description: 'The mutation(s) failed: Document by ID "a" already exists',
        items: [{index: 0, error: {type: 'documentAlreadyExistsError', description: 'Document by ID "a" already exists', id: 'a'}}],
      },
    })
  })

  it('createIfNotExists leaves an existing document alone but reports it', async () => {
    const base = baseDocuments()
    const tx = await applyMutations(base, [{createIfNotExists: {_id: 'a', _type: 'condition', title: 'Anders'}}])
    expect(tx.changes).toEqual([])
    expect(tx.results).toEqual([{id: 'a', operation: 'update', document: base.get('a')}])
  })

  it('createOrReplace keeps _createdAt of the document it replaces', async () => {
    const tx = await applyMutations(baseDocuments(), [{createOrReplace: {_id: 'a', _type: 'condition', title: 'Nieuw'}}], {transactionId: 'tx2', timestamp: T1})
    expect(tx.changes[0]!.document).toEqual({_id: 'a', _type: 'condition', title: 'Nieuw', _createdAt: '2025-01-01T00:00:00Z', _updatedAt: T1.toISOString(), _rev: 'tx2'})
  })

  it('deletes by id, and ignores ids that do not exist', async () => {
    const tx = await applyMutations(baseDocuments(), [{delete: {id: 'a'}}, {delete: {id: 'missing'}}, {delete: {id: 's'}}])
    expect(changeSetOf(tx)).toEqual({upserts: [], deletes: ['a', 's']})
  })

  it('refuses a mutation by query where no query pool runs it (mutationByQuery.test.ts covers the Lake, which has one)', async () => {
    const error = await rejection(applyMutations(baseDocuments(), [{delete: {query: '*[_type == "symptom"]'}}]))
    expect(error.statusCode).toBe(400)
    expect(error.items).toEqual([{index: 0, type: 'invalidMutationError', description: 'delete: mutations by query are not available here; give "id"'}])
  })

  it('applies set, setIfMissing, unset, insert, inc, dec and diffMatchPatch with the patch engine', async () => {
    const tx = await applyMutations(
      baseDocuments(),
      [
        {
          patch: {
            id: 'a',
            set: {title: 'Verzakking van de baarmoeder', 'tags[_key=="k1"].name': 'één'},
            setIfMissing: {summary: 'Kort', title: 'niet dit'},
            unset: ['_empty'],
            inc: {count: 5},
            dec: {count: 2},
            insert: {after: 'tags[-1]', items: [{_key: 'k2', name: 'twee'}]},
          },
        },
        {patch: {id: 'b', diffMatchPatch: {title: '@@ -1,9 +1,10 @@\n Vaginism\n-e\n+us\n'}}},
      ],
      {transactionId: 'tx3', timestamp: T1},
    )
    const [a, b] = tx.changes.map((change) => change.document)
    expect(a).toMatchObject({
      title: 'Verzakking van de baarmoeder',
      summary: 'Kort',
      count: 4,
      tags: [
        {_key: 'k1', name: 'één'},
        {_key: 'k2', name: 'twee'},
      ],
      _rev: 'tx3',
    })
    expect(b).toMatchObject({title: 'Vaginismus'})
  })

  it('answers 409 when ifRevisionID does not match, and applies the patch when it does', async () => {
    const error = await rejection(applyMutations(baseDocuments(), [{patch: {id: 'a', ifRevisionID: 'stale', set: {title: 'x'}}}]))
    expect(error.statusCode).toBe(409)
    expect(error.toBody().error.items[0]!.error).toMatchObject({type: 'documentRevisionIDDoesNotMatchError', id: 'a'})
    const tx = await applyMutations(baseDocuments(), [{patch: {id: 'a', ifRevisionID: 'rev-a', set: {title: 'x'}}}])
    expect(tx.changes[0]!.document!.title).toBe('x')
  })

  it('is atomic: a failing mutation leaves the documents as they were', async () => {
    const base = baseDocuments()
    const before = structuredClone([...base.entries()])
    await rejection(applyMutations(base, [{patch: {id: 'a', set: {title: 'changed'}}}, {create: {_id: 'b', _type: 'condition'}}]))
    expect([...base.entries()]).toEqual(before)
  })

  it('sees its own writes within one transaction', async () => {
    const tx = await applyMutations(baseDocuments(), [{create: {_id: 'n', _type: 'symptom', n: 1}}, {patch: {id: 'n', inc: {n: 1}}}], {transactionId: 'tx4'})
    expect(tx.results).toEqual([{id: 'n', operation: 'create', document: expect.objectContaining({n: 2, _rev: 'tx4'})}])
  })

  it('a patch that changes nothing still gives the document a new revision, as every transaction on the Content Lake does', async () => {
    const tx = await applyMutations(baseDocuments(), [{patch: {id: 'a', setIfMissing: {title: 'x'}}}], {transactionId: 'tx-noop'})
    expect(tx.changes).toHaveLength(1)
    expect(tx.results[0]!.document).toMatchObject({title: baseDocuments().get('a')!.title, _rev: 'tx-noop'})
  })

  it('refuses bad input with 400 naming the mutation', async () => {
    const cases: Array<[unknown, RegExp]> = [
      [{frobnicate: {}}, /mutation 0 must have exactly one of/],
      [{create: {_id: 'x'}}, /no string "_type"/],
      [{create: {_id: 'bad id!', _type: 't'}}, /not valid/],
      [{createOrReplace: {_type: 't'}}, /needs an "_id"/],
      [{patch: {id: 'a', explode: {}}}, /unknown operation "explode"/],
      [{patch: {id: 'missing', set: {a: 1}}}, /not found/],
      [{patch: {id: 'a', set: {_id: 'other'}}}, /"_id" cannot be changed/],
    ]
    for (const [mutation, message] of cases) {
      const error = await rejection(applyMutations(baseDocuments(), [mutation]))
      expect(error.message).toMatch(message)
      expect([400, 404]).toContain(error.statusCode)
    }
  })

  it('adds _key to array items when asked', async () => {
    const tx = await applyMutations(baseDocuments(), [{create: {_id: 'k', _type: 't', list: [{name: 'x'}, {_key: 'keep'}]}}], {autoGenerateArrayKeys: true})
    const list = tx.results[0]!.document!.list as Array<{_key: string}>
    expect(list[0]!._key).toMatch(/^[0-9a-f]{12}$/)
    expect(list[1]!._key).toBe('keep')
  })
})

describe('change sets and response bodies', () => {
  it('replaying a change set twice gives the same documents', async () => {
    const base = baseDocuments()
    const tx = await applyMutations(base, [{delete: {id: 'a'}}, {create: {_id: 'z', _type: 't'}}])
    const once = new Map(base)
    applyChangeSet(once, changeSetOf(tx))
    const twice = new Map(once)
    applyChangeSet(twice, changeSetOf(tx))
    expect([...twice.entries()]).toEqual([...once.entries()])
    expect(once.has('a')).toBe(false)
    expect(once.get('z')?._type).toBe('t')
  })

  it('answers with ids and documents only when asked, as @sanity/client expects', async () => {
    const tx = await applyMutations(baseDocuments(), [{patch: {id: 'a', set: {title: 'x'}}}], {transactionId: 'tx5'})
    expect(mutateResponseBody(tx, {})).toEqual({transactionId: 'tx5', results: []})
    expect(mutateResponseBody(tx, {returnIds: true})).toEqual({transactionId: 'tx5', results: [{id: 'a', operation: 'update'}]})
    expect(mutateResponseBody(tx, {returnIds: true, returnDocuments: true})).toEqual({
      transactionId: 'tx5',
      results: [{id: 'a', operation: 'update', document: expect.objectContaining({title: 'x', _rev: 'tx5'})}],
    })
  })

  it('reads {mutations: [...]} and rejects an empty transaction', () => {
    expect(mutationsOf({mutations: [{delete: {id: 'a'}}]})).toHaveLength(1)
    expect(() => mutationsOf({mutations: []})).toThrow(TransactionError)
  })
})
