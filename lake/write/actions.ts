import {isDraftId, isVersionId, publishedIdOf, type StoredDocument} from '../../client/embedded/dataset'
import {isPlainObject} from '../store/jsonValue'
import type {TransactionDraft} from './transaction'
import {TransactionError} from './transactionError'

/**
 * The document actions Sanity Studio 5 sends to `/data/actions`, applied with
 * the Content Lake's rules for drafts (`drafts.{id}`), release versions
 * (`versions.{release}.{id}`) and published documents. All actions of one
 * request are one transaction.
 */

const DOCUMENT_ACTION_TYPES = [
  'sanity.action.document.create',
  'sanity.action.document.edit',
  'sanity.action.document.publish',
  'sanity.action.document.unpublish',
  'sanity.action.document.discard',
  'sanity.action.document.delete',
  'sanity.action.document.replaceDraft',
  'sanity.action.document.version.create',
  'sanity.action.document.version.discard',
  'sanity.action.document.version.replace',
  'sanity.action.document.version.unpublish',
] as const

type Action = Record<string, unknown>

function actionError(statusCode: number, index: number, type: string, description: string): TransactionError {
  return new TransactionError(statusCode, [{index, type, description}], 'actionError')
}

function invalid(index: number, description: string): TransactionError {
  return actionError(400, index, 'validationError', description)
}

function stringField(action: Action, field: string, index: number): string {
  const value = action[field]
  if (typeof value !== 'string' || value === '') throw invalid(index, `${String(action.actionType)}: "${field}" must be a non-empty string`)
  return value
}

function optionalString(action: Action, field: string, index: number): string | undefined {
  const value = action[field]
  if (value === undefined) return undefined
  if (typeof value !== 'string') throw invalid(index, `${String(action.actionType)}: "${field}" must be a string`)
  return value
}

function documentField(action: Action, field: string, index: number): Record<string, unknown> {
  const value = action[field]
  if (!isPlainObject(value)) throw invalid(index, `${String(action.actionType)}: "${field}" must be a document object`)
  return value
}

/**
 * The Studio writes a reference to a document that is not published yet as a
 * weak one marked `_strengthenOnPublish`; publishing makes it strong, as the
 * Content Lake does (and then its target must exist).
 */
function strengthenOnPublish(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(strengthenOnPublish)
  if (!isPlainObject(value)) return value
  const entries = Object.entries(value).map(([key, item]) => [key, strengthenOnPublish(item)] as const)
  if (!('_strengthenOnPublish' in value)) return Object.fromEntries(entries)
  return Object.fromEntries(entries.filter(([key]) => key !== '_strengthenOnPublish' && key !== '_weak'))
}

/** A draft or version id that belongs to the published id. */
function checkBelongs(id: string, publishedId: string, index: number, actionType: string): void {
  if (publishedId !== publishedIdOf(id) || (!isDraftId(id) && !isVersionId(id))) {
    throw invalid(index, `${actionType}: "${id}" is not a draft or release version of "${publishedId}"`)
  }
  if (isDraftId(publishedId) || isVersionId(publishedId)) throw invalid(index, `${actionType}: publishedId "${publishedId}" is itself a draft or version id`)
}

function checkRevision(document: StoredDocument | null, expected: string | undefined, index: number, what: string): void {
  if (expected === undefined) return
  const actual = document?._rev
  if (actual !== expected) {
    throw actionError(
      409,
      index,
      'documentRevisionIDDoesNotMatchError',
      `${what} "${document?._id ?? '(missing)'}" has revision ID ${actual === undefined ? '(none)' : `"${String(actual)}"`}, expected "${expected}"`,
    )
  }
}

/** Runs a mutation inside an action; its error is reported as the action's. */
async function mutate(draft: TransactionDraft, mutation: Record<string, unknown>, index: number): Promise<void> {
  try {
    await draft.apply(mutation, index)
  } catch (error) {
    if (error instanceof TransactionError)
      throw new TransactionError(
        error.statusCode,
        error.items.map((item) => ({...item, index})),
        'actionError',
      )
    throw error
  }
}

function copyAs(document: StoredDocument, id: string): StoredDocument {
  return {...document, _id: id}
}

