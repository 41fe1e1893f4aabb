import {describe, expect, it} from 'vitest'
import {formatPath, validateDocuments, type ValidationMarker} from '../../seed/validation/validateDocuments'
import type {DatasetDocument} from '../../seed/validation/datasetClient'
import {documentFrom, validDataset} from './fixtures'

/** Validates `changed` as part of the valid dataset, with `changed` replacing its original. */
async function validateChanged(changed: DatasetDocument): Promise<ValidationMarker[]> {
  const dataset = validDataset().map((document) => (document._id === changed._id ? changed : document))
  const [result] = await validateDocuments([changed], dataset)
  return result?.markers ?? []
}

/** A condition whose description is one paragraph: `before`, the linked `text`, `after`. */
function conditionWithLink(markDef: Record<string, unknown>, text: string, marks: string[] = []): DatasetDocument {
  const condition = documentFrom(validDataset(), 'condition-verzakking')
  condition.description = [
    {
      _type: 'block',
      _key: 'p1',
      style: 'normal',
      markDefs: [{_key: 'm1', ...markDef}],
      children: [
        {_type: 'span', _key: 's1', text: 'Lees ', marks: []},
        {_type: 'span', _key: 's2', text, marks: ['m1', ...marks]},
        {_type: 'span', _key: 's3', text: ' voor meer uitleg.', marks: []},
      ],
    },
  ]
  return condition
}

const errors = (markers: ValidationMarker[]) => markers.filter((marker) => marker.level === 'error').map((marker) => ({path: formatPath(marker.path), message: marker.message}))

describe('links in rich text, with the Studio rules', () => {
  it('accepts bold text, an https link and a link to a treatment, each with a text that says where it goes', async () => {
    const condition = conditionWithLink({_type: 'link', href: 'https://www.thuisarts.nl/verzakking'}, 'de uitleg over verzakking op Thuisarts', ['strong'])
    expect(errors(await validateChanged(condition))).toEqual([])
    const internal = conditionWithLink({_type: 'internalLink', reference: {_type: 'reference', _ref: 'treatment-bekkenfysiotherapie'}}, 'de bekkenfysiotherapeutische behandeling')
    expect(await validateChanged(internal)).toEqual([])
  })

  it('refuses an external link that is not https, at the link, in Dutch', async () => {
    for (const href of ['http://www.thuisarts.nl/verzakking', 'javascript:alert(1)', 'mailto:info@example.nl']) {
      const markers = errors(await validateChanged(conditionWithLink({_type: 'link', href}, 'de uitleg over verzakking op Thuisarts')))
      expect(markers, href).toEqual([{path: 'description[_key=="p1"].markDefs[_key=="m1"].href', message: expect.stringContaining('https://') as unknown}])
    }
  })

  it('requires the web address of an external link', async () => {
    const markers = errors(await validateChanged(conditionWithLink({_type: 'link'}, 'de uitleg over verzakking op Thuisarts')))
    expect(markers).toEqual([
      {path: 'description[_key=="p1"].markDefs[_key=="m1"].href', message: expect.stringContaining('Geef het webadres waar de link naartoe gaat') as unknown},
    ])
  })

  it('refuses a link text that does not say where the link goes, and says why', async () => {
    for (const text of ['hier', 'Klik hier', 'deze link', 'link', 'Hier.']) {
      const markers = errors(await validateChanged(conditionWithLink({_type: 'link', href: 'https://www.thuisarts.nl/verzakking'}, text)))
      expect(markers, text).toEqual([{path: 'description[_key=="p1"]', message: expect.stringContaining('schermlezers') as unknown}])
      expect(markers[0]?.message, text).toContain('zegt niet waar de link naartoe gaat')
    }
  })

  it('refuses a web address as link text', async () => {
    for (const text of ['https://www.thuisarts.nl/verzakking', 'www.thuisarts.nl', 'thuisarts.nl/verzakking']) {
      const markers = errors(await validateChanged(conditionWithLink({_type: 'link', href: 'https://www.thuisarts.nl/verzakking'}, text)))
      expect(markers, text).toEqual([{path: 'description[_key=="p1"]', message: expect.stringContaining('is een webadres') as unknown}])
    }
  })

  it('applies the same link text rule to an internal link', async () => {
    const markers = errors(await validateChanged(conditionWithLink({_type: 'internalLink', reference: {_type: 'reference', _ref: 'treatment-bekkenfysiotherapie'}}, 'klik hier')))
    expect(markers).toEqual([{path: 'description[_key=="p1"]', message: expect.stringContaining('zegt niet waar de link naartoe gaat') as unknown}])
  })

  it('refuses an internal link to anything but a condition or treatment', async () => {
    const markers = errors(
      await validateChanged(conditionWithLink({_type: 'internalLink', reference: {_type: 'reference', _ref: 'source-folder'}}, 'de folder over bekkenbodemproblemen')),
    )
    expect(markers).toEqual([{path: 'description[_key=="p1"].markDefs[_key=="m1"].reference', message: expect.stringContaining('aandoening of behandeling') as unknown}])
  })
})
