import type {ContentSourceMap, SanityClient} from '@sanity/client'
import {createClient as createStegaClient, stegaClean} from '@sanity/client/stega'
import {vercelStegaDecode, vercelStegaSplit} from '@vercel/stega'
import {readFileSync} from 'node:fs'
import {afterAll, beforeAll, describe, expect, it} from 'vitest'
import {parseNdjson, type StoredDocument} from '../../client/embedded/dataset'
import {CONDITION_PAGE_QUERY} from '../../client/queries'
import {startLocalLake, type TestLake} from '../support/localLake'

// The shipped dataset, read here as the oracle: every source a map names is looked up in this file, not in the Lake.
const SHIPPED = parseNdjson(readFileSync(new URL('../../dataset/production.ndjson', import.meta.url), 'utf8'))
const PRIVATE_NOTE = {_id: 'notes.intern', _type: 'note', title: 'Interne notitie'}
const PUBLIC_NOTE = {_id: 'note-openbaar', _type: 'note', title: 'Openbare notitie'}
const DRAFT_NOTE = {...PUBLIC_NOTE, _id: 'drafts.note-openbaar', title: 'Openbare notitie (concept)'}
const DOCUMENTS: StoredDocument[] = [...SHIPPED, PRIVATE_NOTE, PUBLIC_NOTE, DRAFT_NOTE]
const byId = new Map(DOCUMENTS.map((document) => [document._id, document]))

/** The fields of the Verzakking document the checks below read, as the dataset file holds them. */
interface ConditionDocument extends StoredDocument {
  title: string
  group: {_ref: string}
  causes: Array<{_ref: string}>
  description: Array<{_key: string; children: Array<{_key: string; text: string}>}>
  treatments: Array<{_key: string; treatment: {_ref: string}}>
}

function verzakkingDocument(): ConditionDocument {
  const found = SHIPPED.find((document) => document._type === 'condition' && (document.slug as {current?: string} | undefined)?.current === 'verzakking')
  if (!found) throw new Error('The dataset has no condition with the slug verzakking.')
  return found as ConditionDocument // the seed's condition documents have these fields; the checks fail plainly if one is missing
}

const CONDITION = verzakkingDocument()
const VERZAKKING = {slug: 'verzakking'}
const VERZAKKING_FILTER = '*[_type == "condition" && slug.current == $slug][0]'

let lake: TestLake

beforeAll(async () => {
  lake = await startLocalLake(DOCUMENTS)
})

afterAll(async () => {
  await lake.close()
})

interface RawAnswer {
  result: unknown
  resultSourceMap?: ContentSourceMap
}

async function sourceMapOf(client: SanityClient, query: string, params: Record<string, unknown>, resultSourceMap: true | 'withKeyArraySelector'): Promise<RawAnswer> {
  return client.fetch<unknown>(query, params, {filterResponse: false, resultSourceMap}) as Promise<RawAnswer> // filterResponse: false answers the raw body
}

/** @sanity/client with stega on and no token: an anonymous reader, as a public site's preview would be. */
function stegaClient(): ReturnType<typeof createStegaClient> {
  return createStegaClient({
    projectId: 'local',
    dataset: 'production',
    apiHost: lake.url,
    useProjectHostname: false,
    useCdn: false,
    apiVersion: '2025-02-19',
    maxRetries: 0,
    // Every string with a source, even ids, slugs and dates, which the default filter leaves plain: each one is checked below.
    stega: {enabled: true, studioUrl: '/studio', filter: () => true},
  })
}

/**
 * Every string in a value that @sanity/client's stega looks at, with its path
 * in studio notation. Of Portable Text it reads only what is shown: a block's
 * children and a span's text, never a block's style or marks.
 */
function stringsIn(value: unknown, path = ''): {path: string; value: string}[] {
  if (typeof value === 'string') return [{path, value}]
  if (Array.isArray(value)) return value.flatMap((element: unknown, index) => stringsIn(element, `${path}[${index}]`))
  if (typeof value !== 'object' || value === null) return []
  const {_type: type} = value as {_type?: unknown}
  const shown = type === 'block' ? ['children'] : type === 'span' ? ['text'] : undefined
  return Object.entries(value)
    .filter(([key]) => shown === undefined || shown.includes(key))
    .flatMap(([key, entry]) => stringsIn(entry, path === '' ? key : `${path}.${key}`))
}

/** The document and studio path an edit link, as stega carries it, points at. */
function editTarget(encoded: string): {id: string; type: string; path: string} | undefined {
  const decoded = vercelStegaDecode<{origin: string; href: string}>(encoded)
  if (decoded?.origin !== 'sanity.io') return undefined
  const search = new URL(decoded.href, 'http://studio.invalid').searchParams
  return {id: search.get('id') ?? '', type: search.get('type') ?? '', path: search.get('path') ?? ''}
}

