import type {Mutation, SanityClient} from '@sanity/client'
import type {SeedDocument} from '../draft'
import {batchesInReferenceOrder} from '../referenceOrder'
import {planRootPathIds, type IdMigrationPlan} from './rootPathIds'

/**
 * Moves a Content Lake dataset to ids on the root path, one transaction per
 * batch, so that referential integrity holds after every transaction:
 * 1. write each moved document at its new id, and each document whose
 *    references change, referenced documents first;
 * 2. delete the old documents, referring documents first.
 * Every step is idempotent: a run that stopped halfway is finished by
 * running it again.
 */

export interface LakeMigrationOptions {
  apply: boolean
  batchSize: number
  log: (line: string) => void
}

/** Everything in the dataset, drafts and release versions included, without the fields the Lake stamps on every write. */
async function readDataset(client: SanityClient): Promise<SeedDocument[]> {
  const documents = await client.fetch<Array<SeedDocument & {_rev?: string; _updatedAt?: string}>>('*', {}, {perspective: 'raw'})
  return documents.map(({_rev: _revision, _updatedAt: _updated, ...document}) => document as SeedDocument) // only the stamped fields were taken off
}

export async function migrateContentLake(client: SanityClient, options: LakeMigrationOptions): Promise<{plan: IdMigrationPlan; transactions: number}> {
  const documents = await readDataset(client)
  const plan = planRootPathIds(documents, {resume: true})
  if (!options.apply || (plan.moved.length === 0 && plan.rewritten.length === 0)) return {plan, transactions: 0}
  const writes = [...plan.moved.map(({document}) => document), ...plan.rewritten]
  const oldDocuments = new Map(documents.map((document) => [document._id, document]))
  const deletes = plan.moved.map(({from}) => oldDocuments.get(from)!) // every moved id came from the dataset just read
  const writeBatches = batchesInReferenceOrder(writes, (document) => document, options.batchSize)
  // Dependencies first, reversed: a document is deleted after those that refer to it.
  const deleteBatches = batchesInReferenceOrder(deletes, (document) => document, options.batchSize).reverse()
  const steps: Array<{label: string; mutations: Mutation[]}> = [
    ...writeBatches.map((batch) => ({label: 'write', mutations: batch.map((document): Mutation => ({createOrReplace: document}))})),
    ...deleteBatches.map((batch) => ({label: 'delete', mutations: batch.map((document): Mutation => ({delete: {id: document._id}}))})),
  ]
  for (const [index, step] of steps.entries()) {
    await client.transaction(step.mutations).commit({visibility: 'sync'})
    options.log(`  transaction ${index + 1}/${steps.length}: ${step.mutations.length} ${step.label}(s)`)
  }
  return {plan, transactions: steps.length}
}
