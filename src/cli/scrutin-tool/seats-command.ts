/**
 * `scrutin-tool method seats --method dhondt|sainte-lague|hare --seats N [--threshold PERCENT]`:
 * proportional seats from a JSON array of list totals on standard input (numbers, or decimal
 * strings as Belenios writes large weighted totals; numbers beyond 2^53 are read digit by digit,
 * never rounded), printed as a JSON array of seats per list (src/congress/seats.ts).
 *
 * Exit codes: 0 with the seats; 2 on bad input (not an array, a total negative or not an integer,
 * seats < 1, threshold outside 0–100, unknown method); 3 when a seat is undecided (equal averages
 * or remainders and equal votes), naming the tied lists by their position in the input (from 1) —
 * nothing is printed on standard output then, so a script cannot take a partial result for the
 * result. Seats no list can take (no admitted list has votes) are left out with a warning.
 */
import type { Command } from 'commander';
import { percentFraction } from '../../congress/fraction.js';
import { allocateSeats, MAX_SEATS, SEAT_METHODS, type SeatMethod } from '../../congress/seats.js';
import { failWith, readStdin } from './io.js';

export const BAD_INPUT_EXIT_CODE = 2;
export const UNDECIDED_EXIT_CODE = 3;

const badInput = (message: string): never => failWith(BAD_INPUT_EXIT_CODE, message);
const EXAMPLE = 'e.g. [1200, 800, 300]';
const DIGITS = /^(0|[1-9][0-9]*)$/;
/** The value tokens of a flat JSON array of numbers and strings, in order. */
const VALUE_TOKEN = /"(?:[^"\\]|\\.)*"|-?[0-9]+(?:\.[0-9]+)?(?:[eE][+-]?[0-9]+)?/g;

/** The totals as exact bigints; exits with 2 and says which total is wrong. */
export function parseTotals(text: string): bigint[] {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    return badInput(`standard input is not JSON: expected an array of list totals, ${EXAMPLE}`);
  }
  if (!Array.isArray(value))
    return badInput(`standard input must be a JSON array of list totals, ${EXAMPLE}`);
  if (value.length === 0)
    return badInput(`standard input has no list: expected at least one total, ${EXAMPLE}`);
  const other = value.findIndex((v) => typeof v !== 'number' && typeof v !== 'string');
  if (other >= 0)
    badInput(`total ${other + 1} is not a number (${JSON.stringify(value[other])}): ${EXAMPLE}`);
  // A flat array of numbers and strings: its value tokens are its elements, in order.
  const tokens = text.match(VALUE_TOKEN) ?? [];
  return value.map((v: number | string, i) => {
    // The number as written (JSON.parse would round it beyond 2^53), or the string's content.
    const written = typeof v === 'number' ? tokens[i]! : v;
    if (DIGITS.test(written)) return BigInt(written);
    if (/^-/.test(written) && !/^-0*(\.0*)?$/.test(written))
      return badInput(`total ${i + 1} is negative (${written}): totals are numbers of votes`);
    return badInput(
      `total ${i + 1} is not a whole number of votes (${JSON.stringify(v)}): write it in digits, ${EXAMPLE}`,
    );
  });
}

const listNames = (lists: readonly number[]) => {
  const names = lists.map((list) => `${list + 1}`);
  return names.length === 2
    ? `${names[0]} and ${names[1]}`
    : `${names.slice(0, -1).join(', ')} and ${names.at(-1)}`;
};

export function registerSeatsCommand(method: Command): void {
  method
    .command('seats')
    .description(
      'proportional seats per list (D’Hondt, Sainte-Laguë or Hare largest remainder) from list totals',
    )
    .option('--method <METHOD>', `seat allocation method (${SEAT_METHODS.join('|')})`)
    .option('--seats <N>', 'number of seats')
    .option('--threshold <PERCENT>', 'lists below this % of the votes given to lists get no seat', '0')
    .action((options: { method?: string; seats?: string; threshold: string }) => {
      if (!SEAT_METHODS.includes(options.method as SeatMethod))
        badInput(`--method must be ${SEAT_METHODS.slice(0, -1).join(', ')} or ${SEAT_METHODS.at(-1)}`);
      const seats = Number(options.seats);
      if (options.seats === undefined || !DIGITS.test(options.seats) || seats < 1 || seats > MAX_SEATS)
        badInput(`--seats must be an integer from 1 to ${MAX_SEATS}`);
      const threshold = percentFraction(options.threshold);
      if (!threshold) badInput('--threshold must be a percentage from 0 to 100, e.g. 5 or 3.5');
      const totals = parseTotals(readStdin());
      const result = allocateSeats(
        { method: options.method as SeatMethod, seats, threshold: threshold! },
        totals,
      );
      if (result.undecided) {
        const { seats: left, lists } = result.undecided;
        const equal = options.method === 'hare' ? 'remainders' : 'averages';
        failWith(
          UNDECIDED_EXIT_CODE,
          `${left === 1 ? 'a seat is' : `${left} seats are`} undecided between lists ${listNames(lists)} ` +
            `(positions in the input, from 1): equal ${equal} and equal votes; the statutes must settle it ` +
            `(seats decided so far: ${JSON.stringify(result.seats)})`,
        );
      }
      if (result.vacant > 0)
        process.stderr.write(
          `W: ${result.vacant} of ${seats} seats not allocated: no list admitted by the threshold has votes\n`,
        );
      process.stdout.write(`${JSON.stringify(result.seats)}\n`);
    });
}
