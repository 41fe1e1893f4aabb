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
