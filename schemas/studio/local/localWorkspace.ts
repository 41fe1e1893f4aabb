import type {DocumentPluginOptions, WorkspaceOptions} from 'sanity'
import {createLocalAuthStore} from './localAuthStore'
import {createLocalClientFactory, pageOrigin} from './localClientFactory'

type LocalWorkspaceOptions = Pick<
  WorkspaceOptions,
  'auth' | 'unstable_clientFactory' | 'tasks' | 'releases' | 'scheduledPublishing' | 'scheduledDrafts' | 'announcements' | 'beta'
> & {
  /** Merged into the workspace's own `document` options by sanity.config.ts. */
  document: Pick<DocumentPluginOptions, 'comments'>
}

/**
 * The parts of the workspace that make the Studio work against the local
 * server: requests to the page's own origin, and a fixed local editor instead
 * of a Sanity login. Features that need services only the Content Lake has
 * (tasks, releases, scheduling, announcements, comments) are switched off,
 * so the Studio does not offer them: without the switch, every field offers
 * a comment that goes nowhere. The history panel reads
 * the transaction history (`/data/history/…/transactions`, which the local
 * Lake keeps) instead of the events API, which only the Content Lake has.
 */
export function localWorkspace({projectId, dataset}: {projectId: string; dataset: string}): LocalWorkspaceOptions {
  const clientFactory = createLocalClientFactory(pageOrigin)
  return {
    unstable_clientFactory: clientFactory,
    auth: createLocalAuthStore({clientFactory, projectId, dataset, onSession: quietProtocolWarning}),
    tasks: {enabled: false},
    releases: {enabled: false},
    scheduledPublishing: {enabled: false},
    scheduledDrafts: {enabled: false},
    announcements: {enabled: false},
    beta: {eventsAPI: {documents: false}},
    document: {comments: {enabled: false}},
  }
}

/** Where the Studio remembers, per browser tab, that the editor put its slow-protocol warning aside. */
const PROTOCOL_WARNING_SNOOZE_KEY = 'sanity-studio.network.check.snooze'

/**
 * The Studio warns when its API answers over HTTP/1.1, which is slow across
 * the internet to Sanity's API. On this machine it makes no difference, so the
 * local Studio puts the warning aside, as an editor could with its button.
 */
function quietProtocolWarning(): void {
  if (typeof sessionStorage === 'undefined') return
  sessionStorage.setItem(PROTOCOL_WARNING_SNOOZE_KEY, new Date().toISOString())
}
