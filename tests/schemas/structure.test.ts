import {evaluate, parse} from 'groq-js'
import {afterEach, describe, expect, it, vi} from 'vitest'
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
    // The list compares review dates with the date it is opened on; the clock is set
    // here (Date only), at noon, when the date is the same in UTC and in the Netherlands.
    afterEach(() => {
      vi.useRealTimers()
    })

    /** The Controle nodig item of one Studio structure; each call of `open` is an editor clicking it. */
    async function reviewDueItem(): Promise<{open: () => Promise<SerializedNode>}> {
      const S = structureBuilder()
      const root = (await structure(S, {} as never)) as {serialize: (context: object) => SerializedNode}
      const due = root.serialize({path: []}).items?.find((item) => item.id === 'review-due')
      if (!due) throw new Error('no Controle nodig item')
      return {open: () => resolveChild(due, 'review-due')}
    }

    const reviewed = (nextReview: string) => ({
      _type: 'review',
      status: 'medicallyReviewed',
      lastReviewed: '2019-01-01',
      nextReview,
      reviewedBy: 'J. Jansen',
      reviewerRole: 'bekkenfysiotherapeut',
    })
    const dataset = [
      {_id: 'condition-overdue', _type: 'condition', review: reviewed('2020-01-01')},
      {_id: 'condition-due-today', _type: 'condition', review: reviewed('2026-03-14')},
      {_id: 'condition-due-tomorrow', _type: 'condition', review: reviewed('2026-03-15')},
      {_id: 'condition-later', _type: 'condition', review: reviewed('2999-01-01')},
      {_id: 'condition-imported', _type: 'condition', review: {_type: 'review', status: 'imported', nextReview: '2999-01-01'}},
      {_id: 'condition-marked-due', _type: 'condition', review: {...reviewed('2999-01-01'), status: 'due'}},
      {_id: 'condition-no-status', _type: 'condition', review: {...reviewed('2999-01-01'), status: undefined}},
      {_id: 'condition-never-reviewed', _type: 'condition'},
      {_id: 'symptom-no-review-dates', _type: 'symptom'},
    ]

    async function listed(list: SerializedNode): Promise<unknown> {
      const params = list.options?.params ?? {}
      const query = `*[${list.options?.filter ?? 'false'}]._id`
      return (await evaluate(parse(query, {params}), {dataset, params})).get()
    }

    it('lists every condition without a current medical check: never checked, marked due, or past its date', async () => {
      vi.useFakeTimers({now: new Date('2026-03-14T12:00:00Z'), toFake: ['Date']})
      const list = await (await reviewDueItem()).open()
      expect(list.options?.params?.today).toBe('2026-03-14')
      expect(await listed(list)).toEqual([
        'condition-overdue',
        'condition-due-today',
        'condition-imported',
        'condition-marked-due',
        'condition-no-status',
        'condition-never-reviewed',
      ])
    })

    it('takes the date when the list is opened, so an open Studio shows a document due tomorrow the next day', async () => {
      vi.useFakeTimers({now: new Date('2026-03-14T12:00:00Z'), toFake: ['Date']})
      const item = await reviewDueItem()
      expect(await listed(await item.open())).not.toContain('condition-due-tomorrow')
      vi.setSystemTime(new Date('2026-03-15T12:00:00Z'))
      const nextDay = await item.open()
      expect(nextDay.options?.params?.today).toBe('2026-03-15')
      expect(await listed(nextDay)).toContain('condition-due-tomorrow')
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
