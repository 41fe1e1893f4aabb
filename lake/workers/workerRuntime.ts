import {parentPort} from 'node:worker_threads'
import {performance} from 'node:perf_hooks'
import {loadDataset, type DatasetSnapshot, type StoredDocument} from '../../client/embedded/dataset'
import {applyDelivery, type VersionDelivery} from '../store/datasetStore'
import type {FromWorkerMessage, ToWorkerMessage} from './workerProtocol'

/**
 * The worker side of a WorkerPool: keeps the dataset version the pool sends
 * (whole, or as a change from the version before) and answers jobs from it.
 * A job that asks for a newer version than the one held is refused as stale
 * rather than answered from old data.
 */
export function serveJobs<Job, Outcome>(
  handle: (snapshot: DatasetSnapshot, job: Job) => Promise<Outcome>,
  /** Runs once per version before the worker reports it loaded, so that the first job does not pay for indexes and JIT. */
  warm: (snapshot: DatasetSnapshot) => Promise<void> = async () => undefined,
): void {
  const port = parentPort
  if (!port) throw new Error('This module runs as a worker thread of a WorkerPool.')
  let documents: StoredDocument[] = []
  let version = 0
  let etag = ''
  let snapshot: DatasetSnapshot = loadDataset([])
  const send = (message: FromWorkerMessage<Outcome>) => port.postMessage(message)

  /**
   * Loads every version that has arrived, in order, and rebuilds the
   * snapshot once for the newest: under a burst of writes the worker catches
   * up in one rebuild instead of one per version, so queries asking for the
   * newest version do not wait behind rebuilds of versions already gone.
   */
  const arrived: VersionDelivery[] = []
  const loadArrived = async (): Promise<void> => {
    // One turn of the event loop first, so that versions already sent but not yet received are taken along.
    await new Promise((resolve) => setImmediate(resolve))
    const deliveries = arrived.splice(0)
    const newest = deliveries.at(-1)
    if (!newest) return
    try {
      let nextDocuments = documents
      let heldVersion = version
      for (const delivery of deliveries) {
        if (delivery.kind === 'delta' && delivery.baseVersion !== heldVersion) {
          throw new Error(`a change from version ${delivery.baseVersion} arrived while holding version ${heldVersion}`)
        }
        nextDocuments = applyDelivery(nextDocuments, delivery)
        heldVersion = delivery.version
      }
      const next = loadDataset(nextDocuments)
      await warm(next)
      documents = nextDocuments
      snapshot = next
      version = newest.version
      etag = newest.etag
      send({type: 'loaded', version})
    } catch (error) {
      send({type: 'loadFailed', version: newest.version, message: error instanceof Error ? error.message : String(error)})
    }
  }
  // Versions apply one after another, in the order they were sent, even while one is warming up.
  let loading = Promise.resolve()

  port.on('message', async (message: ToWorkerMessage<Job>) => {
    if (message.type === 'version') {
      arrived.push(message.delivery)
      // One pass per message, but a pass finds nothing left when an earlier one took it along.
      loading = loading.then(loadArrived)
      return
    }
    if (message.version > version) {
      send({type: 'stale', jobId: message.jobId, version})
      return
    }
    const started = performance.now()
    const answeredVersion = version
    const answeredEtag = etag
    const outcome = await handle(snapshot, message.job)
    send({type: 'done', jobId: message.jobId, version: answeredVersion, etag: answeredEtag, ms: Math.round((performance.now() - started) * 1000) / 1000, outcome})
  })
}
