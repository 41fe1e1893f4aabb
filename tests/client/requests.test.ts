import {afterAll, beforeAll, beforeEach, describe, expect, it} from 'vitest'
import {createContentClient, ContentRequestError} from '../../client/index'
import {smallDataset} from './fixtures/smallDataset'
import {startFaultProxy, type FaultProxy} from '../support/faultProxy'
import {startLocalLake, type TestLake} from '../support/localLake'

let lake: TestLake
let proxy: FaultProxy
beforeAll(async () => {
  lake = await startLocalLake(smallDataset())
  proxy = await startFaultProxy(lake.url)
})
afterAll(async () => {
  await proxy.close()
  await lake.close()
})
beforeEach(() => proxy.reset())

/** A content client that reaches the Lake through the proxy. */
function client(options: {timeout?: number; maxRetries?: number} = {}) {
  return createContentClient({
    sanity: {
      projectId: 'local',
      dataset: 'production',
      apiHost: proxy.url,
      useProjectHostname: false,
      useCdn: false,
      retryDelay: 5,
      ...options,
    },
  })
}

async function requestError(promise: Promise<unknown>): Promise<ContentRequestError> {
  const error = await promise.then(
    () => null,
    (caught: unknown) => caught,
  )
  expect(error).toBeInstanceOf(ContentRequestError)
  return error as ContentRequestError
}

describe('the request path', () => {
  it('succeeds after retries when the server answers 500 twice, then 200', async () => {
    proxy.behave((attempt) => (attempt < 2 ? {status: 500} : 'forward'))
    const page = await client().getCondition('verzakking')
    expect(page?._id).toBe('condition-verzakking')
    expect(proxy.requests.map((request) => request.status)).toEqual([500, 500, 200])
  })

  it('gives ContentRequestError with the status when the server keeps answering 500', async () => {
    proxy.behave(() => ({status: 500}))
    const error = await requestError(client({maxRetries: 2}).getCondition('verzakking'))
    expect(error.status).toBe(500)
    expect(error.retried).toBe(true)
    expect(proxy.requests).toHaveLength(3)
  })

  it('does not retry a client error', async () => {
    proxy.behave(() => ({status: 400}))
    const error = await requestError(client().listConditions())
    expect(error.status).toBe(400)
    expect(error.retried).toBe(false)
    expect(proxy.requests).toHaveLength(1)
  })

  it('times out on a server that never answers', async () => {
    proxy.behave(() => 'hang')
    const started = Date.now()
    const error = await requestError(client({timeout: 200, maxRetries: 0}).listConditions())
    expect(Date.now() - started).toBeLessThan(5_000)
    expect(error.status).toBeNull()
    expect(error.retried).toBe(false)
  })

  it('retries a request that timed out, and uses the answer of the retry', async () => {
    proxy.behave((attempt) => (attempt === 0 ? {delayMs: 2_000} : 'forward'))
    const page = await client({timeout: 200, maxRetries: 1}).getCondition('verzakking')
    expect(page?._id).toBe('condition-verzakking')
    expect(proxy.requests.map((request) => request.status ?? 'cut off')).toEqual(['cut off', 200])
  })
})

describe('per-call options', () => {
  it('a signal aborts a hanging request at once, without retries', async () => {
    proxy.behave((attempt) => (attempt === 0 ? 'hang' : 'forward'))
    const content = client({timeout: 20_000, maxRetries: 3})
    const controller = new AbortController()
    const started = Date.now()
    const call = content.getCondition('verzakking', {signal: controller.signal})
    // Abort once the request hangs at the proxy.
    await proxy.waitFor(() => true)
    controller.abort(new Error('page left'))
    await expect(call).rejects.toThrow('page left')
    expect(Date.now() - started).toBeLessThan(5_000)
    // A later call is answered; a retry of the aborted one would have come before it.
    expect((await content.listConditions()).total).toBeGreaterThan(0)
    expect(proxy.requests.map((request) => request.status ?? 'hung')).toEqual(['hung', 200])
  })

  it('an aborted signal stops the embedded backend too', async () => {
    const controller = new AbortController()
    controller.abort(new Error('not needed'))
    await expect(createContentClient({dataset: smallDataset()}).listConditions({signal: controller.signal})).rejects.toThrow('not needed')
  })

  it('the request tag reaches the Content Lake', async () => {
    await client().getCondition('verzakking', {tag: 'conditie-pagina'})
    expect(proxy.requests.at(-1)?.search.get('tag')).toBe('conditie-pagina')
    expect(proxy.requests.at(-1)?.status).toBe(200)
  })
})
