/**
 * The command line of the single-file verifier: the two auditor commands of scrutin-tool, with the
 * same engine (worker threads, OpenSSL modexp), the same messages and exit code 124 on failure.
 *
 *   scrutin-verify DIR [--json]                       = scrutin-tool election verify --dir DIR
 *   scrutin-verify consolidate A.bel B.bel … [--json] = scrutin-tool consolidate A.bel B.bel …
 */
import { Command } from 'commander';
import { useBallotWorkerEntry } from '../../node/ballot-worker-pool.js';
import { installNodePlatform } from '../../node/platform.js';
import { registerConsolidateCommands } from '../scrutin-tool/consolidate-commands.js';
import { verifyElectionDir } from '../scrutin-tool/election-commands.js';
import { applyExitOverride, runProgram } from '../scrutin-tool/main.js';

export function buildVerifierProgram(): Command {
  const program = new Command('scrutin-verify')
    .description(
      'Verify a Scrutin or Belenios 2.0 election archive (the one UUID.bel in DIR), or consolidate boxes',
    )
    .argument('[DIR]', 'folder holding the election archive', '.')
    .option('--json', 'print a machine-readable per-check report on standard output')
    .showHelpAfterError(false)
    // `consolidate … --json` is the subcommand's option, not the verifier's.
    .enablePositionalOptions()
    .action((dir: string, options: { json?: boolean }) => verifyElectionDir({ dir, ...options }));
  registerConsolidateCommands(program);
  applyExitOverride(program);
  return program;
}

/** `self` is the file worker threads start on; `mark` is their workerData. */
export function runVerifier(argv: string[], self: URL, mark: string): Promise<number> {
  installNodePlatform();
  useBallotWorkerEntry(self, mark);
  return runProgram(buildVerifierProgram(), argv);
}
