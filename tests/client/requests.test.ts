import {afterEach, describe, expect, it} from 'vitest'
import {createContentClient, ContentRequestError} from '../../client/index'
import {loadDataset} from '../../client/embedded/dataset'
import {smallDataset} from './fixtures/smallDataset'
import {startQueryServer, type Behaviour, type QueryServer} from './support/queryServer'

let server: QueryServer | null = null
afterEach(async () => {
  await server?.close()
  server = null
})

async function clientAgainst(behaviour: Behaviour, options: {timeout?: number; maxRetries?: number} = {}) {
  server = await startQueryServer(loadDataset(smallDataset()), behaviour)
  return createContentClient({
    sanity: {
      projectId: 'local',
      dataset: 'production',
      apiHost: server.apiHost,
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
    const client = await clientAgainst((attempt) => (attempt < 2 ? 500 : 'answer'))
    const page = await client.getCondition('verzakking')
    expect(page?._id).toBe('condition.verzakking')
    expect(server?.requests).toHaveLength(3)
  })

  it('gives ContentRequestError with the status when the server keeps answering 500', async () => {
    const client = await clientAgainst(() => 500, {maxRetries: 2})
    const error = await requestError(client.getCondition('verzakking'))
    expect(error.status).toBe(500)
    expect(error.retried).toBe(true)
    expect(server?.requests).toHaveLength(3)
  })

  it('does not retry a client error', async () => {
    const client = await clientAgainst(() => 400)
    const error = await requestError(client.listConditions())
    expect(error.status).toBe(400)
    expect(error.retried).toBe(false)
    expect(server?.requests).toHaveLength(1)
  })

  it('times out on a server that never answers', async () => {
    const client = await clientAgainst(() => 'hang', {timeout: 200, maxRetries: 0})
    const started = Date.now()
    const error = await requestError(client.listConditions())
    expect(Date.now() - started).toBeLessThan(5_000)
    expect(error.status).toBeNull()
    expect(error.retried).toBe(false)
  })
})

describe('per-call options', () => {
  it('a signal aborts a hanging request at once, without retries', async () => {
    const client = await clientAgainst(() => 'hang', {timeout: 20_000, maxRetries: 3})
    const controller = new AbortController()
    const started = Date.now()
    const call = client.getCondition('verzakking', {signal: controller.signal})
    // Abort once the request hangs on the server.
    while (server?.requests.length === 0 && Date.now() - started < 5_000) await new Promise((resolve) => setTimeout(resolve, 10))
    controller.abort(new Error('page left'))
    await expect(call).rejects.toThrow('page left')
    expect(Date.now() - started).toBeLessThan(5_000)
    await new Promise((resolve) => setTimeout(resolve, 100))
    expect(server?.requests).toHaveLength(1)
  })

  it('an aborted signal stops the embedded backend too', async () => {
    const controller = new AbortController()
    controller.abort(new Error('not needed'))
    await expect(createContentClient({dataset: smallDataset()}).listConditions({signal: controller.signal})).rejects.toThrow('not needed')
  })

  it('the request tag reaches the Content Lake', async () => {
    const client = await clientAgainst(() => 'answer')
    await client.getCondition('verzakking', {tag: 'conditie-pagina'})
    expect(server?.requests.at(-1)?.tag).toBe('conditie-pagina')
  })
})
