import {evaluate, parse} from 'groq-js'
import {describe, expect, it} from 'vitest'
import {createStructureBuilder, type StructureBuilder} from 'sanity/structure'
import type {Source} from 'sanity'
import {studioSchema} from '../../seed/validation/validateDocuments'
import {structure} from '../../schemas/studio/structure'
import {CONDITION_IN_GROUP_TEMPLATE, withStudioTemplates} from '../../schemas/studio/templates'

interface SerializedNode {
  id?: string
  title?: string
  type?: string
  items?: SerializedNode[]
  child?: unknown
  options?: {filter?: string; params?: Record<string, unknown>}
  initialValueTemplates?: Array<{templateId?: string; parameters?: Record<string, unknown>}>
}

function structureBuilder(): StructureBuilder {
  const schema = studioSchema()
  // The builder reads the schema, the templates and translations from the
  // Studio source; a test needs no workspace, network or login for that.
  const source = {
    name: 'default',
    title: 'Test',
    projectId: 'offline0',
    dataset: 'production',
    schema,
    templates: withStudioTemplates([]),
    i18n: {t: (key: string) => key, locale: 'nl-NL'},
    document: {resolveNewDocumentOptions: (templateItems: unknown[]) => templateItems, actions: () => [], badges: () => [], inspectors: () => [], languageFilter: () => []},
    getClient: () => {
      throw new Error('the structure must not query while it is built')
    },
  } as unknown as Source
  return createStructureBuilder({source, perspectiveStack: []})
}

async function resolveChild(node: SerializedNode, id: string): Promise<SerializedNode> {
  const child = node.child
  const resolved = typeof child === 'function' ? await (child as (id: string, context: object) => unknown)(id, {}) : child
  const builder = resolved as {serialize?: (context: object) => SerializedNode}
  return builder.serialize ? builder.serialize({path: [id], index: 0}) : (resolved as SerializedNode)
}

