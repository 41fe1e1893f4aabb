import type {Template} from 'sanity'

export const CONDITION_IN_GROUP_TEMPLATE = 'condition-in-group'

/**
 * "Nieuwe aandoening" from inside an Onderwerp starts with that group filled
 * in, so editors do not have to pick it again.
 */
const conditionInGroupTemplate: Template<{groupId: string}, {group: {_type: 'reference'; _ref: string}}> = {
  id: CONDITION_IN_GROUP_TEMPLATE,
  title: 'Aandoening in dit onderwerp',
  schemaType: 'condition',
  parameters: [{name: 'groupId', type: 'string', title: 'Onderwerp'}],
  value: (params) => ({group: {_type: 'reference', _ref: params?.groupId ?? ''}}),
}

export function withStudioTemplates(previous: Template[]): Template[] {
  return [...previous, conditionInGroupTemplate]
}