async function applyAction(draft: TransactionDraft, action: unknown, index: number): Promise<void> {
  if (!isPlainObject(action)) throw invalid(index, `action ${index} is not a JSON object`)
  const actionType = action.actionType
  if (typeof actionType !== 'string') throw invalid(index, `action ${index} has no "actionType"`)
  switch (actionType) {
    case 'sanity.action.document.create': {
      const publishedId = stringField(action, 'publishedId', index)
      const attributes = documentField(action, 'attributes', index)
      const id = typeof attributes._id === 'string' ? attributes._id : `drafts.${publishedId}`
      checkBelongs(id, publishedId, index, actionType)
      if (isDraftId(id) && draft.get(publishedId) !== null) {
        throw actionError(409, index, 'documentAlreadyExistsError', `A published document with ID "${publishedId}" already exists; edit it instead of creating a new draft`)
      }
      const ifExists = action.ifExists ?? 'fail'
      if (ifExists !== 'fail' && ifExists !== 'ignore') throw invalid(index, `${actionType}: "ifExists" must be "fail" or "ignore"`)
      if (draft.get(id) !== null) {
        if (ifExists === 'ignore') return draft.addressed(id)
        throw actionError(409, index, 'documentAlreadyExistsError', `Document by ID "${id}" already exists`)
      }
      return mutate(draft, {create: {...attributes, _id: id}}, index)
    }
    case 'sanity.action.document.edit': {
      const draftId = stringField(action, 'draftId', index)
      const publishedId = stringField(action, 'publishedId', index)
      checkBelongs(draftId, publishedId, index, actionType)
      const patch = documentField(action, 'patch', index)
      if (draft.get(draftId) === null) {
        // Editing a published document starts its draft from the published content.
        const published = draft.get(publishedId)
        if (published === null)
          throw actionError(409, index, 'documentNotFoundError', `Cannot edit "${draftId}": neither the draft nor the published document "${publishedId}" exists`)
        draft.write(draftId, copyAs(published, draftId))
        draft.recordMutation({createIfNotExists: copyAs(published, draftId)})
      }
      const {id: _ignored, query: _query, ...operations} = patch
      return mutate(draft, {patch: {...operations, id: draftId}}, index)
    }
    case 'sanity.action.document.publish': {
      const draftId = stringField(action, 'draftId', index)
      const publishedId = stringField(action, 'publishedId', index)
      checkBelongs(draftId, publishedId, index, actionType)
      const source = draft.get(draftId)
      if (source === null) throw actionError(409, index, 'documentNotFoundError', `Cannot publish "${publishedId}": there is no draft "${draftId}"`)
      const published = draft.get(publishedId)
      checkRevision(source, optionalString(action, 'ifDraftRevisionId', index), index, 'Draft')
      checkRevision(published, optionalString(action, 'ifPublishedRevisionId', index), index, 'Published document')
      const {_system, ...content} = source
      const next = strengthenOnPublish({...copyAs(content as StoredDocument, publishedId), _createdAt: published?._createdAt ?? source._createdAt}) as StoredDocument
      draft.write(publishedId, next)
      draft.write(draftId, null)
      draft.recordMutation({createOrReplace: next})
      draft.recordMutation({delete: {id: draftId}})
      return
    }
    case 'sanity.action.document.unpublish': {
      const draftId = stringField(action, 'draftId', index)
      const publishedId = stringField(action, 'publishedId', index)
      checkBelongs(draftId, publishedId, index, actionType)
      const published = draft.get(publishedId)
      if (published === null) throw actionError(409, index, 'documentNotFoundError', `Cannot unpublish "${publishedId}": it is not published`)
      if (draft.get(draftId) === null) {
        draft.write(draftId, copyAs(published, draftId))
        draft.recordMutation({createIfNotExists: copyAs(published, draftId)})
      }
      draft.write(publishedId, null)
      draft.recordMutation({delete: {id: publishedId}})
      return
    }
    case 'sanity.action.document.discard':
    case 'sanity.action.document.version.discard': {
      const id = stringField(action, actionType === 'sanity.action.document.discard' ? 'draftId' : 'versionId', index)
      if (!isDraftId(id) && !isVersionId(id)) throw invalid(index, `${actionType}: "${id}" is not a draft or release version id`)
      if (draft.get(id) === null) throw actionError(409, index, 'documentNotFoundError', `Cannot discard "${id}": it does not exist`)
      return mutate(draft, {delete: {id}}, index)
    }
    case 'sanity.action.document.delete': {
      const publishedId = stringField(action, 'publishedId', index)
      const includeDrafts = action.includeDrafts ?? []
      if (!Array.isArray(includeDrafts) || !includeDrafts.every((id): id is string => typeof id === 'string'))
        throw invalid(index, `${actionType}: "includeDrafts" must be a list of ids`)
      for (const id of includeDrafts) checkBelongs(id, publishedId, index, actionType)
      const draftId = `drafts.${publishedId}`
      if (draft.get(draftId) !== null && !includeDrafts.includes(draftId)) {
        throw actionError(409, index, 'documentHasDraftsError', `Cannot delete "${publishedId}": its draft "${draftId}" exists and is not in includeDrafts`)
      }
      for (const id of [publishedId, ...includeDrafts]) await mutate(draft, {delete: {id}}, index)
      return
    }
    case 'sanity.action.document.replaceDraft': {
      const publishedId = stringField(action, 'publishedId', index)
      const attributes = documentField(action, 'attributes', index)
      const id = typeof attributes._id === 'string' ? attributes._id : `drafts.${publishedId}`
      checkBelongs(id, publishedId, index, actionType)
      return mutate(draft, {createOrReplace: {...attributes, _id: id}}, index)
    }
    case 'sanity.action.document.version.create': {
      const publishedId = stringField(action, 'publishedId', index)
      if (action.document !== undefined) {
        const document = documentField(action, 'document', index)
        checkBelongs(String(document._id), publishedId, index, actionType)
        return mutate(draft, {create: document}, index)
      }
      const baseId = stringField(action, 'baseId', index)
      const versionId = stringField(action, 'versionId', index)
      checkBelongs(versionId, publishedId, index, actionType)
      const base = draft.get(baseId)
      if (base === null) throw actionError(409, index, 'documentNotFoundError', `Cannot create "${versionId}" from "${baseId}": it does not exist`)
      checkRevision(base, optionalString(action, 'ifBaseRevisionId', index), index, 'Base document')
      return mutate(draft, {create: copyAs(base, versionId)}, index)
    }
    case 'sanity.action.document.version.replace': {
      const document = documentField(action, 'document', index)
      const id = String(document._id)
      if (!isVersionId(id)) throw invalid(index, `${actionType}: "${id}" is not a release version id`)
      if (draft.get(id) === null) throw actionError(409, index, 'documentNotFoundError', `Cannot replace "${id}": it does not exist`)
      return mutate(draft, {createOrReplace: document}, index)
    }
    case 'sanity.action.document.version.unpublish': {
      const versionId = stringField(action, 'versionId', index)
      const publishedId = stringField(action, 'publishedId', index)
      checkBelongs(versionId, publishedId, index, actionType)
      if (draft.get(publishedId) === null) throw actionError(409, index, 'documentNotFoundError', `Cannot mark "${versionId}" to unpublish: "${publishedId}" is not published`)
      return mutate(draft, {patch: {id: versionId, set: {'_system.delete': true}}}, index)
    }
    default:
      if (actionType.startsWith('sanity.action.release.')) {
        throw actionError(400, index, 'unsupportedActionError', `${actionType}: content releases are not available on the local server; use the Content Lake for releases`)
      }
      throw invalid(index, `Unknown actionType "${actionType}"; supported: ${DOCUMENT_ACTION_TYPES.join(', ')}`)
  }
}

