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
      'Controle nodig',
    ])
  })

  it('lists the conditions of one group and creates new ones inside it', async () => {
    const S = structureBuilder()
    const root = (await structure(S, {} as never)) as {serialize: (context: object) => SerializedNode}
    const conditions = root.serialize({path: []}).items?.find((item) => item.id === 'conditions')
    if (!conditions) throw new Error('no Aandoeningen item')
    const groups = await resolveChild(conditions, 'conditions')
    const inGroup = await resolveChild(groups, 'conditionGroup.verzakkingen')
    expect(inGroup.options?.filter).toContain('group._ref == $groupId')
    expect(inGroup.options?.params).toEqual({groupId: 'conditionGroup.verzakkingen'})
    expect(inGroup.initialValueTemplates).toEqual([
      expect.objectContaining({templateId: CONDITION_IN_GROUP_TEMPLATE, parameters: {groupId: 'conditionGroup.verzakkingen'}}),
    ])
  })

  it('lists every condition without a current medical check: never checked, marked due, or past its date', async () => {
    const S = structureBuilder()
    const root = (await structure(S, {} as never)) as {serialize: (context: object) => SerializedNode}
    const due = root.serialize({path: []}).items?.find((item) => item.id === 'review-due')
    if (!due) throw new Error('no Controle nodig item')
    const list = await resolveChild(due, 'review-due')
    const params = list.options?.params ?? {}
    expect(params.today).toBe(new Date().toISOString().slice(0, 10))

    const reviewed = (nextReview: string) => ({_type: 'review', status: 'medicallyReviewed', lastReviewed: '2019-01-01', nextReview, reviewedBy: 'J. Jansen', reviewerRole: 'bekkenfysiotherapeut'})
    const dataset = [
      {_id: 'condition.overdue', _type: 'condition', review: reviewed('2020-01-01')},
      {_id: 'condition.due-today', _type: 'condition', review: reviewed(String(params.today))},
      {_id: 'condition.later', _type: 'condition', review: reviewed('2999-01-01')},
      {_id: 'condition.imported', _type: 'condition', review: {_type: 'review', status: 'imported', nextReview: '2999-01-01'}},
      {_id: 'condition.marked-due', _type: 'condition', review: {...reviewed('2999-01-01'), status: 'due'}},
      {_id: 'condition.no-status', _type: 'condition', review: {...reviewed('2999-01-01'), status: undefined}},
      {_id: 'condition.never-reviewed', _type: 'condition'},
      {_id: 'symptom.no-review-dates', _type: 'symptom'},
    ]
    const query = `*[${list.options?.filter ?? 'false'}]._id`
    const listed = await (await evaluate(parse(query, {params}), {dataset, params})).get()
    expect(listed).toEqual(['condition.overdue', 'condition.due-today', 'condition.imported', 'condition.marked-due', 'condition.no-status', 'condition.never-reviewed'])
  })
})
