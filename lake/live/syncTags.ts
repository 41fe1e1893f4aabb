import {createHash} from 'node:crypto'
import {isDraftId, isVersionId, type Perspective} from '../../client/embedded/dataset'
import type {VersionDelivery} from '../store/datasetStore'

/**
 * Sync tags, as the Live Content API hands them out: opaque strings in a
 * query answer (`syncTags`) that a live event names again when what the
 * answer was made from may have changed.
 *
 * The local Lake's tags are coarse, one per dataset and kind of content: the
 * published tag changes with any published document, the drafts tag with any
 * document at all. A frontend then refetches more often than on the Content
 * Lake, never less: no change goes unannounced.
 */

export type SyncTag = `s1:${string}`

export type ContentKind = 'published' | 'drafts'

const tags = new Map<string, SyncTag>()

/** Every query answer names a tag: it is hashed once per dataset and kind, not per answer. */
export function syncTagOf(datasetName: string, kind: ContentKind): SyncTag {
  const key = `${datasetName}\u0000${kind}`
  let tag = tags.get(key)
  if (tag === undefined) {
    tag = `s1:${createHash('sha256').update(key).digest('base64url').slice(0, 6)}`
    tags.set(key, tag)
  }
  return tag
}

/** The tags of a query answer under a perspective: drafts and raw read drafts too. */
export function syncTagsFor(datasetName: string, perspective: Perspective): SyncTag[] {
  return [syncTagOf(datasetName, perspective === 'published' ? 'published' : 'drafts')]
}

/** Which kinds of content a new dataset version changed. A whole new file may have changed anything. */
export function changedContent(delivery: VersionDelivery): Set<ContentKind> {
  if (delivery.kind === 'full') return new Set(['published', 'drafts'])
  const ids = [...delivery.deletes, ...delivery.upserts.map((document) => document._id)]
  if (ids.length === 0) return new Set()
  const published = ids.some((id) => !isDraftId(id) && !isVersionId(id))
  return new Set(published ? ['published', 'drafts'] : ['drafts'])
}
