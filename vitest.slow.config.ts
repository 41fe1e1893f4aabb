import {defineConfig} from 'vitest/config'

// Checks too slow for `npm test` (which stays under a minute on 2 cores):
// files named *.slow.test.ts. Run with `npm run test:slow`; CI runs them as their own step.
export default defineConfig({
  test: {
    include: ['tests/**/*.slow.test.ts'],
    exclude: ['tests/e2e/**', 'node_modules/**', 'dist/**'],
    testTimeout: 120_000,
    hookTimeout: 120_000,
  },
})
