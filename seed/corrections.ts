/**
 * The only changes made to the wording of the source text. Each one must match
 * the source exactly `count` times, so a correction can never silently stop
 * applying (or start applying somewhere else) when the source changes.
 */
export interface Correction {
  /** The text as it is in the source file. */
  find: string
  replace: string
  /** How often `find` occurs in the source. */
  count: number
  reason: string
}

export const CORRECTIONS: readonly Correction[] = [
  {
    find: '“napijn”na',
    replace: '“napijn” na',
    count: 1,
    reason: 'Ontbrekende spatie na het aanhalingsteken.',
  },
  {
    find: 'overgang)).',
    replace: 'overgang).',
    count: 1,
    reason: 'Dubbel sluithaakje.',
  },
  {
    find: '1.vaginisme',
    replace: '1.Vaginisme',
    count: 1,
    reason: 'Kop begint met een kleine letter; in de opsomming erboven staat hij met een hoofdletter.',
  },
  {
    find: '2. Dyspareunie.',
    replace: '2. Dyspareunie',
    count: 1,
    reason: 'Punt achter een kop; de andere koppen hebben er geen.',
  },
  {
    find: 'ontspannen Terug vertrouwd',
    replace: 'ontspannen. Terug vertrouwd',
    count: 1,
    reason: 'Ontbrekende punt tussen twee zinnen: na "ontspannen" begint met "Terug" een nieuwe zin.',
  },
]
