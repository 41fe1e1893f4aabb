import {readFileSync} from 'node:fs'
import {fileURLToPath} from 'node:url'
import {describe, expect, it} from 'vitest'
import {buildDocuments} from '../../seed/build'
import {SourceText} from '../../seed/sourceText'

const SEEDED_DATASET = fileURLToPath(new URL('../../dataset/production.ndjson', import.meta.url))

interface StoredDocument {
  _id: string
  additions?: Array<{_key: string; _type: string; path: string}>
  [field: string]: unknown
}

/** The value at a Sanity path such as `codes[_key=="icd-10-N81"].code` or `review.nextReview`. */
function valueAt(document: unknown, path: string): unknown {
  let value = document
  for (const [, field, key] of path.matchAll(/\.?([^.[\]]+)|\[_key=="([^"]+)"\]/gu)) {
    if (field !== undefined) value = (value as Record<string, unknown> | undefined)?.[field]
    else value = (value as Array<{_key?: string}> | undefined)?.find((item) => item._key === key)
  }
  return value
}

const documents = readFileSync(SEEDED_DATASET, 'utf8')
  .split('\n')
  .filter((line) => line.trim() !== '')
  .map((line) => JSON.parse(line) as StoredDocument)
const built = buildDocuments(SourceText.load())
if (!built.ok) throw new Error('the seed must build')
const editorial = built.provenance.filter((entry) => entry.kind === 'editorial')

describe('editorial additions in the dataset', () => {
  it('every value the seed marks editorial carries its mark in the dataset, on the document and at the path that holds it', () => {
    const marks = documents.flatMap((document) => (document.additions ?? []).map((addition) => ({document, addition})))
    console.log(`Editorial values marked in the dataset: ${marks.length} of ${editorial.length}`)
    expect(marks).toHaveLength(editorial.length)
    const values = marks.map(({document, addition}) => `${document._id} ${String(valueAt(document, addition.path))}`).sort()
    expect(values).toEqual(editorial.map((entry) => `${entry.documentId} ${String(entry.kind === 'editorial' ? entry.value : '')}`).sort())
    for (const {addition} of marks) expect(addition._type).toBe('editorialAddition')
  })

  it('names an item of a list by its key, so that the mark stays on its value when the list is reordered', () => {
    const verzakking = documents.find((document) => document._id === 'condition-verzakking')
    expect(verzakking?.additions?.map((addition) => addition.path)).toContain('codes[_key=="icd-10-N81"].code')
  })
})
