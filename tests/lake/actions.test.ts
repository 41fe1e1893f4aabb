import {describe, expect, it} from 'vitest'
import type {StoredDocument} from '../../client/embedded/dataset'
import {actionRequestOf, applyActions} from '../../lake/write/actions'
import {applyChangeSet} from '../../lake/store/changeSet'
import {changeSetOf, TransactionDraft} from '../../lake/write/transaction'
import {TransactionError} from '../../lake/write/transactionError'

function dataset(...documents: StoredDocument[]): Map<string, StoredDocument> {
  return new Map(documents.map((document) => [document._id, document]))
}

/** Runs the actions as one transaction and returns the documents afterwards. */
async function run(documents: Map<string, StoredDocument>, actions: unknown[], transactionId = 'tx'): Promise<Map<string, StoredDocument>> {
  const draft = new TransactionDraft(documents, {transactionId})
  await applyActions(draft, actions)
  const next = new Map(documents)
  applyChangeSet(next, changeSetOf(draft.finish()))
  return next
}

async function failure(documents: Map<string, StoredDocument>, actions: unknown[]): Promise<TransactionError> {
  const error = await run(documents, actions).then(
    () => null,
    (caught: unknown) => caught,
  )
  if (!(error instanceof TransactionError)) throw new Error(`expected a TransactionError, got ${String(error)}`)
  return error
}

const published: StoredDocument = {_id: 'condition-a', _type: 'condition', _rev: 'p1', _createdAt: '2025-01-01T00:00:00Z', title: 'Verzakking'}

