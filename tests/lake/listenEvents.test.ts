import {applyPatch} from 'mendoza'
import {afterAll, beforeAll, describe, expect, it} from 'vitest'
import type {StoredDocument} from '../../client/embedded/dataset'
import {encodeServerSentEvent} from '../../lake/http/serverSentEvents'
import {applyMutations, type CommittedTransaction} from '../../lake/write/transaction'
import {ListenFilterPool} from '../../lake/listen/filterPool'
import {
  compileListenFilter,
  mendozaPatch,
  missedEvents,
  mutationEventsFor,
  parseLastEventId,
  parseListenRequest,
  type DocumentMatcher,
  type ListenerFilter,
} from '../../lake/listen/listenEvents'

const base = new Map<string, StoredDocument>(
  [
    {_id: 'condition-a', _type: 'condition', _rev: 'r1', title: 'Verzakking', reviewed: false},
    {_id: 'symptom-s', _type: 'symptom', _rev: 'r2', title: 'Pijn'},
  ].map((document) => [document._id, document]),
)

function filterFor(search: string, canReadPrivateIds = true): ListenerFilter {
  const parsed = parseListenRequest(new URLSearchParams(search))
  if (!parsed.ok) throw new Error(parsed.error.message)
  const compiled = compileListenFilter(parsed.request, canReadPrivateIds)
  if (!compiled.ok) throw new Error(compiled.error.message)
  return compiled.filter
}

// The server's own filter threads decide what matches; these tests are about the events built from that.
let filters: ListenFilterPool
beforeAll(() => {
  filters = new ListenFilterPool('listen filter', {timeoutMs: 5_000, maxGroqDepth: 64, maxQueued: 16})
})
afterAll(() => filters.close())

async function matcherFor(transaction: CommittedTransaction, filter: ListenerFilter): Promise<DocumentMatcher> {
  const [verdict] = await filters.matchTransaction([filter.request], transaction, {withToken: filter.canReadPrivateIds})
  if (!verdict || 'failed' in verdict) throw new Error(`the filter failed: ${JSON.stringify(verdict)}`)
  return verdict.matches
}

async function eventsFor(transaction: CommittedTransaction, filter: ListenerFilter) {
  return mutationEventsFor(transaction, filter, await matcherFor(transaction, filter))
}

async function transaction(mutations: unknown[], transactionId = 'tx1'): Promise<CommittedTransaction> {
  return applyMutations(base, mutations, {transactionId, timestamp: new Date('2026-01-01T00:00:00Z'), identity: 'local-editor'})
}

describe('listen request', () => {
  it('reads the query, JSON params and options as @sanity/client sends them, with the Lake defaults', () => {
    const parsed = parseListenRequest(new URLSearchParams('tag=x&query=*[_type==$type]&$type="condition"&includeResult=false&effectFormat=mendoza&visibility=transaction'))
    expect(parsed).toEqual({
      ok: true,
      request: {
        query: '*[_type==$type]',
        params: {type: 'condition'},
        includeResult: false,
        includePreviousRevision: false,
        includeMutations: true,
        includeAllVersions: false,
        enableResume: false,
        visibility: 'transaction',
        effectFormat: 'mendoza',
        tag: 'x',
      },
    })
  })

  it('names what is wrong in a bad request', () => {
    expect(parseListenRequest(new URLSearchParams(''))).toMatchObject({ok: false, error: {message: expect.stringMatching(/"query" parameter is required/)}})
    expect(parseListenRequest(new URLSearchParams('query=*&$id={bad'))).toMatchObject({ok: false, error: {message: expect.stringMatching(/"\$id" is not valid JSON/)}})
    expect(parseListenRequest(new URLSearchParams('query=*&effectFormat=json'))).toMatchObject({ok: false})
    const parsed = parseListenRequest(new URLSearchParams('query=*[_type ==]'))
    if (!parsed.ok) throw new Error('expected a request')
    expect(compileListenFilter(parsed.request, true)).toMatchObject({ok: false, error: {error: {type: 'queryParseError', query: '*[_type ==]'}}})
  })

  it('points at a parse error with the range the query API gives', () => {
    // The query ends where its filter should go on: the last character, 9, is marked.
    const parsed = parseListenRequest(new URLSearchParams({query: '*[_type =='}))
    if (!parsed.ok) throw new Error('expected a request')
    expect(compileListenFilter(parsed.request, true)).toMatchObject({
      ok: false,
      error: {error: {type: 'queryParseError', description: expect.stringContaining('position 9'), start: 9, end: 10}},
    })
  })
})

describe('listen limits, as the query API has them', () => {
  it('refuses $params nested deeper than MAX_JSON_DEPTH', () => {
    const deep = `${'['.repeat(70)}1${']'.repeat(70)}`
    expect(parseListenRequest(new URLSearchParams({query: '*', $deep: deep}), {maxJsonDepth: 64})).toMatchObject({
      ok: false,
      error: {message: expect.stringContaining('deeper than 64 levels')},
    })
  })

  it('answers a query nested 8,000 levels deep with a queryParseError naming MAX_GROQ_DEPTH, not a stack overflow', () => {
    const query = `*[${'('.repeat(8000)}true${')'.repeat(8000)}]`
    const parsed = parseListenRequest(new URLSearchParams({query}), {maxQueryLength: 20_000})
    if (!parsed.ok) throw new Error('expected a request')
    const compiled = compileListenFilter(parsed.request, true, {maxGroqDepth: 64})
    expect(compiled).toMatchObject({ok: false, error: {error: {type: 'queryParseError', description: expect.stringContaining('MAX_GROQ_DEPTH')}}})
  })
})

