import {defineConfig} from 'vitest/config'

// Browser tests: Chromium drives the preview site. Run with `npm run test:e2e`.
export default defineConfig({
  test: {
    include: ['tests/e2e/**/*.e2e.test.ts'],
    testTimeout: 60_000,
    hookTimeout: 60_000,
    // One browser at a time is plenty on a small machine.
    fileParallelism: false,
  },
})
