import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['src/**/*.test.ts', 'test/**/*.test.ts'],
    testTimeout: 120_000,
    hookTimeout: 120_000,
    pool: 'forks',
    // Three files at a time even on a 2-core machine (vitest's default there is one): much of a
    // file's time is spent waiting on Chromium, belenios-tool, a server process or the database —
    // with two workers the suite still used only ~1.25 cores of 2 on average (clean-clone run,
    // /usr/bin/time), so a third file fills the gaps.
    maxWorkers: 3,
  },
});
