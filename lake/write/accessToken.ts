import {createHash, randomBytes, timingSafeEqual} from 'node:crypto'
import {chmod, open, readFile, stat} from 'node:fs/promises'

/**
 * The local write token. Writes, and reads of drafts (the `drafts` and `raw`
 * perspectives), need `Authorization: Bearer <token>` as on the Content Lake.
 * The token is LOCAL_WRITE_TOKEN when set; otherwise a random one made on
 * first start and kept in a git-ignored file readable by its owner only, so
 * it stays the same across restarts.
 */

export const TOKEN_FILE_NAME = '.local-write-token'

export interface WriteToken {
  token: string
  source: 'environment' | 'file' | 'generated'
  /** The file the token was read from or written to. */
  path?: string
  /** Things the user should know, such as a token file whose permissions were too open. */
  warnings: string[]
}

const TOKEN_PATTERN = /^[\x21-\x7e]{16,512}$/u

export class TokenError extends Error {
  override name = 'TokenError'
}

async function readTokenFile(path: string, warnings: string[]): Promise<string | null> {
  let content: string
  try {
    content = await readFile(path, 'utf8')
  } catch (error) {
    if ((error as {code?: unknown}).code === 'ENOENT') return null
    throw error
  }
  const token = content.trim()
  if (!TOKEN_PATTERN.test(token)) throw new TokenError(`${path} does not hold a valid token (16 to 512 visible characters, no spaces). Delete the file to have a new one made.`)
  const {mode} = await stat(path)
  if ((mode & 0o077) !== 0 && process.platform !== 'win32') {
    await chmod(path, 0o600)
    warnings.push(`${path} was readable by other users; its permissions are now 600 (owner only).`)
  }
  return token
}

/** LOCAL_WRITE_TOKEN, or the token in `tokenPath`, or a new random token written there with mode 600. */
export async function resolveWriteToken(env: NodeJS.ProcessEnv, tokenPath: string): Promise<WriteToken> {
  const warnings: string[] = []
  const fromEnvironment = env.LOCAL_WRITE_TOKEN
  if (fromEnvironment !== undefined && fromEnvironment !== '') {
    if (!TOKEN_PATTERN.test(fromEnvironment)) throw new TokenError('LOCAL_WRITE_TOKEN must be 16 to 512 visible characters without spaces.')
    return {token: fromEnvironment, source: 'environment', warnings}
  }
  const existing = await readTokenFile(tokenPath, warnings)
  if (existing !== null) return {token: existing, source: 'file', path: tokenPath, warnings}
  const token = randomBytes(32).toString('base64url')
  let handle
  try {
    handle = await open(tokenPath, 'wx', 0o600)
  } catch (error) {
    // Another process made the file first: use its token.
    if ((error as {code?: unknown}).code === 'EEXIST') {
      const raced = await readTokenFile(tokenPath, warnings)
      if (raced !== null) return {token: raced, source: 'file', path: tokenPath, warnings}
    }
    throw error
  }
  try {
    await handle.writeFile(`${token}\n`, 'utf8')
    await handle.sync()
  } finally {
    await handle.close()
  }
  return {token, source: 'generated', path: tokenPath, warnings}
}

/** What a request without the right token gets, in the Content Lake's shapes. */
export interface AccessDenied {
  statusCode: 401 | 403
  body: Record<string, unknown>
}

export type Permission = 'read' | 'create' | 'update'

function digest(value: string): Buffer {
  return createHash('sha256').update(value).digest()
}

/** The bearer token of an Authorization header, or null when there is none. */
function bearerToken(authorization: string | undefined): string | null {
  if (authorization === undefined) return null
  const match = /^Bearer[ \t]+(\S+)[ \t]*$/iu.exec(authorization)
  return match?.[1] ?? ''
}

/**
 * Checks the request's token. No token: 403 with the Lake's
 * `insufficientPermissionsError`, naming the permission. A token that is not
 * this server's: 401, as the Lake answers an unknown session.
 */
export function checkAccess(authorization: string | undefined, expectedToken: string, permission: Permission, what: string): AccessDenied | null {
  const presented = bearerToken(authorization)
  if (presented === null) {
    return {
      statusCode: 403,
      body: {
        error: {
          type: 'insufficientPermissionsError',
          permission,
          description: `Insufficient permissions; permission "${permission}" required for ${what}. Send "Authorization: Bearer <token>" with the local write token (LOCAL_WRITE_TOKEN, or the token npm start printed and keeps in ${TOKEN_FILE_NAME}).`,
        },
      },
    }
  }
  // Comparing digests keeps the time taken independent of where the tokens differ.
  if (presented === '' || !timingSafeEqual(digest(presented), digest(expectedToken))) {
    return {
      statusCode: 401,
      body: {
        statusCode: 401,
        error: 'Unauthorized',
        message: `Session not found: the token is not this server's write token (LOCAL_WRITE_TOKEN, or the one in ${TOKEN_FILE_NAME}).`,
      },
    }
  }
  return null
}