/** The value at a studio path (`a.b[2].c[_key=="k"].d`) in a document: the test's own reading, independent of the Lake. */
function valueAt(document: unknown, studioPath: string): unknown {
  let current = document
  for (const [, field, index, key] of studioPath.matchAll(/([^.[\]]+)|\[(\d+)\]|\[_key=="([^"]*)"\]/g)) {
    if (field !== undefined) current = (current as Record<string, unknown> | undefined)?.[field]
    else if (index !== undefined) current = (current as unknown[] | undefined)?.[Number(index)]
    else current = (current as Array<{_key?: string}> | undefined)?.find((element) => element._key === key)
  }
  return current
}

describe('Content Source Maps through @sanity/client stega', () => {
  it('encodes every string of the condition page with the document and path it comes from, and stegaClean gives the plain result back', async () => {
    const plain = await lake.client({token: null}).fetch(CONDITION_PAGE_QUERY, VERZAKKING)
    const encoded = await stegaClient().fetch(CONDITION_PAGE_QUERY, VERZAKKING)
    expect(plain).not.toBeNull()
    expect(stegaClean(encoded)).toEqual(plain)

    const strings = stringsIn(encoded)
    expect(strings.length).toBeGreaterThan(100)
    for (const {path, value} of strings) {
      const {cleaned, encoded: hidden} = vercelStegaSplit(value)
      const target = editTarget(hidden)
      expect(target, `${path} carries its source`).toBeDefined()
      const source = byId.get(target?.id ?? '')
      expect(source?._type, `${path} names a document of the dataset`).toBe(target?.type)
      expect(valueAt(source, target?.path ?? ''), `${path} is the value at ${target?.id} ${target?.path}`).toBe(cleaned)
    }
  })

  it('names the sources a reader can check by hand: the title, a risk factor of a cause, a line of the description, a treatment', async () => {
    const page = await stegaClient().fetch(CONDITION_PAGE_QUERY, VERZAKKING)
    if (page === null) throw new Error('The condition page of Verzakking is missing from the dataset.')
    const firstBlock = CONDITION.description[0]
    const firstTreatment = CONDITION.treatments[0]
    const firstCause = byId.get(CONDITION.causes[0]?._ref ?? '')
    const firstRiskFactorId = (firstCause?.riskFactors as Array<{_ref: string}> | undefined)?.[0]?._ref

    expect(editTarget(vercelStegaSplit(page.title).encoded)).toEqual({id: CONDITION._id, type: 'condition', path: 'title'})
    expect(editTarget(vercelStegaSplit(page.causes[0]?.riskFactors[0]?.title ?? '').encoded)).toEqual({id: firstRiskFactorId, type: 'riskFactor', path: 'title'})
    const line = page.description?.[0]
    const span = line?._type === 'block' ? line.children?.[0]?.text : undefined
    expect(editTarget(vercelStegaSplit(span ?? '').encoded)).toEqual({
      id: CONDITION._id,
      type: 'condition',
      path: `description[_key=="${firstBlock?._key}"].children[_key=="${firstBlock?.children[0]?._key}"].text`,
    })
    const treatment = page.treatments[0]
    expect(editTarget(vercelStegaSplit(treatment?._key ?? '').encoded)).toEqual({id: CONDITION._id, type: 'condition', path: `treatments[_key=="${firstTreatment?._key}"]._key`})
    expect(editTarget(vercelStegaSplit(treatment?.treatment?.title ?? '').encoded)).toEqual({id: firstTreatment?.treatment._ref, type: 'treatment', path: 'title'})
  })
})

