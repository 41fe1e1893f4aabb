import {createHmac} from 'node:crypto'
import {createClient as createBifurClient} from '@sanity/bifur-client'
import {firstValueFrom, Observable, type Subscription} from 'rxjs'
import {afterAll, beforeAll, describe, expect, it} from 'vitest'
import WebSocket from 'ws'
import {LOCAL_EDITOR} from '../../schemas/studio/local/localSession'
import {LAKE_TOKEN, startLocalLake, type TestLake} from '../support/localLake'

/**
 * Presence, as the Studio uses it: Sanity's own bifur client (the one the
 * Studio's presence store runs on) over a WebSocket to the local Lake. One
 * editor announces where she is; the other hears it, and hears her leave.
 */

interface PresenceEvent {
  type: string
  i: string
  session?: string
  m?: {sessionId?: string; session?: string; locations?: unknown[]}
}

/** Waits for what the socket has heard, as vitest polls. */
const until = (condition: () => boolean) => expect.poll(condition, {timeout: 5000}).toBe(true)

const DOCUMENTS = [{_id: 'condition-a', _type: 'condition', title: 'A'}]
let lake: TestLake

beforeAll(async () => {
  lake = await startLocalLake(DOCUMENTS)
})
afterAll(async () => lake.close())

function socketUrl(dataset = 'production'): string {
  return `${lake.url.replace(/^http/, 'ws')}/v2022-06-30/socket/${dataset}?tag=sanity.studio`
}

/** A socket as the browser opens it, with a way to close it from the test. */
function openSocket(headers: Record<string, string> = {}): {connection$: Observable<WebSocket>; close(): void} {
  const socket = new WebSocket(socketUrl(), {headers})
  const connection$ = new Observable<WebSocket>((subscriber) => {
    if (socket.readyState === WebSocket.OPEN) subscriber.next(socket)
    else socket.once('open', () => subscriber.next(socket))
    socket.once('close', () => subscriber.complete())
  })
  return {connection$, close: () => socket.close()}
}

/** The Studio's side of presence: bifur-client on a socket, with the token it holds. */
function studio(token: string | null = LAKE_TOKEN, headers: Record<string, string> = {}) {
  const socket = openSocket(headers)
  // bifur-client types its connection as the browser's WebSocket; ws's has the same send, readyState and message events.
  const bifur = createBifurClient(
    socket.connection$ as unknown as Observable<globalThis.WebSocket>,
    token === null ? {} : {token$: new Observable((subscriber) => subscriber.next(token))},
  )
  return {bifur, close: socket.close}
}

/** A socket that records what the Lake sends it, for messages that bifur-client would not send. */
async function rawSocket(): Promise<{socket: WebSocket; replies: unknown[]; closed: Promise<number>}> {
  const socket = new WebSocket(socketUrl())
  const replies: unknown[] = []
  socket.on('message', (data: Buffer) => replies.push(JSON.parse(data.toString('utf8'))))
  const closed = new Promise<number>((resolve) => socket.once('close', (code) => resolve(code)))
  await new Promise((resolve, reject) => socket.once('open', resolve).once('error', reject))
  return {socket, replies, closed}
}

/** The Lake's answer to one raw message. */
async function rawExchange(message: string): Promise<unknown> {
  const {socket, replies} = await rawSocket()
  socket.send(message)
  await until(() => replies.length > 0)
  socket.close()
  return replies[0]
}

/** The status and body of an upgrade the Lake refuses. */
async function refusedUpgrade(url: string, headers: Record<string, string> = {}): Promise<{status: number; body: string}> {
  const socket = new WebSocket(url, {headers})
  return new Promise((resolve, reject) => {
    socket.once('unexpected-response', (_request, response) => {
      let body = ''
      response.on('data', (chunk: Buffer) => (body += chunk.toString('utf8')))
      response.on('end', () => resolve({status: response.statusCode ?? 0, body}))
    })
    socket.once('open', () => reject(new Error('The socket opened')))
  })
}

