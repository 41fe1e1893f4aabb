import {createClient, type LiveEvent, type SanityClient} from '@sanity/client'
import {defineLive, type DefinedSanityLiveProps} from 'next-sanity/live'
import {readFileSync} from 'node:fs'
import path from 'node:path'
import type {ReactElement} from 'react'
import {afterAll, beforeAll, describe, expect, it, vi} from 'vitest'

// Next's request scope, as it is for a visitor: draft mode off, no cookies. `<SanityLive />` asks for it.
vi.mock('next/headers', () => ({
  draftMode: async () => ({isEnabled: false}),
  cookies: async () => ({has: () => false, get: () => undefined}),
}))
import {CONDITION_PAGE_QUERY} from '../../client/queries'
import {startFaultProxy, type FaultProxy} from '../support/faultProxy'
import {isEndpoint, startLocalLake, type TestLake} from '../support/localLake'

/**
 * next-sanity's `defineLive` against the local Lake, as a Next.js frontend
 * uses it: `sanityFetch` gets a page's data and its cache tags (the answer's
 * sync tags), `<SanityLive />` hands the browser the settings for the Live
 * Content API, and after an edit that API names one of those tags, which
 * is what makes Next revalidate the page.
 *
 * How it runs: in the `next-server-runtime` project of vitest.slow.config.ts,
 * which resolves modules as Next's server runtime does in an App Router app
 * (without `cacheComponents`): with the `react-server` condition. So
 * `next-sanity/live` is the very module Next would load, and @sanity/client
 * its fetch-based build. Vite loads next-sanity, since its `next/headers`
 * import resolves only in a bundler, and turns its `'use client'` module into
 * client references, as Next's bundler does on the server. Of Next's request
 * scope, `<SanityLive />` asks only whether draft mode is on: the test answers
 * as Next does for a visitor (off, no cookies).
 *
 * next-sanity 12 is the newest whose dependencies support Node 20.19, which
 * this project supports; next-sanity 13 needs Node 22.12.
 *
 * Chosen over `next build` + `next start` of an example app in Chromium,
 * which would run the same next-sanity code on the server and add minutes of
 * build on 2 cores. The browser half of `<SanityLive />` (a client
 * component: `createClient(props).live.events({includeDrafts, tag})`, then
 * the event's tags, `sanity:`-prefixed, to the revalidate action) is done here
 * with the props the server component hands it. The action itself
 * (`updateTag`) needs a Next request.
 *
 * A recording proxy sits in front of the Lake, to show what next-sanity asks.
 */

let lake: TestLake
let proxy: FaultProxy

beforeAll(async () => {
  const seeded = readFileSync(path.join(import.meta.dirname, '../../dataset/production.ndjson'), 'utf8')
  const documents = seeded
    .split('\n')
    .filter((line) => line.trim() !== '')
    .map((line) => JSON.parse(line) as unknown)
  lake = await startLocalLake(documents)
  proxy = await startFaultProxy(lake.url)
})

afterAll(async () => {
  await proxy?.close()
  await lake?.close()
})

/** The settings `<SanityLive />` renders for its client component, which runs in the browser. */
interface SanityLiveClientProps {
  projectId: string
  dataset: string
  apiHost?: string
  apiVersion: string
  useProjectHostname?: boolean
  token?: string
  requestTag?: string
  draftModeEnabled: boolean
}

/** Renders a server component one level deep, as React does on the server: it is an async function of its props. */
async function renderServerComponent(component: unknown, props: DefinedSanityLiveProps): Promise<ReactElement<SanityLiveClientProps>> {
  if (typeof component !== 'function') throw new Error('<SanityLive /> is not a function component')
  return await (component as (props: DefinedSanityLiveProps) => Promise<ReactElement<SanityLiveClientProps>>)(props)
}

