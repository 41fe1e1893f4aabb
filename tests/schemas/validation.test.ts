import {describe, expect, it} from 'vitest'
import {formatPath, validateDocuments, type ValidationMarker} from '../../seed/validation/validateDocuments'
import type {DatasetDocument} from '../../seed/validation/datasetClient'
import {documentTypes} from '../../schemas'
import {documentFrom, paragraph, validDataset} from './fixtures'
import {review} from '../../schemas/objects/review'

function markersAt(markers: ValidationMarker[], path: string) {
  return markers.filter((marker) => formatPath(marker.path) === path)
}

/** Validates `changed` as part of the valid dataset, with `changed` replacing its original. */
async function validateChanged(changed: DatasetDocument): Promise<ValidationMarker[]> {
  const dataset = validDataset().map((document) => (document._id === changed._id ? changed : document))
  const [result] = await validateDocuments([changed], dataset)
  return result?.markers ?? []
}

describe('validation with the Studio rules', () => {
  it('passes a valid document of every type without errors or warnings', async () => {
    const dataset = validDataset()
    const results = await validateDocuments(dataset)
    expect(results.map((result) => result.documentId)).toEqual(dataset.map((document) => document._id))
    const covered = new Set(results.map((result) => result.documentType))
    for (const type of documentTypes) expect(covered, `fixture lacks a ${type.name}`).toContain(type.name)
    for (const result of results) expect(result.markers, result.documentId).toEqual([])
  })

  it('reports a missing required field at its path', async () => {
    const condition = documentFrom(validDataset(), 'condition-verzakking')
    delete condition.summary
    const markers = await validateChanged(condition)
    expect(markersAt(markers, 'summary')).toEqual([expect.objectContaining({level: 'error', message: 'Schrijf een korte samenvatting.'})])
  })

  it('reports an empty required rich text as missing', async () => {
    const condition = documentFrom(validDataset(), 'condition-verzakking')
    condition.description = []
    const markers = await validateChanged(condition)
    expect(markersAt(markers, 'description')).toEqual([expect.objectContaining({level: 'error'})])
  })

  it('reports a reference to the wrong document type', async () => {
    const condition = documentFrom(validDataset(), 'condition-verzakking')
    condition.group = {_type: 'reference', _ref: 'source-folder'}
    const markers = await validateChanged(condition)
    expect(markersAt(markers, 'group')).toEqual([expect.objectContaining({level: 'error', message: expect.stringContaining('moet naar een onderwerp wijzen') as unknown})])
  })

  it('reports a wrong type inside a reference list at the item', async () => {
    const cause = documentFrom(validDataset(), 'cause-overbelasting')
    cause.riskFactors = [{_type: 'reference', _ref: 'bodyPart-bekkenbodem', _key: 'r1'}]
    const markers = await validateChanged(cause)
    expect(markersAt(markers, 'riskFactors[_key=="r1"]')).toEqual([expect.objectContaining({level: 'error', message: expect.stringContaining('risicofactor') as unknown})])
  })

  it('reports a reference to a document that does not exist', async () => {
    const condition = documentFrom(validDataset(), 'condition-verzakking')
    condition.causes = [{_type: 'reference', _ref: 'cause-bestaat-niet', _key: 'c1'}]
    const markers = await validateChanged(condition)
    expect(markers.filter((marker) => marker.path[0] === 'causes' && marker.level === 'error')).toHaveLength(1)
  })

  it('reports a condition that is its own parent', async () => {
    const condition = documentFrom(validDataset(), 'condition-verzakking')
    condition.parent = {_type: 'reference', _ref: 'condition-verzakking'}
    const markers = await validateChanged(condition)
    expect(markersAt(markers, 'parent')).toEqual([expect.objectContaining({level: 'error', message: 'Een aandoening kan niet naar zichzelf verwijzen.'})])
  })

  it('reports a condition related to itself, also from its draft', async () => {
    const draft: DatasetDocument = {...documentFrom(validDataset(), 'condition-verzakking'), _id: 'drafts.condition-verzakking'}
    draft.related = [{_type: 'relatedCondition', _key: 'r1', condition: {_type: 'reference', _ref: 'condition-verzakking'}}]
    const [result] = await validateDocuments([draft], [...validDataset(), draft])
    expect(markersAt(result?.markers ?? [], 'related[_key=="r1"].condition')).toEqual([
      expect.objectContaining({level: 'error', message: 'Een aandoening kan niet naar zichzelf verwijzen.'}),
    ])
  })

  it('reports a summary over the length limit', async () => {
    const condition = documentFrom(validDataset(), 'condition-verzakking')
    condition.summary = 'Kort. '.repeat(40)
    const markers = await validateChanged(condition)
    expect(markersAt(markers, 'summary')).toContainEqual(expect.objectContaining({level: 'error', message: 'De samenvatting mag hoogstens 200 tekens lang zijn.'}))
  })

  const recordedReview = {
    _type: 'review',
    lastReviewed: '2026-11-01',
    nextReview: '2029-11-01',
    reviewedBy: 'J. Jansen',
    reviewerRole: 'bekkenfysiotherapeut',
    reviewedRevision: 'revision-of-the-review',
  }

  it('requires the next review to follow the review date by the interval, 36 months when none is set', async () => {
    const condition = documentFrom(validDataset(), 'condition-verzakking')
    // The old behaviour: the first check's date (three months after the import) left in place after a review.
    condition.review = {...recordedReview, nextReview: '2027-02-28'}
    expect(markersAt(await validateChanged(condition), 'review.nextReview')).toEqual([
      expect.objectContaining({level: 'error', message: expect.stringContaining('De volgende controle moet 2029-11-01 zijn')}),
    ])
    condition.review = {...recordedReview, intervalMonths: 12, nextReview: '2027-11-01'}
    expect(await validateChanged(condition)).toEqual([])
    condition.review = {...recordedReview, intervalMonths: 12}
    expect(markersAt(await validateChanged(condition), 'review.nextReview')).toEqual([expect.objectContaining({message: expect.stringContaining('2027-11-01')})])
  })

  it('refuses an interval that is not a whole number of months from 1 to 60', async () => {
    for (const intervalMonths of [0, 1.5, 61]) {
      const condition = documentFrom(validDataset(), 'condition-verzakking')
      condition.review = {_type: 'review', intervalMonths, nextReview: '2027-02-28'}
      expect(markersAt(await validateChanged(condition), 'review.intervalMonths'), String(intervalMonths)).not.toEqual([])
    }
  })

  it('accepts an imported text without a review record, and requires date, reviewer, role and revision together once any is filled', async () => {
    const condition = documentFrom(validDataset(), 'condition-verzakking')
    condition.review = {_type: 'review', nextReview: '2027-02-28'}
    expect(await validateChanged(condition)).toEqual([])
    // A hand-typed claim of a review, as an import might carry: no role and no revision the review action would have recorded.
    condition.review = {_type: 'review', nextReview: '2029-11-28', lastReviewed: '2026-11-28', reviewedBy: 'Redactie'}
    const markers = await validateChanged(condition)
    expect(markersAt(markers, 'review.reviewerRole')).toEqual([expect.objectContaining({level: 'error', message: expect.stringContaining('Medisch gecontroleerd')})])
    expect(markersAt(markers, 'review.reviewedRevision')).toEqual([expect.objectContaining({level: 'error'})])
    expect(markersAt(markers, 'review.lastReviewed')).toEqual([])
  })

  it('refuses a role that is not one of the reviewing professions', async () => {
    const condition = documentFrom(validDataset(), 'condition-verzakking')
    condition.review = {...recordedReview, reviewerRole: 'redacteur'}
    expect(markersAt(await validateChanged(condition), 'review.reviewerRole')).toEqual([expect.objectContaining({level: 'error'})])
  })

  it('shows the fields the review action fills only once there is a review, and keeps them read-only', () => {
    const field = (name: string) => review.fields.find((candidate) => candidate.name === name)
    const hiddenFor = (name: string, parent: object) => {
      const hidden = field(name)?.hidden
      // Sanity types `hidden` as a boolean or a callback over the whole document context; only the parent is read here.
      return typeof hidden === 'function' ? (hidden as (context: {parent: object}) => boolean)({parent}) : hidden
    }
    for (const name of ['lastReviewed', 'reviewedBy', 'reviewerRole', 'reviewedRevision']) {
      expect(hiddenFor(name, {nextReview: '2027-02-28'}), name).toBe(true)
      expect(hiddenFor(name, recordedReview), name).toBe(false)
      expect(field(name)?.readOnly, name).toBe(true)
    }
    expect(hiddenFor('nextReview', {})).toBeFalsy()
    expect(hiddenFor('intervalMonths', {})).toBeFalsy()
  })

  it('reports a slug that another document of the same type already uses', async () => {
    const copy: DatasetDocument = {...documentFrom(validDataset(), 'condition-dyspareunie'), _id: 'condition-dubbel'}
    copy.slug = {_type: 'slug', current: 'verzakking'}
    const [result] = await validateDocuments([copy], [...validDataset(), copy])
    // The editor is told which document by its title, not by its id.
    const holder = documentFrom(validDataset(), 'condition-verzakking')
    expect(markersAt(result?.markers ?? [], 'slug')).toEqual([
      expect.objectContaining({level: 'error', message: `Het adres "verzakking" is al in gebruik door "${String(holder.title)}". Kies een ander adres.`}),
    ])
  })

  it('allows the same slug on documents of different types', async () => {
    const group = documentFrom(validDataset(), 'conditionGroup-verzakkingen')
    group.slug = {_type: 'slug', current: 'verzakking'}
    expect(markersAt(await validateChanged(group), 'slug')).toEqual([])
  })

  it('does not count the draft of the same document as a duplicate slug', async () => {
    const draft: DatasetDocument = {...documentFrom(validDataset(), 'condition-verzakking'), _id: 'drafts.condition-verzakking'}
    const [result] = await validateDocuments([draft], [...validDataset(), draft])
    expect(markersAt(result?.markers ?? [], 'slug')).toEqual([])
  })

  it('reports a slug that is not safe in a URL', async () => {
    const condition = documentFrom(validDataset(), 'condition-verzakking')
    condition.slug = {_type: 'slug', current: 'Verzakking van de blaas'}
    expect(markersAt(await validateChanged(condition), 'slug')).toEqual([expect.objectContaining({level: 'error'})])
  })

  it('warns, without an error, about a sentence longer than 25 words', async () => {
    const longSentence = `${Array.from({length: 26}, (_, index) => `woord${index}`).join(' ')}.`
    const condition = documentFrom(validDataset(), 'condition-verzakking')
    condition.description = [paragraph(longSentence)]
    condition.summary = longSentence.slice(0, 190)
    const markers = await validateChanged(condition)
    expect(markers.filter((marker) => marker.level === 'error')).toEqual([])
    expect(markersAt(markers, 'description')).toEqual([expect.objectContaining({level: 'warning', message: expect.stringContaining('meer dan 25 woorden') as unknown})])
  })

  it('accepts a sentence of exactly 25 words', async () => {
    const condition = documentFrom(validDataset(), 'condition-verzakking')
    condition.description = [paragraph(`${Array.from({length: 25}, (_, index) => `woord${index}`).join(' ')}.`)]
    expect(markersAt(await validateChanged(condition), 'description')).toEqual([])
  })

  it('only accepts the listed medical code systems', async () => {
    const condition = documentFrom(validDataset(), 'condition-verzakking')
    condition.codes = [{_type: 'medicalCode', _key: 'k1', system: 'ICD-9', version: '2019', code: 'N81', valueReview: {_type: 'valueReview', status: 'pending'}}]
    const markers = await validateChanged(condition)
    expect(markers.filter((marker) => marker.path[0] === 'codes' && marker.level === 'error')).toHaveLength(1)
  })

  it('refuses codes from two systems on one page, a code without its version, and an approval without who and when', async () => {
    const pending = {_type: 'valueReview', status: 'pending'}
    const mixed = documentFrom(validDataset(), 'condition-verzakking')
    mixed.codes = [
      {_type: 'medicalCode', _key: 'k1', system: 'ICD-10', version: '2019', code: 'N81', valueReview: pending},
      {_type: 'medicalCode', _key: 'k2', system: 'ICD-10-CM', version: '2025', code: 'N81.10', valueReview: pending},
    ]
    expect((await validateChanged(mixed)).filter((marker) => marker.level === 'error').map((marker) => marker.message)).toEqual([expect.stringContaining('uit één systeem')])
    const unversioned = documentFrom(validDataset(), 'condition-verzakking')
    unversioned.codes = [{_type: 'medicalCode', _key: 'k1', system: 'ICD-10', code: 'N81', valueReview: pending}]
    expect((await validateChanged(unversioned)).filter((marker) => marker.level === 'error').map((marker) => marker.path.at(-1))).toEqual(['version'])
    const unsigned = documentFrom(validDataset(), 'condition-verzakking')
    unsigned.codes = [{_type: 'medicalCode', _key: 'k1', system: 'ICD-10', version: '2019', code: 'N81', valueReview: {_type: 'valueReview', status: 'approved'}}]
    expect((await validateChanged(unsigned)).filter((marker) => marker.level === 'error')).toHaveLength(2)
  })
})