describe('presence on the local Lake, through @sanity/bifur-client', () => {
  it('tells one Studio where another is, in order, and that she left when her socket closed', async () => {
    const anna = studio()
    const bram = studio()
    const heard: PresenceEvent[] = []
    const subscription: Subscription = bram.bifur.listen('presence').subscribe((event) => heard.push(event as PresenceEvent))
    // Bram's subscription is in place once his own roll call comes back to him.
    await firstValueFrom(bram.bifur.request('presence_rollcall', {session: 'bramSession000001'}))
    await until(() => heard.some((event) => event.type === 'rollCall' && event.session === 'bramSession000001'))

    const location = {type: 'document', documentId: 'condition-a', path: ['title'], lastActiveAt: '2026-12-03T12:00:00.000Z'}
    await firstValueFrom(anna.bifur.request('presence_announce', {data: {sessionId: 'annaSession000001', locations: [location]}}))
    await until(() => heard.some((event) => event.type === 'state'))
    anna.close()
    await until(() => heard.some((event) => event.type === 'disconnect'))
    subscription.unsubscribe()
    bram.close()

    // Without the Studio's session cookie, the token is who it is recorded as in the history too.
    expect(heard.map((event) => event.type)).toEqual(['rollCall', 'state', 'disconnect'])
    expect(heard[1]).toEqual({type: 'state', i: 'local-write-token', m: {sessionId: 'annaSession000001', locations: [location]}})
    expect(heard[2]).toEqual({type: 'disconnect', i: 'local-write-token', m: {session: 'annaSession000001'}})
  })

  it('names the local editor for a Studio that signed in, as its writes are recorded', async () => {
    const editor = studio(LAKE_TOKEN, {cookie: signedInCookie()})
    const heard: PresenceEvent[] = []
    const subscription = editor.bifur.listen('presence').subscribe((event) => heard.push(event as PresenceEvent))
    // The subscription and the roll call go out on one socket, in this order.
    await firstValueFrom(editor.bifur.request('presence_rollcall', {session: 'editorSession0001'}))
    await until(() => heard.length > 0)
    subscription.unsubscribe()
    editor.close()
    expect(heard).toEqual([{type: 'rollCall', i: LOCAL_EDITOR.id, session: 'editorSession0001'}])
  })

  it('tells nothing without the token, and closes the socket for a wrong one', async () => {
    expect(await rawExchange(JSON.stringify({jsonrpc: '2.0', method: 'presence_subscribe', params: {}, id: 'a'}))).toMatchObject({
      id: 'a',
      error: {code: -32600, message: expect.stringContaining('write token')},
    })
    const wrong = await rawSocket()
    wrong.socket.send(JSON.stringify({jsonrpc: '2.0', method: 'authorization', params: {authorization: 'Bearer not-the-token'}, id: 'b'}))
    expect(await wrong.closed).toBe(4001)
    expect(wrong.replies).toEqual([{jsonrpc: '2.0', id: 'b', error: {code: 4001, message: expect.stringContaining('Session not found')}}])
  })

  it('answers a message that is not JSON-RPC with the reason, and an unknown method as unknown', async () => {
    expect(await rawExchange('not json')).toMatchObject({id: null, error: {code: -32700}})
    expect(await rawExchange(JSON.stringify({method: 'presence_subscribe'}))).toMatchObject({error: {code: -32600}})
    const {socket, replies} = await rawSocket()
    socket.send(JSON.stringify({jsonrpc: '2.0', method: 'authorization', params: {authorization: `Bearer ${LAKE_TOKEN}`}, id: 1}))
    socket.send(JSON.stringify({jsonrpc: '2.0', method: 'presence_teleport', params: {}, id: 2}))
    socket.send(JSON.stringify({jsonrpc: '2.0', method: 'presence_announce', params: {data: {sessionId: 'a b', locations: []}}, id: 3}))
    await until(() => replies.length === 3)
    socket.close()
    expect(replies).toEqual([
      {jsonrpc: '2.0', id: 1, result: true},
      {jsonrpc: '2.0', id: 2, error: {code: -32601, message: 'The presence socket has no method "presence_teleport".'}},
      {jsonrpc: '2.0', id: 3, error: {code: -32602, message: expect.stringContaining('data.sessionId')}},
    ])
  })

  it('refuses a foreign origin, a foreign host, another dataset and a message over the limit', async () => {
    const origin = await refusedUpgrade(socketUrl(), {origin: 'https://evil.example'})
    expect(origin.status).toBe(403)
    expect(JSON.parse(origin.body)).toMatchObject({message: expect.stringContaining('CORS_ORIGINS')})
    expect((await refusedUpgrade(socketUrl(), {host: 'evil.example'})).status).toBe(403)
    expect((await refusedUpgrade(socketUrl('staging'))).status).toBe(404)
    const {socket, closed} = await rawSocket()
    socket.send('x'.repeat(64 * 1024 + 1))
    expect(await closed).toBe(1009)
  })

  it('refuses one socket more than MAX_PRESENCE_CONNECTIONS, and stops with a socket still open', async () => {
    const small = await startLocalLake(DOCUMENTS, {settings: {MAX_PRESENCE_CONNECTIONS: '1'}})
    const url = `${small.url.replace(/^http/, 'ws')}/v2022-06-30/socket/production`
    const first = new WebSocket(url)
    const closed = new Promise<void>((resolve) => first.once('close', () => resolve()))
    await new Promise((resolve) => first.once('open', resolve))
    const refused = await refusedUpgrade(url)
    expect(refused.status).toBe(503)
    expect(JSON.parse(refused.body)).toMatchObject({message: expect.stringContaining('MAX_PRESENCE_CONNECTIONS')})
    // Ctrl+C with a Studio open: the server stops, and the Studio's socket is closed rather than left waiting.
    await small.close()
    await closed
  })

  it('has no presence on a read-only Lake, which holds no token', async () => {
    const readOnly = await startLocalLake(DOCUMENTS, {readOnly: true})
    expect((await refusedUpgrade(`${readOnly.url.replace(/^http/, 'ws')}/v2022-06-30/socket/production`)).status).toBe(404)
    await readOnly.close()
  })
})

/** The cookie a browser holds once it opened the sign-in link: derived from the token, as docs/local-lake.md says. */
function signedInCookie(): string {
  return `local_studio_session=${createHmac('sha256', LAKE_TOKEN).update('local studio session').digest('base64url')}`
}
