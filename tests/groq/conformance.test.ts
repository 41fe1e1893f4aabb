import {afterAll, beforeAll, describe, expect, it} from 'vitest'
import {loadCompiledSuite} from './conformance'
import {prepare, startDifferential, type Differential, type Preparation} from './differential'

// A fixed sample of the GROQ conformance suite (every fortieth test, and every
// test of an invalid query), so that `npm test` stays fast; `npm run test:groq` runs it all.
const preparation: Preparation = await prepare(loadCompiledSuite(), (test, index) => index % 40 === 0 || !test.valid)
let differential: Differential

beforeAll(async () => {
  differential = await startDifferential(preparation)
})

afterAll(async () => {
  await differential?.close()
})

describe('GROQ conformance sample: the embedded backend and the server give what groq-js gives', () => {
  it('answers every sampled test groq-js passes exactly as groq-js does', async () => {
    expect(preparation.counts.groqJsPasses).toBeGreaterThan(150)
    const differences: string[] = []
    for (const tests of preparation.byFile.values()) differences.push(...(await differential.check(tests)))
    expect(differences).toEqual([])
  })
})
