import {readFile} from 'node:fs/promises'
import {fileURLToPath} from 'node:url'
import {describe, expect, it} from 'vitest'
import config from '../../sanity.config'
import {documentBadges, ReadabilityBadge, readabilityBadge, ReviewStatusBadge, reviewStatusBadge} from '../../schemas/studio/badges'
import {documentReadability} from '../../schemas/readability/documentText'

const SEEDED_DATASET = fileURLToPath(new URL('../../dataset/production.ndjson', import.meta.url))

async function seeded(id: string): Promise<Record<string, unknown>> {
  const documents = (await readFile(SEEDED_DATASET, 'utf8'))
    .split('\n')
    .filter((line) => line.trim() !== '')
    .map((line) => JSON.parse(line) as Record<string, unknown>)
  const document = documents.find((candidate) => candidate._id === id)
  if (!document) throw new Error(`${id} is not in the dataset`)
  return document
}

describe('Studio badges', () => {
  it('are registered on every document, after Sanity’s own', () => {
    const resolver = config.document?.badges
    expect(resolver).toBe(documentBadges)
    expect(documentBadges([], {} as never)).toEqual([ReviewStatusBadge, ReadabilityBadge])
  })

  it('show the reading ease and the B1 verdict of the edited text, with the hardest field', async () => {
    const verzakking = await seeded('condition.verzakking')
    const measured = documentReadability(verzakking)
    const badge = readabilityBadge(verzakking)
    expect(badge?.label).toBe(`Leesgemak ${measured.readingEase.toFixed(0)} · moeilijker dan B1`)
    expect(badge?.color).toBe('warning')
    expect(badge?.title).toContain('Moeilijkste veld: symptomsDescription')
  })

  it('measure the draft, not the published version, while an editor works on it', async () => {
    const published = await seeded('condition.verzakking')
    const easy = 'De kat zit op de mat. Het is een mooie dag. Wij gaan naar huis.'
    const draft = {...published, summary: easy, description: [], symptomsDescription: [], whenToSeekHelp: [], prevalence: undefined, treatments: []}
    const badge = ReadabilityBadge({id: 'condition.verzakking', type: 'condition', draft, published} as never)
    expect(badge?.label).toMatch(/· B1$/u)
    expect(badge?.color).toBe('success')
  })

  it('show no reading ease for a document without running text', () => {
    expect(readabilityBadge({_id: 'bodyPart.blaas', _type: 'bodyPart', title: 'Blaas'})).toBeNull()
  })

  it('show each review status, and an import as not medically checked', async () => {
    expect(reviewStatusBadge(await seeded('condition.verzakking'))).toEqual({label: 'Nog niet medisch gecontroleerd', color: 'warning'})
    const withReview = (review: object) => reviewStatusBadge({_id: 'condition.x', _type: 'condition', review})
    expect(withReview({status: 'medicallyReviewed'})).toEqual({label: 'Medisch gecontroleerd', color: 'success'})
    expect(withReview({status: 'due'})).toEqual({label: 'Medisch gecontroleerd, nieuwe controle nodig', color: 'danger'})
    expect(withReview({})).toEqual({label: 'Controle: status ontbreekt', color: 'danger'})
    expect(reviewStatusBadge({_id: 'symptom.x', _type: 'symptom'})).toBeNull()
  })
})
