import {defineConfig} from 'vitest/config'

export default defineConfig({
  test: {
    include: ['tests/**/*.test.ts'],
    // Browser tests need Chromium and run with `npm run test:e2e`.
    exclude: ['tests/e2e/**', 'node_modules/**', 'dist/**'],
    // Compiling the Studio schema and starting local servers takes a moment.
    testTimeout: 30_000,
    hookTimeout: 60_000,
    typecheck: {enabled: true, include: ['tests/**/*.test-d.ts']},
  },
})
