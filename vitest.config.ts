import {defineConfig} from 'vitest/config'

export default defineConfig({
  test: {
    include: ['tests/**/*.test.ts'],
    // Browser tests need Chromium and run with `npm run test:e2e`; slow checks
    // (*.slow.test.ts) run with `npm run test:slow`, so that this suite stays fast.
    exclude: ['tests/e2e/**', 'tests/**/*.slow.test.ts', 'tests/**/*.groq.test.ts', 'node_modules/**', 'dist/**'],
    // Compiling the Studio schema and starting local servers takes a moment.
    testTimeout: 30_000,
    hookTimeout: 60_000,
    // Type tests (tests/**/*.test-d.ts) are compiled by `npm run typecheck`
    // (tsc over the whole repository), which fails on a broken expectTypeOf;
    // compiling them a second time here would double the suite's time.
  },
})
