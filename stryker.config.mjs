// @ts-check
/**
 * Mutation testing (`npm run mutation`, not part of `npm test`): StrykerJS plants one small bug at a
 * time in the code that carries Scrutin's guarantees and runs the tests that cover it; a mutant no
 * test notices is a guarantee that could break with every test green. How to run it and read the
 * result: docs/testing.md.
 *
 * SCOPE=protocol,auth npm run mutation    one or more scopes below (comma-separated), default all
 * npm run mutation -- --mutate 'src/protocol/ballot.ts'   any glob, as Stryker's own option
 */

/**
 * The scopes: the source files mutated (tests are never mutated) and the tests run against them, the
 * ones written for that scope's guarantees. A mutant only these tests miss is a guarantee nobody
 * checks where it is made, even if some far-away scenario happens to trip on it.
 */
export const SCOPES = {
  protocol: {
    mutate: ['src/protocol/**/*.ts'],
    tests: ['src/protocol/**/*.test.ts', 'test/properties/**/*.test.ts', 'test/roundtrip/**/*.test.ts'],
  },
  auth: {
    mutate: ['src/server/auth/**/*.ts'],
    tests: [
      'src/server/auth/**/*.test.ts',
      'test/server/{role-matrix,tenant-isolation,sign-in-limits,draft-privacy}.test.ts',
    ],
  },
  exports: {
    mutate: ['src/server/exports/**/*.ts'],
    tests: ['src/server/exports/**/*.test.ts', 'test/server/{exports,planted-secrets}.test.ts'],
  },
  delivery: {
    mutate: ['src/delivery/outbox.ts', 'src/delivery/sender.ts', 'src/delivery/sms.ts'],
    tests: ['src/delivery/**/*.test.ts', 'test/delivery/**/*.test.ts'],
  },
  congress: {
    mutate: ['src/congress/{rules,consolidation,seats,majority,tie-break,fraction,election-rules}.ts'],
    tests: ['src/congress/**/*.test.ts', 'test/congress/**/*.test.ts'],
  },
  election: {
    mutate: [
      'src/election/{service,records,draft,credentials,setup-copy,lifecycle,casting}.ts',
      'src/election/board.ts',
      'src/election/shuffles.ts',
    ],
    tests: [
      'src/election/**/*.test.ts',
      'test/server/{lifecycle,election-flow,annulment,input-gaps,shuffle-phase}.test.ts',
    ],
  },
};

const NOT_TESTS = ['!**/*.test.ts'];

/** The scopes named in SCOPE (comma-separated), all of them when it is unset. */
function scopesFor(scopeList) {
  const names = scopeList ? scopeList.split(',').map((s) => s.trim()).filter(Boolean) : Object.keys(SCOPES);
  for (const name of names) {
    if (!(name in SCOPES)) throw new Error(`SCOPE: unknown scope "${name}" (known: ${Object.keys(SCOPES).join(', ')})`);
  }
  return names.map((name) => SCOPES[/** @type {keyof typeof SCOPES} */ (name)]);
}

const selected = scopesFor(process.env.SCOPE);
// Read by vitest.mutation.config.ts in Stryker's test runner processes (they inherit the environment).
process.env.SCRUTIN_MUTATION_TESTS ??= JSON.stringify(selected.flatMap((scope) => scope.tests));
/** One report folder (and incremental file) per scope selection, so running one keeps the others'. */
export const REPORT_DIR = `reports/mutation/${(process.env.SCOPE ?? 'all').replaceAll(',', '+').replaceAll(/[^a-z+]/g, '')}`;

/** @type {import('@stryker-mutator/api/core').PartialStrykerOptions} */
export default {
  testRunner: 'vitest',
  vitest: { configFile: 'vitest.mutation.config.ts', related: true },
  // Each mutant runs only the tests that executed it during the first (dry) run.
  coverageAnalysis: 'perTest',
  mutate: [...selected.flatMap((scope) => scope.mutate), ...NOT_TESTS],
  // Module-level mutants (constants evaluated on import) would need every test for each: skipped.
  // They are listed as "ignored" in the report; `--ignoreStatic false` runs them.
  ignoreStatic: true,
  // The machine is shared: one test process unless told otherwise (`--concurrency 2`).
  concurrency: 1,
  // Re-runs test only mutants whose code or covering tests changed since the last run.
  incremental: true,
  incrementalFile: `${REPORT_DIR}/stryker-incremental.json`,
  // The first run, all selected tests with coverage, is long on a shared machine.
  dryRunTimeoutMinutes: 60,
  timeoutMS: 10_000,
  timeoutFactor: 2,
  reporters: ['progress', 'clear-text', 'json', 'html'],
  jsonReporter: { fileName: `${REPORT_DIR}/mutation.json` },
  htmlReporter: { fileName: `${REPORT_DIR}/mutation.html` },
  clearTextReporter: { allowColor: false, logTests: false, maxTestsToLog: 0 },
  thresholds: { high: 90, low: 80, break: null },
  tempDirName: '.stryker-tmp',
  ignorePatterns: ['/.stryker-tmp*', '/dist', '/.cache', '/test-artifacts', '/bench', '/deploy', '/Dockerfile'],
  cleanTempDir: 'always',
};
