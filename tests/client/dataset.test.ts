import {createContentClient} from '../../client/index'
import {mkdtempSync, writeFileSync} from 'node:fs'
import {tmpdir} from 'node:os'
import {join} from 'node:path'
import {describe, expect, it} from 'vitest'
import {DatasetLoadError, loadDataset} from '../../client/embedded/dataset'

function ndjsonFile(lines: string[]): string {
  const path = join(mkdtempSync(join(tmpdir(), 'dataset-')), 'dataset.ndjson')
  writeFileSync(path, lines.join('\n'))
  return path
}

function loadError(load: () => unknown): DatasetLoadError {
  try {
    load()
  } catch (error) {
    expect(error).toBeInstanceOf(DatasetLoadError)
    return error as DatasetLoadError
  }
  throw new Error('expected the load to fail')
}

describe('loadDataset', () => {
  it('reads one document per line and skips blank lines', () => {
    const snapshot = loadDataset(ndjsonFile(['{"_id":"a","_type":"bodyPart"}', '', '{"_id":"drafts.a","_type":"bodyPart"}']))
    expect(snapshot.documents.map((document) => document._id)).toEqual(['a', 'drafts.a'])
    expect(snapshot.view('published').documents.map((document) => document._id)).toEqual(['a'])
  })

  it.each([
    ['invalid JSON', '{"_id": "b", ', /line 2: not valid JSON/u],
    ['an array', '[1, 2]', /line 2: the document is not a JSON object/u],
    ['no _id', '{"_type":"bodyPart"}', /line 2: the document has no string "_id"/u],
    ['no _type', '{"_id":"b","_type":3}', /line 2: the document \("b"\) has no string "_type"/u],
  ])('names the line of %s', (_name, line, message) => {
    const path = ndjsonFile(['{"_id":"a","_type":"bodyPart"}', line])
    const error = loadError(() => loadDataset(path))
    expect(error.message).toMatch(message)
    expect(error.message).toContain(path)
    expect(error.line).toBe(2)
  })

  it('checks documents passed in memory too', () => {
    expect(loadError(() => loadDataset([{_id: 'a', _type: 'x'}, {_id: 'b'}])).message).toMatch(/document 1/u)
  })

  it('names a file that cannot be read', () => {
    expect(loadError(() => loadDataset('/nonexistent/production.ndjson')).message).toMatch(/Cannot read the dataset file/u)
  })
})

describe('the shipped dataset', () => {
  it('is what a client without options answers from', async () => {
    const content = createContentClient()
    expect((await content.getCondition('verzakking'))?.title).toBe('Verzakking')
    const {items, total} = await content.listConditions()
    expect(items.length).toBe(total)
  })
})
