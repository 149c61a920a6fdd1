import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['src/**/*.test.ts', 'test/**/*.test.ts'],
    testTimeout: 120_000,
    hookTimeout: 120_000,
    pool: 'forks',
    // Two files at a time even on a 2-core machine (vitest's default there is one): much of a file's
    // time is spent waiting on Chromium, belenios-tool, a server process or the database, so a
    // second file fills the gaps (the suite's CPU is ~1.3 cores on average with one worker).
    maxWorkers: 2,
  },
});
