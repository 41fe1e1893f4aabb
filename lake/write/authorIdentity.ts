import type {IncomingMessage} from 'node:http'
import {LOCAL_EDITOR} from '../../schemas/studio/local/localSession'
import {StudioSignIn} from '../studio/studioSignIn'

/**
 * Who a write is recorded as, in the history and in listen events. There is
 * one write token, so the author is told apart by the Studio's session: a
 * request from the browser that signed in (it carries the session cookie) is
 * the local editor; any other holder of the token (a script, curl, a
 * migration) is recorded as the token.
 */
const WRITE_TOKEN_IDENTITY = 'local-write-token'

export function authorIdentityOf(request: IncomingMessage, token: string): string {
  return new StudioSignIn(() => token).hasSession(request) ? LOCAL_EDITOR.id : WRITE_TOKEN_IDENTITY
}
