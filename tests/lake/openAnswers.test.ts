import http from 'node:http'
import {afterAll, beforeAll, describe, expect, it} from 'vitest'
import {startLocalLake, type TestLake} from '../support/localLake'

/**
 * Clients that ask for large answers and do not read them hold memory on
 * the server; all such answers together are bounded by MAX_OPEN_ANSWER_BYTES.
 */

// 2,000 documents of 10 kB: the answer to * is about 20 MB, more than loopback sockets take without being read.
const DOCUMENTS = Array.from({length: 2000}, (_, index) => ({_id: `filler-${index}`, _type: 'filler', text: 'x'.repeat(10_000)}))
const LIMIT = 30 * 1024 * 1024

let lake: TestLake
const requests: http.ClientRequest[] = []

beforeAll(async () => {
  lake = await startLocalLake(DOCUMENTS, {settings: {MAX_OPEN_ANSWER_BYTES: String(LIMIT)}})
})

afterAll(async () => {
  for (const request of requests) request.destroy()
  await lake?.close()
})

/** Asks for the whole dataset and reads only the status line and headers. */
function askWithoutReading(): Promise<number> {
  return new Promise((resolve, reject) => {
    const request = http.get(`${lake.url}/v2025-02-19/data/query/production?query=${encodeURIComponent('*')}`, (response) => resolve(response.statusCode ?? 0))
    request.once('error', reject)
    requests.push(request)
  })
}

describe('answers being sent', () => {
  it('together stay within MAX_OPEN_ANSWER_BYTES: one more is refused with 503 and Retry-After, and a small query still answers', async () => {
    expect(await askWithoutReading()).toBe(200)
    const second = await fetch(`${lake.url}/v2025-02-19/data/query/production?query=${encodeURIComponent('*')}`)
    expect(second.status).toBe(503)
    expect(second.headers.get('retry-after')).toBe('1')
    expect(((await second.json()) as {message: string}).message).toMatch(/MAX_OPEN_ANSWER_BYTES/)
    expect(await lake.client().fetch('count(*)')).toBe(2000)
  })

  it('the room comes back when the client that held it goes', async () => {
    for (const request of requests.splice(0)) request.destroy()
    await expect.poll(async () => (await fetch(`${lake.url}/v2025-02-19/data/query/production?query=${encodeURIComponent('*')}`)).status).toBe(200)
  })
})

describe('a writable server', () => {
  it('says why it refuses a write method on a page, without claiming to be read-only', async () => {
    const response = await fetch(`${lake.url}/`, {method: 'POST'})
    expect(response.status).toBe(405)
    const {message} = (await response.json()) as {message: string}
    expect(message).not.toMatch(/read-only/)
    expect(message).toMatch(/is a page, which is only read/)
  })
})
