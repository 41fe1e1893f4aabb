import {describe, expect, it} from 'vitest'
import {capitalizeFirst, sortDutch, wholeSentences} from '../../client/index'

describe('display text', () => {
  it('capitalises the first letter only, and Dutch "ij" as a whole', () => {
    expect(capitalizeFirst('moeite met uitplassen')).toBe('Moeite met uitplassen')
    expect(capitalizeFirst('ijzertekort bij vrouwen')).toBe('IJzertekort bij vrouwen')
    expect(capitalizeFirst('“balgevoel”')).toBe('“Balgevoel”')
    expect(capitalizeFirst('één klacht')).toBe('Één klacht')
    expect(capitalizeFirst('Al een hoofdletter')).toBe('Al een hoofdletter')
    expect(capitalizeFirst('50%')).toBe('50%')
  })

  it('sorts in Dutch alphabetical order, not by code point', () => {
    const names = [
      'Voor druk gevoelige rode plekjes',
      'pijn en/of problemen met vrijen',
      'Napijn na seksueel contact',
      'Brandende schrijnende pijn',
      'Ähnlich',
      'dyspareünie',
      'Dyspareunie 2',
      'dyspareunie 10',
    ]
    // Code-point order puts every capital before every lower-case letter.
    expect([...names].sort()).not.toEqual(sortDutch(names, (name) => name))
    expect(sortDutch(names, (name) => name)).toEqual([
      'Ähnlich',
      'Brandende schrijnende pijn',
      'dyspareünie',
      'Dyspareunie 2',
      'dyspareunie 10',
      'Napijn na seksueel contact',
      'pijn en/of problemen met vrijen',
      'Voor druk gevoelige rode plekjes',
    ])
  })

  it('keeps whole sentences and drops a trailing introduction to a list that is not there', () => {
    expect(wholeSentences('Er is een plan. De behandeling bestaat over het algemeen uit:')).toBe('Er is een plan.')
    expect(wholeSentences('veroudering (verminderde hormoonproductie na de overgang).')).toBe('Veroudering (verminderde hormoonproductie na de overgang).')
    expect(wholeSentences('Combinatie van deze factoren')).toBe('Combinatie van deze factoren')
    expect(wholeSentences('De behandeling bestaat uit:')).toBeNull()
  })
})
