import {mkdtemp, rm, writeFile} from 'node:fs/promises'
import {tmpdir} from 'node:os'
import path from 'node:path'

/** A small dataset with a published condition, its draft, and filler documents for slow queries. */
export function queryFixtureDocuments(fillerCount: number): Array<Record<string, unknown>> {
  return [
    {_id: 'conditionGroup-verzakkingen', _type: 'conditionGroup', title: 'Verzakkingen', slug: {_type: 'slug', current: 'verzakkingen'}},
    {
      _id: 'condition-verzakking',
      _type: 'condition',
      title: 'Verzakking',
      slug: {_type: 'slug', current: 'verzakking'},
      summary: 'Gepubliceerde samenvatting.',
      group: {_type: 'reference', _ref: 'conditionGroup-verzakkingen'},
    },
    {
      _id: 'drafts.condition-verzakking',
      _type: 'condition',
      title: 'Verzakking',
      slug: {_type: 'slug', current: 'verzakking'},
      summary: 'Conceptsamenvatting, nog niet gepubliceerd.',
      group: {_type: 'reference', _ref: 'conditionGroup-verzakkingen'},
    },
    {_id: 'drafts.condition-nieuw', _type: 'condition', title: 'Nieuwe aandoening', slug: {_type: 'slug', current: 'nieuw'}, summary: 'Alleen een concept.'},
    ...Array.from({length: fillerCount}, (_, index) => ({_id: `filler-${index}`, _type: 'filler', n: index})),
  ]
}

/** Writes documents as NDJSON to `<fresh temp dir>/<name>.ndjson`; returns the path and a cleanup. */
export async function writeTempDataset(documents: readonly unknown[], name = 'production'): Promise<{datasetPath: string; remove: () => Promise<void>}> {
  const directory = await mkdtemp(path.join(tmpdir(), 'content-server-'))
  const datasetPath = path.join(directory, `${name}.ndjson`)
  await writeFile(datasetPath, documents.map((document) => JSON.stringify(document)).join('\n') + '\n')
  return {datasetPath, remove: () => rm(directory, {recursive: true, force: true})}
}

/** The section headings (h2) of the prolapse page, in page order, as patients see them. */
export const PROLAPSE_PAGE_SECTIONS = ['Wat is het en hoe ontstaat het', 'Oorzaken', 'Klachten', 'Wanneer hulp zoeken', 'Behandeling', 'Over deze tekst']
