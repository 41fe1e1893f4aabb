import {readFile} from 'node:fs/promises'
import {fileURLToPath} from 'node:url'
import {describe, expect, it} from 'vitest'
import config from '../../sanity.config'
import {readableFields} from '../../schemas/readability/documentText'
import {fieldPathTitle} from '../../schemas/studio/fieldTitles'
import {AdditionsBadge, additionsBadge, documentBadges, ReadabilityBadge, readabilityBadge, ReviewStatusBadge, reviewStatusBadge} from '../../schemas/studio/badges'

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
    const sanitysOwn = () => null
    expect(documentBadges([sanitysOwn], {} as never)).toEqual([sanitysOwn, ReviewStatusBadge, AdditionsBadge, ReadabilityBadge])
  })

  it('show the reading ease and the B1 verdict of the edited text, with the hardest field', async () => {
    // 207 words and 400 syllables in 15 sentences: 206.84 − 0.77 × 100 × 400/207 − 0.93 × 207/15 = 45.2.
    expect(readabilityBadge(await seeded('condition-verzakking'))).toEqual({
      label: 'Leesgemak 45 · moeilijker dan B1',
      title: 'Flesch-Douma 45.2 (hoger is makkelijker; B1 vanaf 60), gemiddeld 13.8 woorden per zin (B1: hoogstens 15), 207 woorden. Moeilijkste veld: Klachten (tekst) (35.4).',
      color: 'warning',
    })
  })

  it('measure the draft, not the published version, while an editor works on it', async () => {
    const published = await seeded('condition-verzakking')
    const easy = 'De kat zit op de mat. Het is een mooie dag. Wij gaan naar huis.'
    const draft = {...published, summary: easy, description: [], causesIntroduction: undefined, symptomsDescription: [], whenToSeekHelp: [], prevalence: undefined, treatments: []}
    // 15 words of 16 syllables in 3 sentences: 206.84 − 0.77 × 100 × 16/15 − 0.93 × 15/3 = 120.1.
    expect(ReadabilityBadge({id: 'condition-verzakking', type: 'condition', draft, published} as never)).toEqual({
      label: 'Leesgemak 120 · B1',
      title: 'Flesch-Douma 120.1 (hoger is makkelijker; B1 vanaf 60), gemiddeld 5.0 woorden per zin (B1: hoogstens 15), 15 woorden. Moeilijkste veld: Samenvatting (120.1).',
      color: 'success',
    })
  })

  it('name the hardest field by the title the editor sees in the form, also inside lists and objects', () => {
    expect(fieldPathTitle('condition', 'symptomsDescription')).toBe('Klachten (tekst)')
    expect(fieldPathTitle('condition', 'treatments[0].goals')).toBe('Behandelingen 1 › Doel bij deze aandoening')
    expect(fieldPathTitle('condition', 'prevalence.statement')).toBe('Hoe vaak komt het voor › Uitspraak')
    expect(fieldPathTitle('condition', 'related[2].distinction')).toBe('Verwante aandoeningen 3 › Verschil')
  })

  it('never show a raw field name for any measured field of the seeded documents', async () => {
    const documents = (await readFile(SEEDED_DATASET, 'utf8'))
      .split('\n')
      .filter((line) => line.trim() !== '')
      .map((line) => JSON.parse(line) as Record<string, unknown>)
    const raw = documents.flatMap((document) =>
      readableFields(document).flatMap((field) => {
        const title = fieldPathTitle(String(document._type), field.path)
        const names = field.path.split('.').map((segment) => segment.replace(/\[\d+\]$/u, ''))
        return names.some((name) => title.split(/ › | \d+/u).includes(name)) ? [`${String(document._id)} ${field.path}: ${title}`] : []
      }),
    )
    expect(raw).toEqual([])
  })

  it('give a short text its score without a verdict colour or a hardest field', async () => {
    // "Advies over de juiste toilethouding en gezond toiletgedrag": 8 words, 18 syllables, below the 10 words a verdict needs.
    expect(readabilityBadge(await seeded('treatmentComponent-toiletadvies'))).toEqual({
      label: 'Leesgemak 26 · te weinig tekst',
      title: 'Flesch-Douma 26.2 (hoger is makkelijker; B1 vanaf 60), gemiddeld 8.0 woorden per zin (B1: hoogstens 15), 8 woorden.',
      color: undefined,
    })
  })

  it('show no reading ease for a document without running text', () => {
    expect(readabilityBadge({_id: 'bodyPart-blaas', _type: 'bodyPart', title: 'Blaas'})).toBeNull()
  })

  describe('the review badge', () => {
    const today = '2027-03-01'
    const review = {
      _type: 'review',
      intervalMonths: 36,
      lastReviewed: '2027-01-10',
      nextReview: '2030-01-10',
      reviewedBy: 'J. Jansen',
      reviewerRole: 'bekkenfysiotherapeut',
      reviewedRevision: 'rev-reviewed',
    }
    const reviewed = {_id: 'condition-x', _type: 'condition', _rev: 'rev-reviewed', review}

    it('says an import is not medically checked, and warns once its first check is late', async () => {
      const seededDocument = await seeded('condition-verzakking')
      expect(reviewStatusBadge({published: seededDocument}, '2027-01-01')).toMatchObject({label: 'Nog niet medisch gecontroleerd', color: 'warning'})
      expect(reviewStatusBadge({published: seededDocument}, '2027-02-28')).toMatchObject({label: 'Nog niet medisch gecontroleerd · controle verlopen', color: 'danger'})
    })

    it('is green only for a published text whose reviewed revision is the current one, and whose next check has not come', () => {
      expect(reviewStatusBadge({published: reviewed}, today)).toMatchObject({label: 'Medisch gecontroleerd', color: 'success'})
      expect(reviewStatusBadge({published: {...reviewed, _rev: 'rev-edited-later'}}, today)).toMatchObject({label: 'Gewijzigd sinds de controle', color: 'danger'})
      expect(reviewStatusBadge({published: reviewed}, '2030-01-10')).toMatchObject({label: 'Controle verlopen sinds 2030-01-10', color: 'danger'})
    })

    it('is never green while a draft exists, and says that the draft differs from the checked text', () => {
      const draft = {...reviewed, _id: 'drafts.condition-x', _rev: 'rev-draft'}
      const withDraft = reviewStatusBadge({draft, published: reviewed}, today)
      expect(withDraft).toMatchObject({label: 'Concept: gewijzigd sinds de controle', color: 'warning'})
      expect(withDraft?.title).toContain('J. Jansen')
      // A new document that was never published: its draft may even carry a copied review record, and still is no checked text.
      expect(reviewStatusBadge({draft}, today)).toMatchObject({label: 'Concept: nog niet gecontroleerd', color: 'warning'})
      expect(ReviewStatusBadge({id: 'condition-x', type: 'condition', draft, published: null} as never)).toMatchObject({label: 'Concept: nog niet gecontroleerd'})
    })

    it('does not count a review date without a recorded revision as a check of this text', () => {
      const {reviewedRevision: _dropped, ...withoutRevision} = review
      expect(reviewStatusBadge({published: {...reviewed, review: withoutRevision}}, today)?.color).not.toBe('success')
    })

    it('shows nothing on documents without a review', () => {
      expect(reviewStatusBadge({published: {_id: 'symptom-x', _type: 'symptom'}}, today)).toBeNull()
    })
  })

  it('count the values the editors added, and name their fields', async () => {
    expect(additionsBadge(await seeded('condition-verzakking'))).toEqual({
      label: '7 toevoegingen van de redactie',
      title: expect.stringContaining('Niet uit de bron, op de pagina gemarkeerd met een *: title, slug.current, '),
    })
    expect(additionsBadge(await seeded('riskFactor-angst'))).toBeNull()
  })
})
