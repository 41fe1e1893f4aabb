import type {ClientConfig, SanityClient} from '@sanity/client'
import {defer, map, shareReplay, type Observable} from 'rxjs'
import type {AuthState, AuthStore, CurrentUser} from 'sanity'
import {LOCAL_SESSION_API_VERSION, LOCAL_SESSION_URI, type LocalSession} from './localSession'

interface LocalAuthStoreOptions {
  clientFactory: (config: ClientConfig) => SanityClient
  projectId: string
  dataset: string
  /** Runs once the session is known, in the page, before the Studio renders. */
  onSession?: () => void
}

/** The options Sanity's own auth store gives the Studio's client, minus the login. */
const STUDIO_CLIENT_OPTIONS = {
  apiVersion: LOCAL_SESSION_API_VERSION,
  useCdn: false,
  perspective: 'raw',
  requestTagPrefix: 'sanity.studio',
} as const satisfies Partial<ClientConfig>

/** The HTTP status of a failed request, as @sanity/client's errors carry it. */
function statusCodeOf(error: unknown): number | undefined {
  if (typeof error !== 'object' || error === null || !('statusCode' in error)) return undefined
  return typeof error.statusCode === 'number' ? error.statusCode : undefined
}

function describeFailure(error: unknown): string {
  return error instanceof Error ? error.message : String(error)
}

/**
 * An auth store without a login: it asks the local server once for its
 * session (the fixed local editor and the write token) and hands the Studio
 * a client that sends that token to the same server.
 */
export function createLocalAuthStore({clientFactory, projectId, dataset, onSession}: LocalAuthStoreOptions): AuthStore {
  const session$: Observable<{session: LocalSession; client: SanityClient}> = defer(async () => {
    const bootstrap = clientFactory({...STUDIO_CLIENT_OPTIONS, projectId, dataset})
    let session: LocalSession
    try {
      session = await bootstrap.request<LocalSession>({uri: LOCAL_SESSION_URI, tag: 'local.session'})
    } catch (error) {
      if (statusCodeOf(error) === 401) {
        throw new Error(
          'Deze browser is nog niet aangemeld bij de lokale server. Open in deze browser de eenmalige aanmeldlink die "npm start" in het terminalvenster toont; daarna opent de Studio hier vanzelf.',
        )
      }
      throw new Error(`De lokale server antwoordt niet op ${LOCAL_SESSION_URI} (${describeFailure(error)}). Start hem met "npm start" en laad de pagina opnieuw.`)
    }
    const client = clientFactory({
      ...STUDIO_CLIENT_OPTIONS,
      projectId,
      dataset,
      ...(session.token ? {token: session.token, ignoreBrowserTokenWarning: true} : {}),
    })
    onSession?.()
    return {session, client}
  }).pipe(shareReplay({bufferSize: 1, refCount: false}))

  const state: Observable<AuthState> = session$.pipe(
    map(({session, client}) => ({
      authenticated: true,
      // The session's user has the fields of CurrentUser; its literal types are narrower.
      currentUser: {...session.user, roles: [...session.user.roles]} satisfies CurrentUser,
      client,
    })),
  )
  return {
    state,
    token: session$.pipe(map(({session}) => session.token)),
  }
}
