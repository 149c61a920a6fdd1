/**
 * scrutin-tool: a drop-in for belenios-tool 2.0 (same subcommands, options, files, outputs and exit
 * codes for everything the Belenios example scripts use), running Scrutin's protocol core.
 */
import { Command, CommanderError } from 'commander';
import { sha256B64 } from '../../core/hash.js';
import { registerArchiveCommands } from './archive-commands.js';
import { registerConsolidateCommands } from './consolidate-commands.js';
import { registerElectionCommands } from './election-commands.js';
import { CliError, CliExit, FAILURE_EXIT_CODE, readStdin } from './io.js';
import { registerMethodCommands } from './method-commands.js';
import { registerRecoveryCommands } from './recovery-commands.js';
import { registerSetupCommands } from './setup-commands.js';
import { registerThresholdCommands } from './threshold-commands.js';

export function buildProgram(): Command {
  const program = new Command('scrutin-tool')
    .description('Scrutin election tool (Belenios 2.0 compatible)')
    .exitOverride()
    .showHelpAfterError(false);
  const setup = registerSetupCommands(program);
  registerArchiveCommands(program);
  const election = registerElectionCommands(program);
  registerThresholdCommands(setup, election);
  registerMethodCommands(program);
  registerRecoveryCommands(program);
  registerConsolidateCommands(program);
  program
    .command('sha256-b64')
    .description('compute SHA256 of standard input and encode it in Base64 without padding')
    .action(() => {
      process.stdout.write(`${sha256B64(readStdin())}\n`);
    });
  for (const command of program.commands) applyExitOverride(command);
  return program;
}

export function applyExitOverride(command: Command): void {
  command.exitOverride();
  for (const sub of command.commands) applyExitOverride(sub);
}

export function main(argv: string[]): Promise<number> {
  return runProgram(buildProgram(), argv);
}

/**
 * Runs a command line; a CliError is printed after the program's name and exits with 124, or with
 * its own code for a CliExit.
 */
export async function runProgram(program: Command, argv: string[]): Promise<number> {
  try {
    await program.parseAsync(argv, { from: 'user' });
    return 0;
  } catch (error) {
    if (error instanceof CliError) {
      process.stderr.write(`${program.name()}: ${error.message}\n`);
      return error instanceof CliExit ? error.exitCode : FAILURE_EXIT_CODE;
    }
    if (error instanceof CommanderError) {
      // --help and --version end here with code 0; usage errors were already printed by commander.
      return error.exitCode === 0 ? 0 : FAILURE_EXIT_CODE;
    }
    throw error;
  }
}
