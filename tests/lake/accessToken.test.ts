import {createClient} from '@sanity/client'
import {mkdtempSync, readFileSync, rmSync, statSync, writeFileSync} from 'node:fs'
import {createServer, type Server} from 'node:http'
import type {AddressInfo} from 'node:net'
import {tmpdir} from 'node:os'
import {join} from 'node:path'
import {afterAll, beforeAll, describe, expect, it} from 'vitest'
import {checkAccess, resolveWriteToken, TokenError} from '../../lake/write/accessToken'

let directory: string
beforeAll(() => {
  directory = mkdtempSync(join(tmpdir(), 'token-'))
})
afterAll(() => rmSync(directory, {recursive: true, force: true}))

describe('the local write token', () => {
  it('uses LOCAL_WRITE_TOKEN when set, and refuses a weak one', async () => {
    const path = join(directory, 'unused')
    expect(await resolveWriteToken({LOCAL_WRITE_TOKEN: 'a-long-enough-token-123'}, path)).toMatchObject({token: 'a-long-enough-token-123', source: 'environment'})
    await expect(resolveWriteToken({LOCAL_WRITE_TOKEN: 'short'}, path)).rejects.toThrow(TokenError)
  })

  it('makes a random token once, in a file only its owner can read, and reuses it', async () => {
    const path = join(directory, '.local-write-token')
    const first = await resolveWriteToken({}, path)
    expect(first.source).toBe('generated')
    expect(first.token).toMatch(/^[A-Za-z0-9_-]{43}$/)
    expect(statSync(path).mode & 0o777).toBe(0o600)
    expect(await resolveWriteToken({}, path)).toMatchObject({token: first.token, source: 'file'})
  })

  it('tightens a token file that others can read, and says so', async () => {
    const path = join(directory, 'open-token')
    writeFileSync(path, 'an-existing-token-0123456789\n', {mode: 0o644})
    const token = await resolveWriteToken({}, path)
    expect(token.token).toBe('an-existing-token-0123456789')
    expect(token.warnings.join()).toMatch(/permissions are now 600/)
    expect(statSync(path).mode & 0o777).toBe(0o600)
    expect(readFileSync(path, 'utf8')).toContain('an-existing-token')
  })
})

describe('access check, as @sanity/client reports it', () => {
  const token = 'the-right-token-0123456789'
  let server: Server
  let apiHost: string

  beforeAll(async () => {
    server = createServer((request, response) => {
      const denied = checkAccess(request.headers.authorization, token, 'create', 'writes')
      response.writeHead(denied?.statusCode ?? 200, {'content-type': 'application/json'})
      response.end(JSON.stringify(denied?.body ?? {transactionId: 't', results: []}))
    })
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
    apiHost = `http://127.0.0.1:${(server.address() as AddressInfo).port}`
  })
  afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())))

  const client = (withToken?: string) =>
    createClient({
      projectId: 'local',
      dataset: 'production',
      apiHost,
      useProjectHostname: false,
      useCdn: false,
      apiVersion: '2025-02-19',
      maxRetries: 0,
      ...(withToken ? {token: withToken} : {}),
    })

  it('no token: 403 naming the permission and where the token is', async () => {
    const error = await client()
      .create({_type: 'x'})
      .catch((caught: unknown) => caught)
    expect(error).toMatchObject({statusCode: 403, details: {type: 'insufficientPermissionsError', permission: 'create'}})
    expect((error as Error).message).toMatch(/permission "create" required for writes.*LOCAL_WRITE_TOKEN/)
  })

  it('a wrong token: 401', async () => {
    const error = await client('a-wrong-token-0123456789')
      .create({_type: 'x'})
      .catch((caught: unknown) => caught)
    expect(error).toMatchObject({statusCode: 401})
    expect((error as Error).message).toMatch(/Unauthorized - Session not found/)
  })

  it('the right token passes', async () => {
    await expect(client(token).create({_type: 'x'})).resolves.toBeUndefined()
    expect(checkAccess(`bearer ${token}`, token, 'update', 'writes')).toBeNull()
    expect(checkAccess('Basic abc', token, 'update', 'writes')?.statusCode).toBe(401)
  })
})
