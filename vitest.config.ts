import { defineConfig } from 'vitest/config';

// Unit tests live in test/ and mirror src/. Notebook and browser tests are
// under test/notebooks and test/browser; they need the project .venv and are
// run by `npm test` after setup (see scripts/test.mjs).
export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    testTimeout: 120_000,
    hookTimeout: 300_000,
    pool: 'forks',
    fileParallelism: true,
    maxWorkers: 2,
  },
});
