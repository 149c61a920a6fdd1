/**
 * `scrutin-tool method …`: counting methods applied to the clear result of a non-homomorphic
 * question (a JSON array of ballots on standard input), printing what belenios-tool prints; and
 * `method seats`, proportional seats from list totals (seats-command.ts, Scrutin's own).
 */
import type { Command } from 'commander';
import {
  type CountingOutcome,
  countMajorityJudgment,
  countSchulze,
  countStv,
} from '../../protocol/counting/index.js';
import { fail, readStdin } from './io.js';
import { registerSeatsCommand } from './seats-command.js';

function readBallots(): number[][] {
  let value: unknown;
  try {
    value = JSON.parse(readStdin());
  } catch {
    fail('standard input is not a JSON array of ballots');
  }
  if (!Array.isArray(value) || !value.every((b) => Array.isArray(b) && b.every((v) => Number.isInteger(v)))) {
    fail('standard input must be a JSON array of ballots (arrays of integers)');
  }
  return value as number[][];
}

function parseBool(text: string | undefined, option: string): boolean {
  if (text === 'true') return true;
  if (text === 'false') return false;
  return fail(`${option} must be true or false`);
}

function parseCount(text: string | undefined, option: string, min: number): number {
  const n = Number(text);
  if (text === undefined || !Number.isInteger(n) || n < min) fail(`${option} must be an integer >= ${min}`);
  return n;
}

function print<R>(outcome: CountingOutcome<R>): void {
  if (!outcome.ok) fail(outcome.error);
  process.stdout.write(`${JSON.stringify(outcome.result)}\n`);
}

export function registerMethodCommands(program: Command): void {
  const method = program.command('method').description('compute result with specific counting methods');

  method
    .command('schulze')
    .description('Condorcet-Schulze method')
    .option('--blank-allowed <B>', 'is blank allowed? (true|false)')
    .option('--nchoices <N>', 'number of choices (0: infer)', '0')
    .action((options: { blankAllowed?: string; nchoices: string }) => {
      const blankAllowed = parseBool(options.blankAllowed, '--blank-allowed');
      const nchoices = parseCount(options.nchoices, '--nchoices', 0);
      print(countSchulze(readBallots(), { blankAllowed, ...(nchoices > 0 ? { nchoices } : {}) }));
    });

  method
    .command('majority-judgment')
    .description('Majority Judgment method')
    .option('--ngrades <G>', 'number of grades')
    .option('--blank-allowed <B>', 'is blank allowed? (true|false)')
    .option('--nchoices <N>', 'number of choices (0: infer)', '0')
    .action((options: { ngrades?: string; blankAllowed?: string; nchoices: string }) => {
      const ngrades = parseCount(options.ngrades, '--ngrades', 1);
      const blankAllowed = parseBool(options.blankAllowed, '--blank-allowed');
      const nchoices = parseCount(options.nchoices, '--nchoices', 0);
      print(
        countMajorityJudgment(readBallots(), {
          ngrades,
          blankAllowed,
          ...(nchoices > 0 ? { nchoices } : {}),
        }),
      );
    });

  method
    .command('stv')
    .description('Single Transferable Vote method')
    .option('--nseats <N>', 'number of seats')
    .action((options: { nseats?: string }) => {
      print(countStv(readBallots(), { nseats: parseCount(options.nseats, '--nseats', 1) }));
    });

  registerSeatsCommand(method);
}
