import {afterAll, beforeAll, describe, expect, it} from 'vitest'
import {startLocalLake, type TestLake} from '../support/localLake'
import {seededDocuments} from './support/previewSites'

/** The preview site renders bold text and both kinds of link that an editor publishes, on the seeded content. */

let lake: TestLake

beforeAll(async () => {
  // Writable, unlike previewSites(): the test publishes links.
  lake = await startLocalLake(await seededDocuments(), {preview: true})
})

afterAll(async () => {
  await lake?.close()
})

describe('bold text and links on a preview page', () => {
  it('shows <strong>, an https link and a link to another condition page, and no link once that page is gone', async () => {
    const span = (key: string, text: string, marks: string[] = []) => ({_type: 'span', _key: key, text, marks})
    await lake
      .client()
      .patch('condition-dyspareunie')
      .set({
        'description[_key=="description-1"].markDefs': [
          {_type: 'internalLink', _key: 'naarVaginisme', reference: {_type: 'reference', _ref: 'condition-vaginisme', _weak: true}},
          {_type: 'link', _key: 'thuisarts', href: 'https://www.thuisarts.nl/pijn-bij-het-vrijen'},
        ],
        'description[_key=="description-1"].children': [
          span('a', 'Het onderscheid met '),
          span('b', 'vaginisme', ['naarVaginisme']),
          span('c', ' is '),
          span('d', 'vaak moeilijk', ['strong']),
          span('e', ' te maken. Bij dyspareünie ligt de nadruk op de pijn, bij vaginisme op het aanspannen van de spieren waardoor penetratie niet mogelijk is. Lees '),
          span('f', 'de uitleg op Thuisarts', ['thuisarts']),
          span('g', '.'),
        ],
      })
      .commit()
    const page = await (await fetch(`${lake.url}/aandoeningen/dyspareunie`)).text()
    expect(page).toContain('Het onderscheid met <a href="/aandoeningen/vaginisme">vaginisme</a> is <strong>vaak moeilijk</strong> te maken.')
    expect(page).toContain('Lees <a href="https://www.thuisarts.nl/pijn-bij-het-vrijen">de uitleg op Thuisarts</a>.')

    // The reference is weak, so the linked page may be unpublished; the words stay, without a link.
    await lake.client().action({actionType: 'sanity.action.document.unpublish', draftId: 'drafts.condition-vaginisme', publishedId: 'condition-vaginisme'})
    const after = await (await fetch(`${lake.url}/aandoeningen/dyspareunie`)).text()
    expect(after).toContain('Het onderscheid met vaginisme is <strong>vaak moeilijk</strong> te maken.')
    expect(after).not.toContain('href="/aandoeningen/vaginisme"')
  })
})
