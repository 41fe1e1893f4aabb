import 'server-only'
import {createContentClient, type ContentClient} from '@bekkenbodem/content'
import {apiVersion, dataset, localApiHost, projectId} from './env'
import {readToken} from './token'

const lake = {projectId, dataset, apiVersion, ...(localApiHost ? {apiHost: localApiHost, useProjectHostname: false} : {})}

/** The package's content client, for what has no single query to hand to sanityFetch: search builds its query from the words. */
export const publishedContent: ContentClient = createContentClient({sanity: lake})

/** The same with drafts over published documents, for draft mode; null without a token. */
export const draftContent: ContentClient | null = readToken ? createContentClient({sanity: {...lake, token: readToken}, perspective: 'drafts'}) : null
