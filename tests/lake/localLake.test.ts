import {createClient, type SanityClient} from '@sanity/client'
import {readFileSync} from 'node:fs'
import {join} from 'node:path'
import {afterAll, beforeAll, describe, expect, it, vi} from 'vitest'
import {readServerConfig} from '../../lake/config'
import {startServer, type RunningServer} from '../../lake/server'
import {openLocalLake, type LocalLake} from '../../lake/localLake'
import {createPreviewSite} from '../../preview/site'
import {createContentClient} from '../../client/index'
import {DEFAULT_OUTPUT} from '../../seed/cli'
import {writeTempDataset} from './fixtures'

const TOKEN = 'server-test-token-0123456789'
let server: RunningServer
let lake: LocalLake
let remove: () => Promise<void>
let datasetPath: string

beforeAll(async () => {
  const documents = readFileSync(DEFAULT_OUTPUT, 'utf8')
    .trim()
    .split('\n')
    .map((line) => JSON.parse(line) as unknown)
  ;({datasetPath, remove} = await writeTempDataset(documents))
  const config = readServerConfig(['--dataset', datasetPath, '--port', '0'], {QUERY_WORKERS: '2'})
  lake = await openLocalLake(datasetPath, {env: {LOCAL_WRITE_TOKEN: TOKEN}, tokenPath: join(datasetPath, '..', '.local-write-token')})
  server = await startServer(config, {store: lake.store, lake, pages: (store) => createPreviewSite({store, renderTimeoutMs: config.renderTimeoutMs, workers: 1})})
})

afterAll(async () => {
  await server.close()
  await lake.close()
  await remove()
})

function client(token: string | null = TOKEN, perspective: 'published' | 'drafts' | 'raw' = 'published'): SanityClient {
  return createClient({
    projectId: 'local',
    dataset: 'production',
    apiHost: server.url,
    useProjectHostname: false,
    useCdn: false,
    apiVersion: '2025-02-19',
    perspective,
    maxRetries: 0,
    ...(token ? {token} : {}),
  })
}