describe('document actions as Studio 5 sends them', () => {
  it('create, edit and publish: the draft becomes the published document and disappears', async () => {
    let documents = await run(dataset(), [
      {actionType: 'sanity.action.document.create', publishedId: 'condition-b', attributes: {_id: 'drafts.condition-b', _type: 'condition', title: 'Nieuw'}, ifExists: 'fail'},
    ])
    expect(documents.get('drafts.condition-b')).toMatchObject({title: 'Nieuw', _rev: 'tx'})
    documents = await run(
      documents,
      [{actionType: 'sanity.action.document.edit', draftId: 'drafts.condition-b', publishedId: 'condition-b', patch: {set: {summary: 'Kort'}}}],
      'tx2',
    )
    expect(documents.get('drafts.condition-b')).toMatchObject({summary: 'Kort', _rev: 'tx2'})
    documents = await run(documents, [{actionType: 'sanity.action.document.publish', draftId: 'drafts.condition-b', publishedId: 'condition-b'}], 'tx3')
    expect(documents.has('drafts.condition-b')).toBe(false)
    expect(documents.get('condition-b')).toMatchObject({_id: 'condition-b', title: 'Nieuw', summary: 'Kort', _rev: 'tx3'})
  })

  it('editing a published document starts the draft from it and leaves the published one alone', async () => {
    const documents = await run(dataset(published), [
      {actionType: 'sanity.action.document.edit', draftId: 'drafts.condition-a', publishedId: 'condition-a', patch: {set: {title: 'Verzakking (nieuw)'}}},
    ])
    expect(documents.get('condition-a')).toBe(published)
    expect(documents.get('drafts.condition-a')).toMatchObject({_id: 'drafts.condition-a', title: 'Verzakking (nieuw)', _createdAt: '2025-01-01T00:00:00Z'})
  })

  it('publish keeps the published _createdAt and checks ifPublishedRevisionId', async () => {
    const start = dataset(published, {...published, _id: 'drafts.condition-a', _rev: 'd1', _createdAt: '2026-01-01T00:00:00Z', title: 'Nieuw'})
    const error = await failure(start, [{actionType: 'sanity.action.document.publish', draftId: 'drafts.condition-a', publishedId: 'condition-a', ifPublishedRevisionId: 'old'}])
    expect(error.statusCode).toBe(409)
    expect(error.toBody().error.type).toBe('actionError')
    const documents = await run(start, [{actionType: 'sanity.action.document.publish', draftId: 'drafts.condition-a', publishedId: 'condition-a', ifPublishedRevisionId: 'p1'}])
    expect(documents.get('condition-a')).toMatchObject({title: 'Nieuw', _createdAt: '2025-01-01T00:00:00Z'})
  })

  it('unpublish moves the published document to a draft when there is none', async () => {
    const documents = await run(dataset(published), [{actionType: 'sanity.action.document.unpublish', draftId: 'drafts.condition-a', publishedId: 'condition-a'}])
    expect(documents.has('condition-a')).toBe(false)
    expect(documents.get('drafts.condition-a')).toMatchObject({title: 'Verzakking'})
  })

  it('discard deletes the draft only; delete removes the published document with its listed drafts', async () => {
    const start = dataset(published, {...published, _id: 'drafts.condition-a'})
    const discarded = await run(start, [{actionType: 'sanity.action.document.discard', draftId: 'drafts.condition-a'}])
    expect([...discarded.keys()]).toEqual(['condition-a'])
    expect((await failure(start, [{actionType: 'sanity.action.document.delete', publishedId: 'condition-a', includeDrafts: []}])).message).toMatch(
      /draft "drafts.condition-a" exists/,
    )
    const deleted = await run(start, [{actionType: 'sanity.action.document.delete', publishedId: 'condition-a', includeDrafts: ['drafts.condition-a']}])
    expect(deleted.size).toBe(0)
  })

  it('create refuses an existing draft unless ifExists is ignore, and a published document', async () => {
    const start = dataset({...published, _id: 'drafts.condition-a'})
    const create = {actionType: 'sanity.action.document.create', publishedId: 'condition-a', attributes: {_id: 'drafts.condition-a', _type: 'condition'}}
    expect((await failure(start, [create])).statusCode).toBe(409)
    expect(await run(start, [{...create, ifExists: 'ignore'}])).toEqual(start)
    expect((await failure(dataset(published), [create])).message).toMatch(/already exists/)
  })

  it('all actions of a request are one transaction', async () => {
    const start = dataset(published)
    await failure(start, [
      {actionType: 'sanity.action.document.edit', draftId: 'drafts.condition-a', publishedId: 'condition-a', patch: {set: {title: 'x'}}},
      {actionType: 'sanity.action.document.discard', draftId: 'drafts.condition-missing'},
    ])
    expect([...start.keys()]).toEqual(['condition-a'])
  })

  it('replaceDraft, and release versions: create from a base, replace, mark to unpublish, discard', async () => {
    let documents = await run(dataset(published), [
      {actionType: 'sanity.action.document.replaceDraft', publishedId: 'condition-a', attributes: {_id: 'drafts.condition-a', _type: 'condition', title: 'Hersteld'}},
    ])
    expect(documents.get('drafts.condition-a')?.title).toBe('Hersteld')
    documents = await run(documents, [
      {actionType: 'sanity.action.document.version.create', publishedId: 'condition-a', baseId: 'condition-a', versionId: 'versions.r1.condition-a', ifBaseRevisionId: 'p1'},
    ])
    expect(documents.get('versions.r1.condition-a')?.title).toBe('Verzakking')
    documents = await run(documents, [{actionType: 'sanity.action.document.version.replace', document: {_id: 'versions.r1.condition-a', _type: 'condition', title: 'Release'}}])
    documents = await run(documents, [{actionType: 'sanity.action.document.version.unpublish', versionId: 'versions.r1.condition-a', publishedId: 'condition-a'}])
    expect(documents.get('versions.r1.condition-a')).toMatchObject({title: 'Release', _system: {delete: true}})
    documents = await run(documents, [{actionType: 'sanity.action.document.version.discard', versionId: 'versions.r1.condition-a'}])
    expect(documents.has('versions.r1.condition-a')).toBe(false)
  })

  it('refuses unknown actions, release actions and ids that do not belong together, naming the action', async () => {
    expect((await failure(dataset(), [{actionType: 'sanity.action.document.teleport'}])).message).toMatch(/Unknown actionType "sanity.action.document.teleport"/)
    expect((await failure(dataset(), [{actionType: 'sanity.action.release.publish', releaseId: 'r'}])).message).toMatch(/releases are not available/)
    expect((await failure(dataset(published), [{actionType: 'sanity.action.document.edit', draftId: 'drafts.other', publishedId: 'condition-a', patch: {}}])).message).toMatch(
      /not a draft or release version of "condition-a"/,
    )
    expect(() => actionRequestOf({actions: []})).toThrow(/no actions/)
    expect(actionRequestOf({actions: [{}], transactionId: 't', dryRun: true})).toEqual({actions: [{}], transactionId: 't', dryRun: true})
  })
})
