import {describe, expect, it} from 'vitest'
import {createContentClient, ContentValidationError, toHtml, toJsonLd, toPlainText, treatmentToJsonLd} from '../../client/index'
import {smallDataset, type FixtureDocument} from './fixtures/smallDataset'

const span = (key: string, text: string, marks: string[] = []) => ({_type: 'span', _key: key, text, marks})

/** The Verzakking description with bold text, a link to a web page and a link to a treatment, as the Studio stores them. */
function markedDescription(href: string) {
  return [
    {
      _type: 'block',
      _key: 'p1',
      style: 'normal',
      markDefs: [
        {_type: 'link', _key: 'web', href},
        {_type: 'internalLink', _key: 'page', reference: {_type: 'reference', _ref: 'treatment-bekkenfysiotherapie'}},
      ],
      children: [
        span('s1', 'Een verzakking ontstaat door '),
        span('s2', 'zwakte', ['strong']),
        span('s3', '. Lees '),
        span('s4', 'de uitleg op Thuisarts', ['web']),
        span('s5', ' of over '),
        span('s6', 'bekkenfysiotherapie', ['page']),
        span('s7', '.'),
      ],
    },
  ]
}

function datasetWith(description: unknown[]): FixtureDocument[] {
  return smallDataset().map((document) => (document._id === 'condition-verzakking' ? {...document, description} : document))
}

describe('rich text with bold and links through the client', () => {
  it('a page with bold text and links fits the contract, with the internal link resolved to its type and slug', async () => {
    const page = await createContentClient({dataset: datasetWith(markedDescription('https://www.thuisarts.nl/verzakking'))}).getCondition('verzakking')
    const [block] = page?.description ?? []
    expect(block?.markDefs).toEqual([
      {_type: 'link', _key: 'web', href: 'https://www.thuisarts.nl/verzakking'},
      expect.objectContaining({_type: 'internalLink', _key: 'page', target: {_type: 'treatment', slug: 'bekkenfysiotherapie'}}),
    ])
    expect(toHtml(page?.description)).toBe(
      '<p>Een verzakking ontstaat door <strong>zwakte</strong>. Lees <a href="https://www.thuisarts.nl/verzakking">de uitleg op Thuisarts</a> of over <a href="/behandelingen/bekkenfysiotherapie">bekkenfysiotherapie</a>.</p>',
    )
  })

  it('an internal link to a document that is gone keeps its text and gets no target', async () => {
    const dataset = datasetWith(markedDescription('https://www.thuisarts.nl/verzakking')).map((document) =>
      document._id === 'condition-verzakking' ? {...document, treatments: []} : document,
    )
    const withoutTreatment = dataset.filter((document) => document._id !== 'treatment-bekkenfysiotherapie')
    const page = await createContentClient({dataset: withoutTreatment}).getCondition('verzakking')
    expect(page?.description[0]?.markDefs?.[1]).toMatchObject({_type: 'internalLink', target: null})
    expect(toHtml(page?.description)).toContain(' of over bekkenfysiotherapie.</p>')
  })

  it('a link that is not https fails the contract, naming the document and the path', async () => {
    for (const href of ['javascript:alert(1)', 'http://www.thuisarts.nl/verzakking']) {
      const error = await createContentClient({dataset: datasetWith(markedDescription(href))})
        .getCondition('verzakking')
        .then(
          () => null,
          (caught: unknown) => caught,
        )
      expect(error, href).toBeInstanceOf(ContentValidationError)
      const violation = error as ContentValidationError
      expect(violation.documentId).toBe('condition-verzakking')
      expect(violation.path).toEqual(['description', 0, 'markDefs', 0, 'href'])
      expect(violation.reason).toBe(`expected a string starting with "https://", got the string ${JSON.stringify(href)}`)
    }
  })

  it('JSON-LD keeps rich text plain text: the words of the links, no markup and no addresses', async () => {
    const marked = markedDescription('https://www.thuisarts.nl/verzakking')
    const conditionReview = smallDataset().find((document) => document._id === 'condition-verzakking')?.review
    const dataset = smallDataset().map((document) => (document._id === 'treatment-bekkenfysiotherapie' ? {...document, description: marked, review: conditionReview} : document))
    const client = createContentClient({dataset})
    const plain = 'Een verzakking ontstaat door zwakte. Lees de uitleg op Thuisarts of over bekkenfysiotherapie.'
    const treatment = await client.getTreatment('bekkenfysiotherapie')
    const condition = await client.getCondition('verzakking')
    if (!treatment || !condition) throw new Error('the fixture has these pages')
    expect(toPlainText(treatment.description)).toBe(plain)
    const treatmentJsonLd = JSON.stringify(treatmentToJsonLd(treatment, {url: 'https://example.nl/pagina'}))
    const conditionJsonLd = JSON.stringify(toJsonLd(condition, {url: 'https://example.nl/pagina'}))
    for (const jsonLd of [treatmentJsonLd, conditionJsonLd]) {
      expect(jsonLd).toContain(`"description":"${plain}"`)
      expect(jsonLd).not.toContain('thuisarts.nl')
      expect(jsonLd).not.toContain('/behandelingen/bekkenfysiotherapie')
      expect(jsonLd).not.toMatch(/<|&lt;/u)
    }
  })
})
