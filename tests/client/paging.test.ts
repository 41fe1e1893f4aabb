import {afterAll, beforeAll, describe, expect, it} from 'vitest'
import {createContentClient, type ContentClient} from '../../client/index'
import {seededDatasetSource, seededDocuments} from './support/datasets'
import {startFaultProxy, type FaultProxy} from '../support/faultProxy'
import {sentQuery, startLocalLake, type TestLake} from '../support/localLake'

let lake: TestLake
let proxy: FaultProxy
let clients: ContentClient[]

beforeAll(async () => {
  lake = await startLocalLake(seededDocuments(), {readOnly: true})
  proxy = await startFaultProxy(lake.url)
  clients = [
    createContentClient({dataset: seededDatasetSource()}),
    createContentClient({
      sanity: {projectId: 'local', dataset: 'production', apiHost: proxy.url, useProjectHostname: false, useCdn: false},
    }),
  ]
})
afterAll(async () => {
  await proxy.close()
  await lake.close()
})

describe('paging through lists', () => {
  it('a page is the slice of the whole list, with the total, on both backends', async () => {
    for (const client of clients) {
      const all = await client.listConditions()
      expect(all.total).toBe(all.items.length)
      expect(all.total).toBeGreaterThan(3)
      const page = await client.listConditions({offset: 1, limit: 2})
      expect(page).toEqual({items: all.items.slice(1, 3), total: all.total, offset: 1, limit: 2})
      const beyond = await client.listConditions({offset: all.total, limit: 5})
      expect(beyond.items).toEqual([])
      expect(beyond.total).toBe(all.total)
    }
  })

  it('symptoms are paged before they are grouped; total counts symptoms', async () => {
    for (const client of clients) {
      const all = await client.listSymptoms({limit: 1000})
      const symptoms = all.items.flatMap((group) => group.symptoms)
      expect(all.total).toBe(symptoms.length)
      const firstTwo = await client.listSymptoms({limit: 2})
      expect(firstTwo.items.flatMap((group) => group.symptoms)).toHaveLength(2)
    }
  })

  it('one request per page, the count included', async () => {
    const before = proxy.requests.length
    await clients[1]?.listConditionGroups({limit: 1})
    expect(proxy.requests.length - before).toBe(1)
    expect(sentQuery(proxy.requests.at(-1)!).params).toEqual({start: 0, end: 1})
  })

  it.each([
    [{limit: 0}, /limit must be a whole number from 1 to 1000, got 0/u],
    [{limit: 1001}, /limit .* got 1001/u],
    [{limit: 2.5}, /limit .* got 2.5/u],
    [{offset: -1}, /offset must be a whole number from 0 .* got -1/u],
  ])('refuses %j before any request', async (options, message) => {
    const before = proxy.requests.length
    await expect(clients[1]?.listConditions(options)).rejects.toThrow(message)
    expect(proxy.requests.length).toBe(before)
  })
})
