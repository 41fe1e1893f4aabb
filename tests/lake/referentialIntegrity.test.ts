import {type ClientError, type SanityClient} from '@sanity/client'
import {afterAll, beforeAll, describe, expect, it} from 'vitest'
import {startLocalLake, type TestLake} from '../support/localLake'

/** Strong references must point at documents that exist, as on the Content Lake; weak ones may point anywhere. */

const ref = (id: string, weak = false) => ({_type: 'reference', _ref: id, _key: id, ...(weak ? {_weak: true} : {})})
const DOCUMENTS = [
  {_id: 'symptom-obstipatie', _type: 'symptom', title: 'Obstipatie'},
  {_id: 'symptom-balgevoel', _type: 'symptom', title: 'Balgevoel'},
  {_id: 'condition-verzakking', _type: 'condition', title: 'Verzakking', symptoms: [ref('symptom-obstipatie'), ref('symptom-balgevoel')]},
  {_id: 'condition-vaginisme', _type: 'condition', title: 'Vaginisme', related: [ref('symptom-balgevoel', true)]},
]

let lake: TestLake

beforeAll(async () => {
  lake = await startLocalLake(DOCUMENTS)
})

afterAll(async () => {
  await lake?.close()
})

function client(): SanityClient {
  return lake.client()
}

async function refusal(
  promise: Promise<unknown>,
): Promise<{statusCode: number; error: {type: string; description: string; items: Array<{error: Record<string, unknown>; index: number}>}}> {
  const error = await promise.then(
    () => null,
    (caught: unknown) => caught,
  )
  if (error === null) throw new Error('expected the Lake to refuse')
  const {statusCode, response} = error as ClientError // @sanity/client rejects an error status with a ClientError
  return {statusCode, ...(response.body as {error: {type: string; description: string; items: Array<{error: Record<string, unknown>; index: number}>}})}
}

const exists = async (id: string) => (await client().getDocument(id)) !== undefined

describe('referential integrity', () => {
  it('refuses to delete a document that another document references strongly, naming the referrer', async () => {
    const refused = await refusal(client().delete('symptom-obstipatie'))
    expect(refused.statusCode).toBe(409)
    expect(refused.error.type).toBe('mutationError')
    expect(refused.error.items).toEqual([
      {
        index: 0,
        error: {
          type: 'documentHasExistingReferencesError',
          description: 'Document "symptom-obstipatie" cannot be deleted as there are references to it from "condition-verzakking"',
          id: 'symptom-obstipatie',
          referencingIDs: ['condition-verzakking'],
        },
      },
    ])
    expect(await exists('symptom-obstipatie')).toBe(true)
  })

  it("refuses to unpublish such a document through the Studio's action, as an action error", async () => {
    await client().createOrReplace({_id: 'drafts.symptom-obstipatie', _type: 'symptom', title: 'Obstipatie (concept)'})
    const refused = await refusal(client().action({actionType: 'sanity.action.document.unpublish', draftId: 'drafts.symptom-obstipatie', publishedId: 'symptom-obstipatie'}))
    expect(refused.statusCode).toBe(409)
    expect(refused.error.type).toBe('actionError')
    expect(refused.error.items[0]?.error).toMatchObject({type: 'documentHasExistingReferencesError', referencingIDs: ['condition-verzakking']})
    expect(await exists('symptom-obstipatie')).toBe(true)
  })

  it('lets the Studio find the referrers with the query its delete dialog sends', async () => {
    const found = await client().fetch('{"references":*[references($documentId)][0...100]{_id,_type},"totalCount":count(*[references($documentId)])}', {
      documentId: 'symptom-balgevoel',
    })
    expect(found).toEqual({
      references: [
        {_id: 'condition-verzakking', _type: 'condition'},
        {_id: 'condition-vaginisme', _type: 'condition'},
      ],
      totalCount: 2,
    })
  })

  it('refuses a strong reference to a document that does not exist', async () => {
    const refused = await refusal(client().create({_id: 'condition-nieuw', _type: 'condition', symptoms: [ref('symptom-bestaat-niet')]}))
    expect(refused.statusCode).toBe(409)
    expect(refused.error.items[0]?.error).toMatchObject({
      type: 'documentReferencesNonExistentDocumentError',
      description: 'Document "condition-nieuw" references non-existent document "symptom-bestaat-niet"',
    })
    expect(await exists('condition-nieuw')).toBe(false)
  })

  it('allows weak references to anything, and deleting what only weak references point at', async () => {
    await client().create({_id: 'condition-later', _type: 'condition', symptoms: [ref('symptom-nog-niet-geschreven', true)]})
    await client()
      .patch('condition-verzakking')
      .set({symptoms: [ref('symptom-obstipatie'), ref('symptom-balgevoel', true)]})
      .commit()
    await client().delete('symptom-balgevoel')
    expect(await exists('symptom-balgevoel')).toBe(false)
  })

  it("makes the Studio's _strengthenOnPublish references strong on publish, after which their target is protected", async () => {
    const pending = {_type: 'reference', _ref: 'symptom-nieuw', _key: 'n', _weak: true, _strengthenOnPublish: {type: 'symptom'}}
    await client().create({_id: 'symptom-nieuw', _type: 'symptom', title: 'Nieuw'})
    await client().create({_id: 'drafts.condition-met-nieuw', _type: 'condition', title: 'Met nieuw', symptoms: [pending]})
    await client().action({actionType: 'sanity.action.document.publish', draftId: 'drafts.condition-met-nieuw', publishedId: 'condition-met-nieuw'})
    expect((await client().getDocument('condition-met-nieuw'))?.symptoms).toEqual([{_type: 'reference', _ref: 'symptom-nieuw', _key: 'n'}])
    expect((await refusal(client().delete('symptom-nieuw'))).error.items[0]?.error).toMatchObject({referencingIDs: ['condition-met-nieuw']})
  })

  it('allows deleting a document together with the documents that reference it, in one transaction', async () => {
    await client().transaction().delete('condition-verzakking').delete('symptom-obstipatie').delete('drafts.symptom-obstipatie').commit()
    expect([await exists('condition-verzakking'), await exists('symptom-obstipatie')]).toEqual([false, false])
  })
})
