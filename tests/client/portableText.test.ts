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
      {_type: 'block', _key: 'b', style: 'normal', children: [span('onderstreept', ['underline'])]},
    ] as unknown as RichText
    expect(toHtml(foreign)).toBe('<p>Kop</p><p>onderstreept</p>')
  })

  it('toHtml renders bold as <strong>, also together with emphasis', () => {
    const bold: RichText = [{_type: 'block', _key: 'a', style: 'normal', markDefs: [], children: [span('Let op: '), span('niet persen', ['strong', 'em']), span('.')]}]
    expect(toHtml(bold)).toBe('<p>Let op: <strong><em>niet persen</em></strong>.</p>')
  })

  it('toHtml renders an https link with its text, as one link over bold and plain spans', () => {
    const linked: RichText = [
      {
        _type: 'block',
        _key: 'a',
        style: 'normal',
        markDefs: [{_type: 'link', _key: 'l1', href: 'https://www.thuisarts.nl/verzakking?bron=folder&taal=nl'}],
        children: [span('Lees '), span('meer over verzakking ', ['l1']), span('op Thuisarts', ['l1', 'strong']), span('.')],
      },
    ]
    expect(toHtml(linked)).toBe('<p>Lees <a href="https://www.thuisarts.nl/verzakking?bron=folder&amp;taal=nl">meer over verzakking <strong>op Thuisarts</strong></a>.</p>')
  })

  it('toHtml links an internal link to the page of its condition or treatment', () => {
    const linked: RichText = [
      {
        _type: 'block',
        _key: 'a',
        style: 'normal',
        markDefs: [
          {_type: 'internalLink', _key: 'c', target: {_type: 'condition', slug: 'verzakking'}},
          {_type: 'internalLink', _key: 't', target: {_type: 'treatment', slug: 'bekkenfysiotherapie'}},
        ],
        children: [span('Bij een '), span('verzakking', ['c']), span(' helpt '), span('bekkenfysiotherapie', ['t'])],
      },
    ]
    expect(toHtml(linked)).toBe('<p>Bij een <a href="/aandoeningen/verzakking">verzakking</a> helpt <a href="/behandelingen/bekkenfysiotherapie">bekkenfysiotherapie</a></p>')
    expect(toHtml(linked, {internalHref: (target) => `https://example.nl/${target._type}/${target.slug}`})).toContain('<a href="https://example.nl/condition/verzakking">')
  })

  it('toHtml keeps the text of an internal link whose page is gone, without a link', () => {
    const dangling: RichText = [{_type: 'block', _key: 'a', style: 'normal', markDefs: [{_type: 'internalLink', _key: 'c', target: null}], children: [span('verzakking', ['c'])]}]
    expect(toHtml(dangling)).toBe('<p>verzakking</p>')
  })

  it('toHtml never renders a javascript:, data:, http: or protocol-relative link', () => {
    // The contract refuses these; content that bypassed it must still not become a link.
    for (const href of ['javascript:alert(1)', 'JavaScript:alert(1)', ' javascript:alert(1)', 'data:text/html,<script>alert(1)</script>', 'http://example.nl', '//evil.example']) {
      const hostile = [{_type: 'block', _key: 'a', style: 'normal', markDefs: [{_type: 'link', _key: 'l', href}], children: [span('de website', ['l'])]}] as RichText
      expect(toHtml(hostile), href).toBe('<p>de website</p>')
    }
    const hostilePath = [
      {_type: 'block', _key: 'a', style: 'normal', markDefs: [{_type: 'internalLink', _key: 'c', target: {_type: 'condition', slug: 'x'}}], children: [span('verzakking', ['c'])]},
    ] as RichText
    expect(toHtml(hostilePath, {internalHref: () => 'javascript:alert(1)'})).toBe('<p>verzakking</p>')
  })

  it('toHtml escapes a link target that would break out of the attribute', () => {
    const quoted: RichText = [
      {
        _type: 'block',
        _key: 'a',
        style: 'normal',
        markDefs: [{_type: 'link', _key: 'l', href: 'https://example.nl/"><script>alert(1)</script>'}],
        children: [span('de website', ['l'])],
      },
    ]
    const html = toHtml(quoted)
    expect(html).not.toContain('<script>')
    expect(html).toContain('href="https://example.nl/&quot;&gt;&lt;script&gt;')
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