describe('mutation events', () => {
  it('sends appear, update and disappear with the Lake fields', async () => {
    const filter = filterFor('query=*[_type == "condition" %26%26 reviewed != true]&includePreviousRevision=true')
    const tx = await transaction([
      {create: {_id: 'condition-b', _type: 'condition', title: 'Nieuw'}},
      {patch: {id: 'condition-a', set: {reviewed: true}}},
      {patch: {id: 'symptom-s', set: {title: 'Jeuk'}}},
    ])
    const events = await eventsFor(tx, filter)
    expect(events.map((event) => [event.documentId, event.transition])).toEqual([
      ['condition-b', 'appear'],
      ['condition-a', 'disappear'],
    ])
    expect(events[1]).toMatchObject({
      eventId: 'tx1#condition-a',
      transactionId: 'tx1',
      identity: 'local-editor',
      previousRev: 'r1',
      resultRev: 'tx1',
      previous: base.get('condition-a'),
      result: expect.objectContaining({reviewed: true}),
      mutations: [{patch: {id: 'condition-a', set: {reviewed: true}}}],
      timestamp: '2026-01-01T00:00:00.000Z',
      visibility: 'query',
      transactionTotalEvents: 2,
      transactionCurrentEvent: 1,
    })
    expect(events[0]).not.toHaveProperty('previousRev')
  })

  it('leaves out the result, the previous revision and the mutations when not asked for them', async () => {
    const filter = filterFor('query=*[_id == $id]&$id="condition-a"&includeResult=false&includeMutations=false')
    const events = await eventsFor(await transaction([{patch: {id: 'condition-a', set: {title: 'x'}}}]), filter)
    expect(events).toHaveLength(1)
    const [event] = events
    expect(event).toMatchObject({documentId: 'condition-a', transition: 'update', resultRev: 'tx1'})
    expect(event).not.toHaveProperty('result')
    expect(event).not.toHaveProperty('previous')
    expect(event).not.toHaveProperty('mutations')
  })

  it('hides drafts from listeners without the token, and release versions unless includeAllVersions', async () => {
    const tx = await transaction([{create: {_id: 'drafts.condition-a', _type: 'condition'}}, {create: {_id: 'versions.r1.condition-a', _type: 'condition'}}])
    expect(await eventsFor(tx, filterFor('query=*', false))).toEqual([])
    expect((await eventsFor(tx, filterFor('query=*', true))).map((event) => event.documentId)).toEqual(['drafts.condition-a'])
    expect(await eventsFor(tx, filterFor('query=*&includeAllVersions=true', true))).toHaveLength(2)
  })

  it('sends mendoza effects that turn the previous document into the result, and back', async () => {
    const filter = filterFor('query=*&effectFormat=mendoza')
    const tx = await transaction([
      {patch: {id: 'condition-a', set: {title: 'Verzakking van de baarmoeder', list: [1, 2]}, unset: ['reviewed']}},
      {delete: {id: 'symptom-s'}},
      {create: {_id: 'c', _type: 't'}},
    ])
    const events = await eventsFor(tx, filter)
    // One event per changed document: the patched, the deleted and the created one.
    expect(events.map((event) => [event.documentId, event.transition])).toEqual([
      ['condition-a', 'update'],
      ['symptom-s', 'disappear'],
      ['c', 'appear'],
    ])
    for (const event of events) {
      const change = tx.changes.find((candidate) => candidate.id === event.documentId)!
      const strip = (document: StoredDocument | null) => (document === null ? null : Object.fromEntries(Object.entries(document).filter(([key]) => key !== '_rev')))
      expect(applyPatch(strip(change.previous), event.effects!.apply)).toEqual(strip(change.document))
      expect(applyPatch(strip(change.document), event.effects!.revert)).toEqual(strip(change.previous))
    }
  })

  it('an unchanged document gives an empty patch', () => {
    expect(mendozaPatch(base.get('condition-a')!, {...base.get('condition-a')!, _rev: 'other'})).toEqual([])
  })
})

describe('wire format and resuming', () => {
  it('encodes events with their id for Last-Event-ID', () => {
    expect(encodeServerSentEvent({event: 'mutation', id: 'tx#d', data: {a: 'line\nbreak'}})).toBe('id: tx#d\nevent: mutation\ndata: {"a":"line\\nbreak"}\n\n')
    expect(encodeServerSentEvent({event: 'welcome', data: {listenerName: 'n'}})).toBe('event: welcome\ndata: {"listenerName":"n"}\n\n')
    expect(parseLastEventId('tx#doc.a')).toEqual({transactionId: 'tx', documentId: 'doc.a'})
    expect(parseLastEventId('garbage')).toBeNull()
  })

  it('replays what a listener missed after its last event, or says it cannot', async () => {
    const first = await transaction([{patch: {id: 'condition-a', set: {n: 1}}}, {patch: {id: 'symptom-s', set: {n: 1}}}], 't1')
    const second = await transaction([{patch: {id: 'condition-a', set: {n: 2}}}], 't2')
    const history = [first, second]
    const since = (id: string) => {
      const index = history.findIndex((candidate) => candidate.transactionId === id)
      return index === -1 ? null : history.slice(index)
    }
    const missed = await missedEvents({transactionId: 't1', documentId: 'condition-a'}, since, filterFor('query=*'), (tx) => matcherFor(tx, filterFor('query=*')))
    expect(missed?.map((event) => event.eventId)).toEqual(['t1#symptom-s', 't2#condition-a'])
    expect(await missedEvents({transactionId: 'gone', documentId: 'x'}, since, filterFor('query=*'), (tx) => matcherFor(tx, filterFor('query=*')))).toBeNull()
  })
})
