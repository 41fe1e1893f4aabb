import {defineConfig} from 'vitest/config'

export default defineConfig({
  test: {
    include: ['tests/**/*.test.ts'],
    // Browser tests need Chromium and run with `npm run test:e2e`; slow checks
    // (*.slow.test.ts) run with `npm run test:slow`, so that this suite stays fast.
    exclude: ['tests/e2e/**', 'tests/next/**', 'tests/**/*.slow.test.ts', 'tests/**/*.groq.test.ts', 'node_modules/**', 'dist/**'],
    // Compiling the Studio schema and starting local servers takes a moment.
    testTimeout: 30_000,
    // Test files share their worker's module cache instead of importing the
    // Studio, groq-js and the client again for each file: that import time was
    // two thirds of the suite's wall time (92 s against 34 s on 2 cores). No
    // test mocks modules; the ones that stub the environment restore it.
    isolate: false,
    unstubEnvs: true,
    hookTimeout: 60_000,
    // Type tests (tests/**/*.test-d.ts) are compiled by `npm run typecheck`
    // (tsc over the whole repository), which fails on a broken expectTypeOf;
    // compiling them a second time here would double the suite's time.
  },
})
