/**
 * The tests Stryker runs against each mutant (`npm run mutation`, see docs/testing.md). Only tests
 * that run the mutated source in the test process can kill a mutant: Stryker swaps mutants inside
 * the Vite-transformed modules, so code run by a child process (the built `dist/`, `scrutin-tool`,
 * `belenios-tool`, a server process, a store worker) or by a worker thread, or in headless Chromium
 * is never mutated there. Those tests are left out: they would only slow every mutant down.
 * SCRUTIN_MUTATION_TESTS (a JSON array of globs, set by stryker.config.mjs from SCOPE) narrows the
 * tests to those of the scopes being mutated.
 */
import { statSync } from 'node:fs';
import { defineConfig } from 'vitest/config';
import { BaseSequencer, type TestSpecification } from 'vitest/node';

/**
 * Smallest test files first. Vitest's own order puts the slowest files first (best for a parallel
 * suite); a mutant runs in one thread and stops at its first failing test, and the small files beside
 * the code are the focused, quick ones, so a mutant they kill does not wait for a whole scenario.
 */
class SmallestFirst extends BaseSequencer {
  override async sort(files: TestSpecification[]): Promise<TestSpecification[]> {
    const size = (file: TestSpecification) => statSync(file.moduleId).size;
    return [...files].sort((a, b) => size(a) - size(b));
  }
}

function testsOfScopes(): string[] | undefined {
  const globs = process.env.SCRUTIN_MUTATION_TESTS;
  return globs === undefined ? undefined : (JSON.parse(globs) as string[]);
}

export default defineConfig({
  test: {
    include: testsOfScopes() ?? [
      'src/**/*.test.ts',
      'test/{server,delivery,congress,properties,roundtrip,recovery}/**/*.test.ts',
    ],
    exclude: [
      '**/node_modules/**',
      // Browser pages and the code they bundle: run in Chromium, or build bundles with esbuild.
      'src/web/**',
      'test/browser/**',
      // Child processes: belenios-tool, scrutin-tool and dist/, server and sender processes, store workers.
      'test/cli/**',
      'test/interop/**',
      'test/deploy/**',
      'src/protocol/counting/belenios-tool.test.ts',
      'src/protocol/threshold/belenios-tool.test.ts',
      'src/store/store.test.ts',
      'test/server/board-cost.test.ts',
      'test/server/crash.test.ts',
      'test/server/demo-mail.test.ts',
      'test/server/graceful-shutdown.test.ts',
      'test/server/mail-mode.test.ts',
      'test/server/two-processes.test.ts',
      'test/server/postgres-election.test.ts',
      'test/delivery/crash-resume.test.ts',
      'test/recovery/flow.test.ts',
      // Worker threads load their own, unmutated copy of the protocol.
      'src/node/ballot-worker-pool.test.ts',
    ],
    sequence: { sequencer: SmallestFirst },
    testTimeout: 120_000,
    hookTimeout: 120_000,
  },
});
