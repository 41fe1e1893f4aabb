import {afterAll, beforeAll, describe, expect, it} from 'vitest'
import {loadCompiledSuite} from './conformance'
import {prepare, startDifferential, type Differential, type Preparation} from './differential'

// The whole GROQ conformance suite: `npm run test:groq`.
const preparation: Preparation = await prepare(loadCompiledSuite())
let differential: Differential

beforeAll(async () => {
  differential = await startDifferential(preparation)
})

afterAll(async () => {
  await differential?.close()
})

describe('GROQ conformance suite: the embedded backend and the server give what groq-js gives', () => {
  it('covers the suite', () => {
    console.log(`GROQ conformance suite: ${JSON.stringify(preparation.counts)}`)
    expect(preparation.counts.groqJsPasses).toBeGreaterThan(preparation.counts.runnerRuns * 0.9)
  })

  for (const [filename, tests] of preparation.byFile) {
    it(`${filename} (${tests.length} tests)`, async () => {
      expect(await differential.check(tests)).toEqual([])
    })
  }
})
