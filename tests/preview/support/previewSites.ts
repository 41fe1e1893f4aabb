import {readFile} from 'node:fs/promises'
import {fileURLToPath} from 'node:url'
import {afterAll} from 'vitest'
import {startLocalLake, type TestLake} from '../../support/localLake'

const SEEDED_DATASET = fileURLToPath(new URL('../../../dataset/production.ndjson', import.meta.url))

/** The shipped dataset's documents, as the seed wrote them. */
export async function seededDocuments<Document>(): Promise<Document[]> {
  return (await readFile(SEEDED_DATASET, 'utf8'))
    .split('\n')
    .filter((line) => line.trim() !== '')
    .map((line) => JSON.parse(line) as Document)
}

/**
 * For a test file: serves the preview site on the local Lake (read-only, as
 * a visitor sees it) over given documents, as many times as the tests ask,
 * and stops every one of them after the file's tests.
 */
export function previewSites(): {serve(documents: readonly unknown[]): Promise<TestLake>} {
  const started: TestLake[] = []
  afterAll(async () => {
    for (const lake of started.splice(0)) await lake.close()
  })
  return {
    async serve(documents) {
      const lake = await startLocalLake(documents, {preview: true, readOnly: true})
      started.push(lake)
      return lake
    },
  }
}