describe('the local Content Lake in npm start', () => {
  it("the content client's subscribe hears an editor's save through the live events endpoint", async () => {
    // What a frontend's dev server does: render from the client, refresh when an editor saves.
    const content = createContentClient({sanity: {projectId: 'local', dataset: 'production', apiHost: server.url, useProjectHostname: false, useCdn: false}})
    const seeded = 'Een verzakking ontstaat door zwakte van het ondersteunende weefsel (de bekkenbodem en/of de banden die de organen op de plaats houden).'
    const summaries: unknown[] = []
    const errors: unknown[] = []
    /** Waits until the subscriber has heard exactly these summaries; an error fails it with the error shown. */
    const heard = (expected: unknown[]) =>
      vi.waitFor(
        () => {
          expect(errors).toEqual([])
          expect(summaries).toEqual(expected)
        },
        {timeout: 5_000},
      )
    const stop = content.subscribe('*[_id == "condition-verzakking"][0].summary', {}, {next: (summary) => summaries.push(summary), error: (error) => errors.push(error)})
    try {
      // The first answer comes after the live stream's welcome, so the save below is heard.
      await heard([seeded])
      await client().patch('condition-verzakking').set({summary: 'Net opgeslagen door een redacteur.'}).commit()
      await heard([seeded, 'Net opgeslagen door een redacteur.'])
    } finally {
      stop()
    }
  })

  it('a query after an acknowledged write sees it, on every worker, with a new ETag', async () => {
    const url = `${server.url}/v2025-02-19/data/query/production?query=${encodeURIComponent('*[_id == "condition-verzakking"][0].summary')}`
    const before = await fetch(url)
    const etag = before.headers.get('etag')
    for (let round = 0; round < 5; round += 1) {
      const summary = `Samenvatting ${round}.`
      await client().patch('condition-verzakking').set({summary}).commit()
      const answers = await Promise.all(Array.from({length: 6}, () => client(null).fetch('*[_id == "condition-verzakking"][0].summary')))
      expect(answers).toEqual(Array(6).fill(summary))
    }
    const after = await fetch(url)
    expect(after.headers.get('etag')).not.toBe(etag)
  })

  it('the preview page shows the new text without a restart', async () => {
    await client().patch('condition-verzakking').set({summary: 'Tekst die net is opgeslagen.'}).commit()
    const page = await (await fetch(`${server.url}/aandoeningen/verzakking`)).text()
    expect(page).toContain('Tekst die net is opgeslagen.')
  })

  it('without a token every perspective answers with published documents only; drafts and private ids need the token', async () => {
    await client().createOrReplace({_id: 'drafts.condition-verzakking', _type: 'condition', title: 'Concepttitel'})
    await client().createOrReplace({_id: 'settings.private-note', _type: 'condition', title: 'Privénotitie'})
    const everyId = '*[_id in ["condition-verzakking", "drafts.condition-verzakking", "settings.private-note"]]{_id, title}'
    const withToken = await client(TOKEN, 'raw').fetch<{_id: string}[]>(everyId)
    expect(withToken.map((document) => document._id).sort()).toEqual(['condition-verzakking', 'drafts.condition-verzakking', 'settings.private-note'])
    const published = await client(null).fetch<{_id: string; title: string}[]>(everyId)
    expect(published.map((document) => document._id)).toEqual(['condition-verzakking'])
    for (const perspective of ['drafts', 'raw'] as const) {
      const anonymous = await client(null, perspective).fetch<{_id: string; title: string}[]>(everyId)
      expect(anonymous, perspective).toEqual(published)
      expect(JSON.stringify(anonymous), perspective).not.toMatch(/Concepttitel|Privénotitie/u)
      expect(await client(null, perspective).fetch('count(*[!(_id in path("*"))])'), perspective).toBe(0)
    }
    // The older name of the drafts perspective, as next-sanity's sync-tag request may send it.
    const previewDrafts = await fetch(`${server.url}/v2025-02-19/data/query/production?perspective=previewDrafts&query=${encodeURIComponent(everyId)}`)
    expect(previewDrafts.status).toBe(200)
    const answer = (await previewDrafts.json()) as {result: unknown; syncTags: string[]}
    expect(answer.result).toEqual(published)
    // Published content, so the published tag: the live events a reader without a token hears announce its changes.
    const publishedAnswer = (await (await fetch(`${server.url}/v2025-02-19/data/query/production?query=${encodeURIComponent(everyId)}`)).json()) as {syncTags: string[]}
    expect(answer.syncTags).toEqual(publishedAnswer.syncTags)
    await expect(client('wrong-token-0123456789', 'drafts').fetch('*[0]')).rejects.toMatchObject({statusCode: 401})
    expect(await client(TOKEN, 'drafts').fetch('*[_id == "condition-verzakking"][0].title')).toBe('Concepttitel')
    await expect(client(null).create({_type: 'x'})).rejects.toMatchObject({statusCode: 403})
  })

  it('listen streams the change through the server', async () => {
    const events: string[] = []
    const done = new Promise<void>((resolve) => {
      const subscription = client()
        .listen('*[_id == "condition-verzakking"]', {}, {events: ['welcome', 'mutation']})
        .subscribe((event) => {
          events.push(event.type)
          if (event.type === 'welcome') void client().patch('condition-verzakking').set({listenCheck: Date.now()}).commit()
          if (event.type === 'mutation') {
            subscription.unsubscribe()
            resolve()
          }
        })
    })
    await done
    expect(events).toEqual(['welcome', 'mutation'])
  })

  it('the edits reach the dataset file', async () => {
    await lake.committer.flush()
    expect(readFileSync(datasetPath, 'utf8')).toContain('Tekst die net is opgeslagen.')
  })
})
