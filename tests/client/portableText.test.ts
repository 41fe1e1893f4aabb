import {describe, expect, it} from 'vitest'
import {toHtml, toPlainText, type RichText} from '../../client/index'

const span = (text: string, marks: string[] = []) => ({_type: 'span' as const, _key: text.slice(0, 8), text, marks})

const text: RichText = [
  {_type: 'block', _key: 'a', style: 'h3', markDefs: [], children: [span('Hoe ontstaat een verzakking?')]},
  {_type: 'block', _key: 'b', style: 'normal', markDefs: [], children: [span('Door '), span('zwakte', ['em']), span(' van het weefsel.')]},
  {_type: 'block', _key: 'c', style: 'normal', listItem: 'bullet', level: 1, markDefs: [], children: [span('blaas')]},
  {_type: 'block', _key: 'd', style: 'normal', listItem: 'bullet', level: 1, markDefs: [], children: [span('darm')]},
]

describe('Portable Text helpers', () => {
  it('toHtml renders headings, emphasis and bullet lists', () => {
    expect(toHtml(text)).toBe('<h3>Hoe ontstaat een verzakking?</h3><p>Door <em>zwakte</em> van het weefsel.</p><ul><li>blaas</li><li>darm</li></ul>')
  })

  it('toHtml escapes all text', () => {
    const hostile: RichText = [{_type: 'block', _key: 'x', style: 'normal', children: [span('<img src=x onerror="alert(1)"> & \'quote\'')]}]
    const html = toHtml(hostile)
    expect(html).not.toContain('<img')
    expect(html).toContain('&lt;img src=x onerror=&quot;alert(1)&quot;&gt; &amp;')
  })

  it('toHtml nests deeper bullet items inside the item before them', () => {
    const nested: RichText = [
      {_type: 'block', _key: 'a', listItem: 'bullet', level: 1, children: [span('blaas')]},
      {_type: 'block', _key: 'b', listItem: 'bullet', level: 2, children: [span('blaasverzakking')]},
      {_type: 'block', _key: 'c', listItem: 'bullet', level: 1, children: [span('darm')]},
      {_type: 'block', _key: 'd', style: 'normal', children: [span('Daarna.')]},
    ]
    expect(toHtml(nested)).toBe('<ul><li>blaas<ul><li>blaasverzakking</li></ul></li><li>darm</li></ul><p>Daarna.</p>')
  })

  it('toHtml keeps the text of marks and styles the schema does not allow, without their markup', () => {
    // Content from another dataset, or written before a schema change, must not break the page or inject markup.
    const foreign = [
      {_type: 'block', _key: 'a', style: 'h1', children: [span('Kop')]},
      {_type: 'block', _key: 'b', style: 'normal', children: [span('vet', ['strong'])]},
    ] as unknown as RichText
    expect(toHtml(foreign)).toBe('<p>Kop</p><p>vet</p>')
  })

  it('toPlainText keeps the words and drops the markup', () => {
    const plain = toPlainText(text)
    expect(plain).toContain('Door zwakte van het weefsel.')
    expect(plain).not.toMatch(/[<>]/u)
  })

  it('empty or absent text gives an empty string', () => {
    expect(toHtml(null)).toBe('')
    expect(toPlainText(undefined)).toBe('')
    expect(toHtml([])).toBe('')
  })
})
