import {defineConfig} from 'vitest/config'

// The whole GROQ conformance suite, differential against groq-js: `npm run test:groq`.
// `npm test` runs a fixed sample of it (tests/groq/conformance.test.ts).
export default defineConfig({
  test: {
    include: ['tests/groq/**/*.groq.test.ts'],
    testTimeout: 300_000,
    hookTimeout: 120_000,
  },
})