describe('Studio structure', () => {
  it('builds the Dutch content structure without throwing', async () => {
    const S = structureBuilder()
    const root = (await structure(S, {} as never)) as {serialize: (context: object) => SerializedNode}
    const list = root.serialize({path: []})
    const titles = (list.items ?? []).filter((item) => item.type !== 'divider').map((item) => item.title)
    expect(titles).toEqual([
      'Aandoeningen',
      'Onderwerpen',
      'Oorzaken',
      'Risicofactoren',
      'Klachten',
      'Behandelingen',
      'Onderdelen',
      'Lichaamsdelen',
      'Bronnen',
      'Moeilijke woorden',
      'Controle nodig',
      'Codes, cijfers en uitleg ter controle',
      'Praktijk en contact',
    ])
  })

  it('lists the conditions of one group and creates new ones inside it', async () => {
    const S = structureBuilder()
    const root = (await structure(S, {} as never)) as {serialize: (context: object) => SerializedNode}
    const conditions = root.serialize({path: []}).items?.find((item) => item.id === 'conditions')
    if (!conditions) throw new Error('no Aandoeningen item')
    const groups = await resolveChild(conditions, 'conditions')
    const inGroup = await resolveChild(groups, 'conditionGroup-verzakkingen')
    expect(inGroup.options?.filter).toContain('group._ref == $groupId')
    expect(inGroup.options?.params).toEqual({groupId: 'conditionGroup-verzakkingen'})
    expect(inGroup.initialValueTemplates).toEqual([expect.objectContaining({templateId: CONDITION_IN_GROUP_TEMPLATE, parameters: {groupId: 'conditionGroup-verzakkingen'}})])
  })

  describe('Controle nodig', () => {
    /** The list of the Controle nodig item, as an editor opens it. */
    async function reviewDueList(): Promise<SerializedNode> {
      const S = structureBuilder()
      const root = (await structure(S, {} as never)) as {serialize: (context: object) => SerializedNode}
      const due = root.serialize({path: []}).items?.find((item) => item.id === 'review-due')
      if (!due) throw new Error('no Controle nodig item')
      return resolveChild(due, 'review-due')
    }

    const reviewed = (nextReview: string) => ({
      _type: 'review',
      lastReviewed: '2019-01-01',
      nextReview,
      reviewedBy: 'J. Jansen',
      reviewerRole: 'bekkenfysiotherapeut',
      reviewedRevision: 'rev-of-review',
    })
    const dataset = [
      {_id: 'condition-overdue', _type: 'condition', _rev: 'rev-of-review', review: reviewed('2020-01-01')},
      {_id: 'condition-due-today', _type: 'condition', _rev: 'rev-of-review', review: reviewed('2026-03-14')},
      {_id: 'condition-due-tomorrow', _type: 'condition', _rev: 'rev-of-review', review: reviewed('2026-03-15')},
      {_id: 'condition-later', _type: 'condition', _rev: 'rev-of-review', review: reviewed('2999-01-01')},
      {_id: 'condition-changed-since-review', _type: 'condition', _rev: 'rev-of-a-later-edit', review: reviewed('2999-01-01')},
      {_id: 'condition-imported', _type: 'condition', _rev: 'rev-of-import', review: {_type: 'review', nextReview: '2999-01-01'}},
      {_id: 'condition-date-without-revision', _type: 'condition', _rev: 'rev-of-review', review: {...reviewed('2999-01-01'), reviewedRevision: undefined}},
      {_id: 'condition-never-reviewed', _type: 'condition', _rev: 'rev-x'},
      {_id: 'treatment-later', _type: 'treatment', _rev: 'rev-of-review', review: reviewed('2999-01-01')},
      {_id: 'symptom-no-review-dates', _type: 'symptom', _rev: 'rev-x'},
    ]

    /** The documents the list shows on a day: its filter compares with GROQ's now(), which groq-js takes from `timestamp`. */
    async function listedOn(list: SerializedNode, now: string): Promise<unknown> {
      const params = list.options?.params ?? {}
      const query = `*[${list.options?.filter ?? 'false'}]._id`
      return (await evaluate(parse(query, {params}), {dataset, params, timestamp: new Date(now)})).get()
    }

    it('lists every text without a current medical check: never checked, changed since its check, or past its date', async () => {
      const list = await reviewDueList()
      expect(list.options?.filter).toContain('now()')
      expect(await listedOn(list, '2026-03-14T12:00:00Z')).toEqual([
        'condition-overdue',
        'condition-due-today',
        'condition-changed-since-review',
        'condition-imported',
        'condition-date-without-revision',
        'condition-never-reviewed',
      ])
    })

    it('derives due from the date at query time, so the same list shows a document due tomorrow the next day', async () => {
      const list = await reviewDueList()
      expect(await listedOn(list, '2026-03-14T23:59:59Z')).not.toContain('condition-due-tomorrow')
      expect(await listedOn(list, '2026-03-15T00:00:00Z')).toContain('condition-due-tomorrow')
    })
  })

  it('lists the conditions with a code or a figure, and the explanations of difficult words, that await their medical check', async () => {
    const S = structureBuilder()
    const root = (await structure(S, {} as never)) as {serialize: (context: object) => SerializedNode}
    const item = root.serialize({path: []}).items?.find((entry) => entry.id === 'values-awaiting-review')
    if (!item) throw new Error('no Codes, cijfers en uitleg ter controle item')
    const list = await resolveChild(item, 'values-awaiting-review')
    const approved = {_type: 'valueReview', status: 'approved', reviewedBy: 'J. Jansen, gynaecoloog', reviewedOn: '2027-01-10'}
    const pending = {_type: 'valueReview', status: 'pending'}
    const dataset = [
      {_id: 'condition-code-pending', _type: 'condition', codes: [{_key: 'a', system: 'ICD-10', code: 'N81', valueReview: pending}]},
      {_id: 'condition-figure-pending', _type: 'condition', prevalence: {statement: 'Bijna 50%', valueReview: pending}},
      {_id: 'condition-code-unmarked', _type: 'condition', codes: [{_key: 'a', system: 'ICD-10', code: 'N81'}]},
      {
        _id: 'condition-all-approved',
        _type: 'condition',
        codes: [{_key: 'a', system: 'ICD-10', code: 'N81', valueReview: approved}],
        prevalence: {statement: 'x', valueReview: approved},
      },
      {_id: 'condition-nothing', _type: 'condition'},
      {_id: 'glossaryTerm-pending', _type: 'glossaryTerm', valueReview: pending},
      {_id: 'glossaryTerm-approved', _type: 'glossaryTerm', valueReview: approved},
    ]
    const params = list.options?.params ?? {}
    const found = await (await evaluate(parse(`*[${list.options?.filter ?? 'false'}]._id`, {params}), {dataset, params})).get()
    expect(found).toEqual(['condition-code-pending', 'condition-figure-pending', 'condition-code-unmarked', 'glossaryTerm-pending'])
  })
})