export interface ActionRequest {
  actions: unknown[]
  transactionId?: string
  dryRun: boolean
}

/** Reads `{actions, transactionId?, dryRun?}` as @sanity/client sends it. */
export function actionRequestOf(body: unknown): ActionRequest {
  if (!isPlainObject(body)) throw invalid(0, 'the body must be a JSON object with "actions"')
  const actions = Array.isArray(body.actions) ? body.actions : body.actions === undefined ? [] : [body.actions]
  if (actions.length === 0) throw invalid(0, 'the request has no actions')
  if (actions.length > 1000) throw invalid(1000, `a request holds at most 1000 actions; got ${actions.length}`)
  if (body.transactionId !== undefined && typeof body.transactionId !== 'string') throw invalid(0, '"transactionId" must be a string')
  return {actions, ...(typeof body.transactionId === 'string' ? {transactionId: body.transactionId} : {}), dryRun: body.dryRun === true}
}

/** Applies the actions, in order, to the draft of one transaction. */
export async function applyActions(draft: TransactionDraft, actions: readonly unknown[]): Promise<void> {
  for (const [index, action] of actions.entries()) {
    draft.at(index)
    await applyAction(draft, structuredClone(action), index)
  }
}

/** The body of a successful `/data/actions` answer. */
export function actionsResponseBody(transactionId: string): {transactionId: string} {
  return {transactionId}
}
