import {mkdirSync, mkdtempSync, readFileSync, writeFileSync} from 'node:fs'
import {tmpdir} from 'node:os'
import path from 'node:path'
import {describe, expect, it} from 'vitest'
import {journalPathFor} from '../../seed/datasetFiles'
import {exportWorkingDataset, prepareWorkingDataset, workingDatasetFor} from '../../scripts/workingDataset'

/** npm start edits a git-ignored working copy; the shipped dataset changes only when a person exports or seeds. */

const line = (document: Record<string, unknown>) => `${JSON.stringify(document)}\n`
const A = {_id: 'condition-a', _type: 'condition', title: 'A'}
const B = {_id: 'symptom-b', _type: 'symptom', title: 'B'}

function project(shipped: string): {
  directory: string
  shippedPath: string
  log: {info: string[]; warn: string[]; sink: {info(message: string): void; warn(message: string): void}}
} {
  const directory = mkdtempSync(path.join(tmpdir(), 'working-dataset-'))
  const shippedPath = path.join(directory, 'dataset', 'production.ndjson')
  const datasetDirectory = path.dirname(shippedPath)
  mkdirSync(datasetDirectory, {recursive: true})
  writeFileSync(shippedPath, shipped)
  const info: string[] = []
  const warn: string[] = []
  return {directory, shippedPath, log: {info, warn, sink: {info: (message) => info.push(message), warn: (message) => warn.push(message)}}}
}

describe('the working dataset of npm start', () => {
  it('starts as a copy of the shipped dataset, in .lake/', () => {
    const {directory, shippedPath, log} = project(line(A) + line(B))
    const working = workingDatasetFor(directory, shippedPath)
    prepareWorkingDataset(working, log.sink)
    expect(working.path).toBe(path.join(directory, '.lake', 'production.ndjson'))
    expect(readFileSync(working.path, 'utf8')).toBe(line(A) + line(B))
    expect(log.info).toHaveLength(1)
  })

  it('follows a new shipped dataset when it holds no edits (system fields the Lake added do not count)', () => {
    const {directory, shippedPath, log} = project(line(A))
    const working = workingDatasetFor(directory, shippedPath)
    prepareWorkingDataset(working, log.sink)
    writeFileSync(working.path, line({...A, _rev: 'r1', _createdAt: '2026-01-01T00:00:00Z', _updatedAt: '2026-01-01T00:00:00Z'}))
    writeFileSync(shippedPath, line(A) + line(B))
    prepareWorkingDataset(working, log.sink)
    expect(readFileSync(working.path, 'utf8')).toBe(line(A) + line(B))
    expect(log.warn).toEqual([])
  })

  it('keeps a working copy with edits when the shipped dataset changes, and names the edited documents', () => {
    const {directory, shippedPath, log} = project(line(A))
    const working = workingDatasetFor(directory, shippedPath)
    prepareWorkingDataset(working, log.sink)
    writeFileSync(working.path, line({...A, title: 'A, bewerkt'}))
    writeFileSync(shippedPath, line(A) + line(B))
    prepareWorkingDataset(working, log.sink)
    expect(readFileSync(working.path, 'utf8')).toBe(line({...A, title: 'A, bewerkt'}))
    expect(log.warn).toHaveLength(1)
    expect(log.warn[0]).toContain('1 edited document(s): condition-a')
    expect(log.warn[0]).toContain('npm run lake:export')
  })

  it('counts changes still in the journal as edits', () => {
    const {directory, shippedPath, log} = project(line(A))
    const working = workingDatasetFor(directory, shippedPath)
    prepareWorkingDataset(working, log.sink)
    writeFileSync(journalPathFor(working.path), 'a transaction not yet folded\n')
    writeFileSync(shippedPath, line(B))
    prepareWorkingDataset(working, log.sink)
    expect(readFileSync(working.path, 'utf8')).toBe(line(A))
    expect(log.warn[0]).toContain('changes still in its journal')
    expect(exportWorkingDataset(working)).toEqual({kind: 'unsavedJournal'})
  })

  it('exports the edits into the shipped file as the seed writes it: sorted, without _rev and timestamps; then both agree', () => {
    const {directory, shippedPath, log} = project(line(A) + line(B))
    const working = workingDatasetFor(directory, shippedPath)
    prepareWorkingDataset(working, log.sink)
    writeFileSync(working.path, line({...B, _rev: 'r2', _updatedAt: '2026-01-02T00:00:00Z'}) + line({...A, title: 'A, bewerkt', _rev: 'r3', _createdAt: '2026-01-01T00:00:00Z'}))
    expect(exportWorkingDataset(working)).toEqual({kind: 'written', changed: ['condition-a']})
    expect(readFileSync(shippedPath, 'utf8')).toBe(line({...A, title: 'A, bewerkt'}) + line(B))
    expect(exportWorkingDataset(working)).toEqual({kind: 'unchanged'})
    prepareWorkingDataset(working, log.sink)
    expect(log.warn).toEqual([])
  })
})