/** What the client component does with its props in the browser (next-sanity's SanityLive.js). */
function browserLiveEvents({projectId, dataset, apiHost, apiVersion, useProjectHostname, token, requestTag = 'next-loader.live'}: SanityLiveClientProps): {
  events: LiveEvent[]
  stop(): void
} {
  const client: SanityClient = createClient({
    projectId,
    dataset,
    apiVersion,
    useCdn: false,
    ignoreBrowserTokenWarning: true,
    ...(apiHost ? {apiHost} : {}),
    ...(useProjectHostname === undefined ? {} : {useProjectHostname}),
    ...(token ? {token} : {}),
  })
  const events: LiveEvent[] = []
  const subscription = client.live.events({includeDrafts: Boolean(token), tag: requestTag}).subscribe({next: (event) => events.push(event)})
  return {events, stop: () => subscription.unsubscribe()}
}

describe("next-sanity's defineLive against the local Lake", () => {
  it('sanityFetch gets the data and its sync tags; after an edit the Live Content API names one of them', async () => {
    // The frontend's client, as a Next app configures it for the Content Lake, pointed at the Lake instead.
    const client = createClient({projectId: 'local', dataset: 'production', apiHost: proxy.url, useProjectHostname: false, useCdn: true, apiVersion: '2025-02-19'})
    const {sanityFetch, SanityLive} = defineLive({client, serverToken: false, browserToken: false})

    const page = await sanityFetch({query: CONDITION_PAGE_QUERY, params: {slug: 'verzakking'}})
    expect(page.data).toMatchObject({title: 'Verzakking'})
    const {syncTags} = await lake.client({token: null}).fetch(CONDITION_PAGE_QUERY, {slug: 'verzakking'}, {filterResponse: false, perspective: 'published'})
    expect(syncTags?.length).toBeGreaterThan(0)
    expect(page.tags).toEqual(syncTags!.map((tag) => `sanity:${tag}`))

    // Two queries: one for the sync tags, then the data with those tags as Next's fetch cache tags.
    const queries = proxy.requests.filter((request) => isEndpoint(request, 'query'))
    expect(queries.map((request) => [request.method, request.status, request.search.get('tag'), request.search.get('perspective'), request.search.get('cacheMode')])).toEqual([
      ['GET', 200, 'next-loader.fetch.fetch-sync-tags', 'published', 'noStale'],
      ['GET', 200, 'next-loader.fetch', 'published', 'noStale'],
    ])

    const rendered = await renderServerComponent(SanityLive, {})
    expect(rendered.props).toMatchObject({apiHost: proxy.url, useProjectHostname: false, apiVersion: '2025-02-19', dataset: 'production', draftModeEnabled: false})
    expect(rendered.props.token).toBeUndefined()

    const live = browserLiveEvents(rendered.props)
    try {
      await vi.waitFor(() => expect(live.events.map((event) => event.type)).toEqual(['welcome']), {timeout: 10_000})
      const stream = proxy.requests.find((request) => isEndpoint(request, 'live'))
      expect([stream?.path, stream?.search.get('tag'), stream?.search.has('includeDrafts')]).toEqual(['/v2025-02-19/data/live/events/production', 'next-loader.live', false])

      await lake.client().patch('condition-verzakking').set({summary: 'Live bijgewerkt vanuit de redactie.'}).commit()
      await vi.waitFor(() => expect(live.events.some((event) => event.type === 'message')).toBe(true), {timeout: 10_000})
      const message = live.events.find((event) => event.type === 'message')
      if (message?.type !== 'message') throw new Error('no message event')

      // The revalidate action updates `sanity:<tag>` for each tag of the event: one of them is the page's.
      const updated = message.tags.map((tag) => `sanity:${tag}`)
      expect(updated.filter((tag) => page.tags.includes(tag))).not.toEqual([])

      // The refetch that revalidation causes sees the edit.
      const refreshed = await sanityFetch({query: CONDITION_PAGE_QUERY, params: {slug: 'verzakking'}})
      expect(refreshed.data).toMatchObject({summary: 'Live bijgewerkt vanuit de redactie.'})
      expect(refreshed.tags).toEqual(page.tags)
    } finally {
      live.stop()
    }
  })
})
