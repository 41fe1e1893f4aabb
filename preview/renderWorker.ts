import type {DatasetSnapshot} from '../client/embedded/dataset'
import {evaluateQuery} from '../client/embedded/evaluate'
import {createContentClientWith, type ContentClient} from '../client/contentClient'
import {toHtml} from '../client/portableText'
import {toJsonLd, treatmentToJsonLd} from '../client/jsonLd'
import {serveJobs} from '../lake/workers/workerRuntime'
import {danglingReferenceReporter} from './danglingReferences'
import {renderPage, type RenderedPage} from './render'
import {EditTargets, NO_EDIT_TARGETS} from './editTargets'

const DRAFT_MODE_EDIT_TARGETS = new EditTargets(true)

/**
 * Renders preview pages on a worker thread, from the dataset version the
 * pool delivers, so that a slow page never blocks the server's event loop
 * and can be stopped when it runs past its time limit.
 */
export interface RenderJob {
  pathname: string
  origin: string
  /** Draft mode: the page reads drafts (the server checked the browser's draft-mode session) and carries edit targets. */
  draftMode: boolean
  /** The day the page is rendered for (YYYY-MM-DD): whether a medical check is due follows from it. */
  today: string
}

export type RenderOutcome = {ok: true; page: RenderedPage} | {ok: false; message: string}

const clients = {published: new WeakMap<DatasetSnapshot, ContentClient>(), drafts: new WeakMap<DatasetSnapshot, ContentClient>()}

function clientFor(snapshot: DatasetSnapshot, perspective: 'published' | 'drafts'): ContentClient {
  let client = clients[perspective].get(snapshot)
  if (!client) {
    client = createContentClientWith({perspective}, async ({perspective}) => ({
      kind: 'embedded',
      query: (query, params) => evaluateQuery(snapshot, query, params, {perspective, anonymous: perspective === 'published'}),
      // A delivered version never changes: a new one arrives as a new snapshot.
      subscribe(query, params, listener) {
        evaluateQuery(snapshot, query, params, {perspective, anonymous: perspective === 'published'}).then(
          (result) => listener.next(result),
          (error: unknown) => listener.error(error),
        )
        return () => undefined
      },
    }))
    clients[perspective].set(snapshot, client)
  }
  return client
}

const reportDanglingReferences = danglingReferenceReporter()

serveJobs<RenderJob, RenderOutcome>(
  async (snapshot, job) => {
    try {
      const client = clientFor(snapshot, job.draftMode ? 'drafts' : 'published')
      const edit = job.draftMode ? DRAFT_MODE_EDIT_TARGETS : NO_EDIT_TARGETS
      return {ok: true, page: await renderPage(client, {toHtml, toJsonLd, treatmentToJsonLd}, job.pathname, job.origin, job.today, edit)}
    } catch (error) {
      return {ok: false, message: error instanceof Error ? (error.stack ?? error.message) : String(error)}
    }
  },
  // Once per version, on this thread: the pages leave a reference to nothing out, and the log says which.
  async (snapshot) => reportDanglingReferences(snapshot),
)
