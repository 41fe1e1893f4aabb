import {defineConfig} from 'vitest/config'

// The Next.js example (examples/next), built and driven in Chromium: `npm run test:next`.
// Packing, installing and `next build` take a minute or two on 2 cores, so it is a CI step of its own.
export default defineConfig({
  test: {
    include: ['tests/next/**/*.next.test.ts'],
    testTimeout: 120_000,
    hookTimeout: 600_000,
  },
})
