/**
 * Tie-break rules of the statutes, applied to candidates (or lists) tied for `places` places:
 * - `older-candidate`: the older wins (earlier birth date), as the Code électoral does for seats
 *   (L. 262: "au plus âgé des candidats susceptibles d'être proclamés élus") and most statutes for
 *   persons. Equal or unknown birth dates leave those candidates tied for the next step.
 * - `draw`: a draw by lot that anyone can recompute from the election's final archive hash.
 * Steps apply in the order the election lists them (usually older candidate, then draw); with no
 * step, or when the steps leave candidates tied, the tie is reported as such.
 *
 * THE DRAW, exactly (docs/congress.md gives the same with shell commands):
 *   seed    = SHA-256( UTF-8( "scrutin-draw-v1|" + finalHash + "|" + context ) ), in lowercase hex
 *   key(p)  = SHA-256( UTF-8( seed + "|" + p ) ), in lowercase hex
 * where `finalHash` is the hash of the last event of the final archive, in lowercase hex (64
 * characters, as the procès-verbal prints it: "Final archive event hash"), `context` is the text
 * naming what is drawn (printed with the result, e.g. "question 1, seat 7"), and `p` is the 1-based
 * position of each tied candidate or list on the ballot, written in decimal ("3"). Tied entries are
 * ranked by increasing key (string order of the hex, i.e. numeric order); the first `places` win.
 * The archive's final hash is known only once the tally is published, after every ballot: no one
 * can steer it towards a winner without changing the archive everyone verifies.
 */
import { sha256Hex } from '../core/hash.js';
import type { CandidateList, SeatAllocation } from './seats.js';

export type TieBreakStep = 'older-candidate' | 'draw';

export interface TiedEntry {
  /** 1-based position of the candidate (or list) on the ballot: names the entry in the draw. */
  readonly position: number;
  /** ISO date YYYY-MM-DD; for a list, the birth date of its candidate who would be elected. */
  readonly birthDate?: string;
}

export interface DrawInput {
  /** The final archive's last event hash, lowercase hex. */
  readonly finalHash: string;
  /** What is drawn, printed with the result so anyone can recompute the draw. */
  readonly context: string;
}

export interface DrawRecord {
  readonly context: string;
  readonly seed: string;
  /** Every entry drawn with its key, in the order of the draw (winners first). */
  readonly ranking: readonly { readonly position: number; readonly key: string }[];
}

export type TieBreakResult =
  | {
      readonly kind: 'settled';
      /** Positions of the winners, best first. */
      readonly winners: readonly number[];
      /** The steps that decided, in order. */
      readonly decidedBy: readonly TieBreakStep[];
      readonly draw: DrawRecord | null;
    }
  | {
      readonly kind: 'tie';
      /** Winners already decided by earlier steps (older candidates), best first. */
      readonly winners: readonly number[];
      /** Still tied for the places left. */
      readonly tied: readonly number[];
      readonly places: number;
    };

const HEX_HASH = /^[0-9a-f]{64}$/;
const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/;

/** The draw's seed (see the module comment). */
export function drawSeed(finalHash: string, context: string): string {
  if (!HEX_HASH.test(finalHash))
    throw new RangeError('draw: the final archive hash is 64 lowercase hex digits');
  return sha256Hex(`scrutin-draw-v1|${finalHash}|${context}`);
}

/** Ranks positions by their draw key, winners first. */
export function draw(input: DrawInput, positions: readonly number[]): DrawRecord {
  const seed = drawSeed(input.finalHash, input.context);
  const ranking = positions
    .map((position) => ({ position, key: sha256Hex(`${seed}|${position}`) }))
    .sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : a.position - b.position));
  return { context: input.context, seed, ranking };
}

/**
 * Breaks a tie between `entries` for `places` places (1 ≤ places < entries) by the steps in order.
 * A `draw` step needs `drawInput`.
 */
export function breakTie(
  entries: readonly TiedEntry[],
  places: number,
  steps: readonly TieBreakStep[],
  drawInput?: DrawInput,
): TieBreakResult {
  if (!Number.isInteger(places) || places < 1 || places >= entries.length)
    throw new RangeError('tie-break: fewer places than tied entries, at least one');
  if (new Set(entries.map((e) => e.position)).size !== entries.length)
    throw new RangeError('tie-break: each entry has its own position');
  const winners: number[] = [];
  const decidedBy: TieBreakStep[] = [];
  let tied = [...entries];
  let left = places;
  for (const step of steps) {
    if (step === 'older-candidate') {
      const older = olderFirst(tied, left);
      if (older.winners.length > 0 || older.tied.length < tied.length) decidedBy.push(step);
      winners.push(...older.winners);
      left -= older.winners.length;
      tied = older.tied;
      if (left === 0) return { kind: 'settled', winners, decidedBy, draw: null };
    } else {
      if (!drawInput) throw new RangeError('tie-break: a draw needs the final archive hash');
      const record = draw(
        drawInput,
        tied.map((e) => e.position),
      );
      decidedBy.push(step);
      winners.push(...record.ranking.slice(0, left).map((r) => r.position));
      return { kind: 'settled', winners, decidedBy, draw: record };
    }
  }
  return { kind: 'tie', winners, tied: tied.map((e) => e.position), places: left };
}

/**
 * The older ones among `entries` for `places` places: those strictly older than the entry at the
 * boundary win; the boundary group (same birth date, or any unknown birth date) stays tied.
 */
function olderFirst(entries: readonly TiedEntry[], places: number): { winners: number[]; tied: TiedEntry[] } {
  if (entries.some((e) => e.birthDate === undefined || !ISO_DATE.test(e.birthDate)))
    return { winners: [], tied: [...entries] };
  // ISO dates compare as strings; earlier is older.
  const sorted = [...entries].sort((a, b) =>
    a.birthDate! < b.birthDate! ? -1 : a.birthDate! > b.birthDate! ? 1 : 0,
  );
  const boundary = sorted[places - 1]!.birthDate!;
  const after = sorted[places]!.birthDate!;
  if (boundary !== after) return { winners: sorted.slice(0, places).map((e) => e.position), tied: [] };
  const winners = sorted.filter((e) => e.birthDate! < boundary).map((e) => e.position);
  const tied = sorted.filter((e) => e.birthDate === boundary);
  return { winners, tied };
}

/**
 * Settles a seat allocation left undecided (equal averages or remainders, equal votes) by the
 * statutes' steps. For `older-candidate`, each tied list is represented by its candidate who would
 * be elected with the seat (its next one in list order), as L. 262 says. All the seats left go to
 * the tied lists, one each, so the winners complete the allocation.
 */
export function settleSeats(
  allocation: SeatAllocation,
  lists: readonly CandidateList[],
  steps: readonly TieBreakStep[],
  drawInput?: DrawInput,
): { readonly seats: readonly number[] | null; readonly tieBreak: TieBreakResult | null } {
  const open = allocation.undecided;
  if (!open) return { seats: allocation.seats, tieBreak: null };
  const entries = open.lists.map((list) => ({
    position: list + 1,
    birthDate: lists[list]?.candidates[allocation.seats[list]!]?.birthDate,
  }));
  const tieBreak = breakTie(entries, open.seats, steps, drawInput);
  if (tieBreak.kind === 'tie') return { seats: null, tieBreak };
  const seats = [...allocation.seats];
  for (const position of tieBreak.winners) seats[position - 1]! += 1;
  return { seats, tieBreak };
}
