import {evaluate, parse} from 'groq-js'
import {createServer, type IncomingMessage, type Server} from 'node:http'
import type {AddressInfo} from 'node:net'
import {ListenerHub} from '../../../lake/listen/listenerHub'
import {Committer} from '../../../lake/write/committer'
import {actionsEndpoint, mutateEndpoint, type JsonAnswer, type WriteApiContext} from '../../../lake/write/writeEndpoints'

/**
 * The write endpoints behind a bare HTTP server, with a plain groq-js query
 * endpoint over the committed documents: enough to drive them with the real
 * @sanity/client without the rest of the server.
 */
export interface WriteHarness {
  apiHost: string
  committer: Committer
  hub: ListenerHub
  close(): Promise<void>
}

async function readJson(request: IncomingMessage): Promise<unknown> {
  const chunks: Buffer[] = []
  for await (const chunk of request) chunks.push(chunk as Buffer)
  const text = Buffer.concat(chunks).toString('utf8')
  return text === '' ? undefined : JSON.parse(text)
}

export async function startWriteHarness(datasetPath: string, token: string | null): Promise<WriteHarness> {
  const committer = await Committer.open({datasetPath})
  const context: WriteApiContext = {
    committer,
    token,
    documentQuery: async (query, params) => {
      const found = await (await evaluate(parse(query, {params}), {dataset: [...committer.documents.values()], params})).get()
      return {ok: true, ids: (Array.isArray(found) ? found : [found]).map((document: {_id: string}) => document._id)}
    },
  }
  const hub = new ListenerHub(context)
  const server: Server = createServer((request, response) => {
    const url = new URL(request.url ?? '/', 'http://localhost')
    const send = (answer: JsonAnswer) => {
      response.writeHead(answer.status, {'content-type': 'application/json', ...answer.headers})
      response.end(JSON.stringify(answer.body))
    }
    void (async () => {
      if (url.pathname.includes('/data/mutate/')) return send(await mutateEndpoint({authorization: request.headers.authorization, search: url.searchParams, body: await readJson(request)}, context))
      if (url.pathname.includes('/data/actions/')) return send(await actionsEndpoint({authorization: request.headers.authorization, body: await readJson(request)}, context))
      if (url.pathname.includes('/data/listen/')) return hub.open(request, response, url)
      if (url.pathname.includes('/data/query/')) {
        const params: Record<string, unknown> = {}
        for (const [key, value] of url.searchParams) if (key.startsWith('$')) params[key.slice(1)] = JSON.parse(value)
        const query = url.searchParams.get('query') ?? ''
        const result = await (await evaluate(parse(query, {params}), {dataset: [...committer.documents.values()], params})).get()
        return send({status: 200, body: {query, result, ms: 0}})
      }
      send({status: 404, body: {statusCode: 404, error: 'Not Found', message: url.pathname}})
    })().catch((error: unknown) => send({status: 500, body: {statusCode: 500, error: 'Internal Server Error', message: String(error)}}))
  })
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  return {
    apiHost: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    committer,
    hub,
    async close() {
      hub.close()
      server.closeAllConnections()
      await new Promise<void>((resolve) => server.close(() => resolve()))
      await committer.close()
    },
  }
}