describe('the resultSourceMap of a query', () => {
  it('has the shape of @sanity/client ContentSourceMap: documents, paths and value mappings that point into them', async () => {
    const {resultSourceMap} = await sourceMapOf(lake.client({token: null}), CONDITION_PAGE_QUERY, VERZAKKING, true)
    const map: ContentSourceMap | undefined = resultSourceMap
    expect(Object.keys(map ?? {}).sort()).toEqual(['documents', 'mappings', 'paths'])
    for (const document of map?.documents ?? []) {
      expect(Object.keys(document).sort()).toEqual(['_id', '_type'])
      expect(byId.get(document._id)?._type).toBe(document._type)
    }
    for (const path of map?.paths ?? []) expect(path).toMatch(/^\$(\['[^']*'\]|\[\d+\])+$/)
    const mappings = Object.entries(map?.mappings ?? {})
    expect(mappings.length).toBeGreaterThan(50)
    for (const [resultPath, mapping] of mappings) {
      expect(resultPath).toMatch(/^\$(\['[^']*'\]|\[\d+\])*$/)
      expect(mapping.type).toBe('value')
      expect(mapping.source.type).toBe('documentValue')
      if (mapping.source.type !== 'documentValue') continue
      expect(map?.documents[mapping.source.document]).toBeDefined()
      expect(map?.paths[mapping.source.path]).toBeDefined()
    }
  })

  it('names array elements by _key with withKeyArraySelector and by position with true', async () => {
    const query = `${VERZAKKING_FILTER}{"firstLine": description[0].children[0].text}`
    const block = CONDITION.description[0]
    const byKey = await sourceMapOf(lake.client({token: null}), query, VERZAKKING, 'withKeyArraySelector')
    const byIndex = await sourceMapOf(lake.client({token: null}), query, VERZAKKING, true)
    expect(byKey.resultSourceMap?.paths).toEqual([`$['description'][?(@._key=='${block?._key}')]['children'][?(@._key=='${block?.children[0]?._key}')]['text']`])
    expect(byIndex.resultSourceMap?.paths).toEqual([`$['description'][0]['children'][0]['text']`])
    expect(Object.keys(byKey.resultSourceMap?.mappings ?? {})).toEqual([`$['firstLine']`])
  })

  it('follows projections, ->, [], slices, filters, array literals and coalesce, and gives computed values no mapping', async () => {
    const query = `${VERZAKKING_FILTER}{
      title,
      "causeTitles": causes[]->title,
      "fallback": coalesce(noSuchField, summary),
      "names": alternativeNames[0..1] + [title, "vast"],
      "kept": alternativeNames[@ != ""],
      "group": group->{"name": title},
      "label": title + " (aandoening)",
      "causeCount": count(causes),
      "text": pt::text(description),
      "fixed": "vast",
      "fromParent": causes[0]->{"conditionTitle": ^.title}
    }`
    const {result, resultSourceMap} = await sourceMapOf(lake.client({token: null}), query, VERZAKKING, true)
    const map = resultSourceMap as ContentSourceMap
    const sourceOf = (resultPath: string) => {
      const mapping = map.mappings[resultPath]
      if (mapping?.source.type !== 'documentValue') return undefined
      return {id: map.documents[mapping.source.document]?._id, path: map.paths[mapping.source.path]}
    }
    const causeIds = CONDITION.causes.map((reference) => reference._ref)
    expect(sourceOf(`$['title']`)).toEqual({id: CONDITION._id, path: `$['title']`})
    expect(causeIds.map((_, index) => sourceOf(`$['causeTitles'][${index}]`))).toEqual(causeIds.map((id) => ({id, path: `$['title']`})))
    expect(sourceOf(`$['fallback']`)).toEqual({id: CONDITION._id, path: `$['summary']`})
    expect(sourceOf(`$['group']['name']`)).toEqual({id: CONDITION.group._ref, path: `$['title']`})
    // Elements of made arrays: a slice of a document's array, a literal list, a filter.
    const alternativeNames = (result as {names: string[]}).names.slice(0, -2)
    expect(alternativeNames.length).toBeGreaterThan(0)
    expect(alternativeNames.map((_, index) => sourceOf(`$['names'][${index}]`))).toEqual(
      alternativeNames.map((_, index) => ({id: CONDITION._id, path: `$['alternativeNames'][${index}]`})),
    )
    expect(sourceOf(`$['names'][${alternativeNames.length}]`)).toEqual({id: CONDITION._id, path: `$['title']`})
    expect(sourceOf(`$['names'][${alternativeNames.length + 1}]`)).toBeUndefined()
    expect(sourceOf(`$['kept'][0]`)).toEqual({id: CONDITION._id, path: `$['alternativeNames'][0]`})
    expect((result as {label: string}).label).toBe(`${CONDITION.title} (aandoening)`)
    const mapped = Object.keys(map.mappings)
    for (const computed of ['label', 'causeCount', 'text', 'fixed', 'fromParent']) expect(mapped.filter((path) => path.startsWith(`$['${computed}']`))).toEqual([])
  })

  it('leaves a computed string without stega, where the strings beside it have their source', async () => {
    const answer = await stegaClient().fetch<{title: string; label: string}>(`${VERZAKKING_FILTER}{title, "label": title + " (aandoening)"}`, VERZAKKING)
    expect(vercelStegaSplit(answer.label).encoded).toBe('')
    expect(editTarget(vercelStegaSplit(answer.title).encoded)?.path).toBe('title')
  })

  it('never names a document the caller cannot read: private ids and drafts only with the token', async () => {
    const query = '*[_type == "note"] | order(_id) {title}'
    const anonymous = await sourceMapOf(lake.client({token: null}), query, {}, true)
    expect(anonymous.resultSourceMap?.documents).toEqual([{_id: PUBLIC_NOTE._id, _type: 'note'}])
    const withToken = await sourceMapOf(lake.client({perspective: 'raw'}), query, {}, true)
    expect(withToken.resultSourceMap?.documents.map((document) => document._id).sort()).toEqual([DRAFT_NOTE._id, PRIVATE_NOTE._id, PUBLIC_NOTE._id].sort())
    // In the drafts perspective the draft stands in for its document, and the map names the draft an editor would open.
    const drafts = await sourceMapOf(lake.client({perspective: 'drafts'}), `*[_id == "${PUBLIC_NOTE._id}"][0]{title}`, {}, true)
    expect(drafts.result).toEqual({title: DRAFT_NOTE.title})
    expect(drafts.resultSourceMap?.documents).toEqual([{_id: DRAFT_NOTE._id, _type: 'note'}])
  })

  it('follows an edit: the next answer maps a field the edit added', async () => {
    const query = `*[_id == "${PUBLIC_NOTE._id}"][0]{"text": details.text, details}`
    const before = await sourceMapOf(lake.client({token: null}), query, {}, true)
    expect(before.resultSourceMap?.mappings).toEqual({})
    await lake
      .client()
      .patch(PUBLIC_NOTE._id)
      .set({details: {text: 'Nieuwe toelichting'}})
      .commit()
    const after = await sourceMapOf(lake.client({token: null}), query, {}, true)
    const map = after.resultSourceMap
    expect(after.result).toEqual({text: 'Nieuwe toelichting', details: {text: 'Nieuwe toelichting'}})
    expect(map?.documents).toEqual([{_id: PUBLIC_NOTE._id, _type: 'note'}])
    expect(
      Object.fromEntries(
        Object.entries(map?.mappings ?? {}).map(([resultPath, mapping]) => [resultPath, mapping.source.type === 'documentValue' ? map?.paths[mapping.source.path] : undefined]),
      ),
    ).toEqual({
      "$['text']": "$['details']['text']",
      "$['details']": "$['details']",
    })
  })

  it('is only in the answer when asked for: the answer without it keeps its shape and its own ETag', async () => {
    const query = `${VERZAKKING_FILTER}{title}`
    const url = (extra: string) => `${lake.url}/v2025-02-19/data/query/production?query=${encodeURIComponent(query)}&%24slug=%22verzakking%22${extra}`
    const without = await fetch(url(''))
    const withMap = await fetch(url('&resultSourceMap=true'))
    const withoutBody = (await without.json()) as Record<string, unknown>
    const withBody = (await withMap.json()) as Record<string, unknown>
    expect(Object.keys(withoutBody)).toEqual(['query', 'result', 'syncTags', 'ms'])
    expect(Object.keys(withBody)).toEqual(['query', 'result', 'resultSourceMap', 'syncTags', 'ms'])
    expect(withBody.result).toEqual(withoutBody.result)
    expect(without.headers.get('etag')).not.toBe(withMap.headers.get('etag'))
    const again = await fetch(url(''), {headers: {'if-none-match': without.headers.get('etag') ?? ''}})
    expect(again.status).toBe(304)
    const invalid = await fetch(url('&resultSourceMap=maybe'))
    expect(invalid.status).toBe(400)
    // A long query goes by POST; the parameter stays in the URL, as @sanity/client sends it.
    const posted = await fetch(`${lake.url}/v2025-02-19/data/query/production?resultSourceMap=withKeyArraySelector`, {
      method: 'POST',
      headers: {'content-type': 'application/json'},
      body: JSON.stringify({query, params: VERZAKKING}),
    })
    expect(((await posted.json()) as {resultSourceMap?: unknown}).resultSourceMap).toEqual(withBody.resultSourceMap)
  })
  it('counts the map toward MAX_RESPONSE_BYTES: an answer that fits alone is refused (413) with a map that makes it too large', async () => {
    const query = '*[_type == "condition"]{title}'
    const resultBytes = Buffer.byteLength(JSON.stringify(SHIPPED.filter((document) => document._type === 'condition').map(({title}) => ({title}))))
    const small = await startLocalLake(DOCUMENTS, {settings: {MAX_RESPONSE_BYTES: String(resultBytes + 16)}})
    try {
      const url = (extra: string) => `${small.url}/v2025-02-19/data/query/production?query=${encodeURIComponent(query)}${extra}`
      expect((await fetch(url(''))).status).toBe(200)
      expect((await fetch(url('&resultSourceMap=true'))).status).toBe(413)
    } finally {
      await small.close()
    }
  })
})
