/**
 * Proportional seats for list elections (issue 17): highest averages (`dhondt`: divisors 1, 2, 3…;
 * `sainte-lague`: divisors 1, 3, 5…) and largest remainder with the Hare quota (`hare`), a threshold,
 * and the elected candidates of each list in list order. Pure and exact: votes are bigints (totals
 * of weighted ballots, any size), averages and remainders are compared by cross-multiplication,
 * never through floating point.
 *
 * Documented rules, from the French Code électoral where it speaks (art. L. 262 for municipal lists)
 * and from what association statutes usually copy from it:
 * - Threshold: a list is admitted iff 100 × its votes ≥ threshold × the votes given to all lists
 *   (blank votes are not given to a list). A list below it gets no seat and takes no part in the
 *   averages; the Hare quota is the votes of the admitted lists divided by the seats.
 * - A list without any vote never gets a seat. When no admitted list has a vote, every seat is vacant.
 * - Ties for a seat (equal averages, or equal remainders): the list with more votes wins (L. 262);
 *   with equal votes too, the seat is undecided: the allocation stops there and names the tied
 *   lists and how many seats are still to settle (the statutes then decide: older candidate, draw —
 *   see tie-break.ts). Lists tied for as many seats as there are tied lists are not a tie: each
 *   gets one, in any order, with the same outcome.
 * - More seats than candidates (a list whose candidates are all elected): the list takes no further
 *   seat, and the seat goes to the list that comes next by the same method (the next highest
 *   average; for Hare, the next largest remainder, going round the remainders again if seats are
 *   still left). This is French practice for list elections, where a list can never be given more
 *   seats than it has candidates. The steps record it (`exhausted`). Seats that no list can take
 *   (every admitted list with votes has all its candidates elected) stay vacant and are counted.
 */
import type { Fraction } from './fraction.js';

export const SEAT_METHODS = ['dhondt', 'sainte-lague', 'hare'] as const;
export type SeatMethod = (typeof SEAT_METHODS)[number];

/** At most this many seats: the averages table of the steps grows with them. */
export const MAX_SEATS = 10_000;

export interface SeatRule {
  readonly method: SeatMethod;
  /** Seats to fill, 1 to MAX_SEATS. */
  readonly seats: number;
  /** The threshold as a share of the votes given to lists (5 % is 5/100; 0 admits every list). */
  readonly threshold: Fraction;
}

export interface SeatAward {
  /** 1-based rank of the seat in the order of allocation. */
  readonly seat: number;
  readonly list: number;
  /** What won it: the average (votes / divisor) or, for Hare, the remainder (in votes). */
  readonly value: Fraction;
  /** Won against an equal average or remainder thanks to the list's greater number of votes. */
  readonly byVotes: boolean;
}

export type AllocationSteps =
  | {
      readonly kind: 'highest-averages';
      /** The divisors in use: 1, 2, 3… (D'Hondt) or 1, 3, 5… (Sainte-Laguë), as many as seats won + 1. */
      readonly divisors: readonly bigint[];
      /**
       * Per list, its averages votes/divisor for each divisor up to one past its last seat (the
       * average that did not win); null for a list not admitted or without votes.
       */
      readonly averages: readonly (readonly Fraction[] | null)[];
    }
  | {
      readonly kind: 'largest-remainder';
      /** Hare quota: votes of the admitted lists / seats (null when they have no votes). */
      readonly quota: Fraction | null;
      /**
       * Per admitted list with votes: whole quotas in its votes (seats taken by the quota, before a
       * list short of candidates is capped) and what is left of its votes (remainder, in votes).
       */
      readonly quotients: readonly ({ readonly quotas: bigint; readonly remainder: Fraction } | null)[];
      /** Seats taken by whole quotas, per list (after capping at the number of candidates). */
      readonly byQuota: readonly number[];
    };

export interface SeatAllocation {
  readonly rule: SeatRule;
  readonly votes: readonly bigint[];
  /** Votes given to lists (the threshold's base). */
  readonly total: bigint;
  readonly admitted: readonly boolean[];
  /** Seats decided per list (all seats unless `undecided` or `vacant`). */
  readonly seats: readonly number[];
  /** A seat that equal averages (or remainders) and equal votes leave open, with the tied lists. */
  readonly undecided: { readonly seats: number; readonly lists: readonly number[] } | null;
  /** Seats no list could take: no admitted list with votes, or every such list out of candidates. */
  readonly vacant: number;
  /** Every seat awarded one by one (for Hare, only the seats given to remainders). */
  readonly awards: readonly SeatAward[];
  /**
   * A list out of candidates when a further seat would have gone to it: the seat (1-based rank) that
   * went to the next list instead, or null for Hare seats taken by whole quotas (see `byQuota`).
   */
  readonly exhausted: readonly { readonly list: number; readonly atSeat: number | null }[];
  readonly steps: AllocationSteps;
}

/** Checks a rule; returns the problem, if any. */
export function seatRuleProblem(rule: SeatRule): string | undefined {
  if (!SEAT_METHODS.includes(rule.method)) return `method: one of ${SEAT_METHODS.join(', ')}`;
  if (!Number.isInteger(rule.seats) || rule.seats < 1 || rule.seats > MAX_SEATS)
    return `seats: an integer from 1 to ${MAX_SEATS}`;
  const t = rule.threshold;
  if (t.denominator <= 0n || t.numerator < 0n || t.numerator > t.denominator)
    return 'threshold: a percentage from 0 to 100';
  return undefined;
}

/** 100 × votes ≥ threshold% × total, i.e. votes / total ≥ threshold as a share of 1. */
export function admittedByThreshold(votes: bigint, total: bigint, threshold: Fraction): boolean {
  return votes * threshold.denominator >= threshold.numerator * total;
}

const cmp = (a: bigint, b: bigint) => (a < b ? -1 : a > b ? 1 : 0);
const cmpFractions = (a: Fraction, b: Fraction) =>
  cmp(a.numerator * b.denominator, b.numerator * a.denominator);

/**
 * Allocates `rule.seats` among lists with these `votes`; `candidates[i]` caps list i's seats (its
 * number of candidates; omitted: no cap).
 */
export function allocateSeats(
  rule: SeatRule,
  votes: readonly bigint[],
  candidates?: readonly number[],
): SeatAllocation {
  const problem = seatRuleProblem(rule);
  if (problem) throw new RangeError(`seat rule: ${problem}`);
  if (votes.some((v) => v < 0n)) throw new RangeError('seats: negative votes');
  if (candidates && candidates.length !== votes.length)
    throw new RangeError('seats: one number of candidates per list');
  const total = votes.reduce((a, b) => a + b, 0n);
  const admitted = votes.map((v) => admittedByThreshold(v, total, rule.threshold));
  const capacity = (list: number) => candidates?.[list] ?? Number.POSITIVE_INFINITY;
  const state: State = {
    seats: votes.map(() => 0),
    awards: [],
    exhausted: [],
    undecided: null,
    vacant: 0,
    awarded: 0,
  };
  const contenders = votes.map((v, list) => admitted[list]! && v > 0n);
  const steps =
    rule.method === 'hare'
      ? largestRemainder(rule.seats, votes, contenders, capacity, state)
      : highestAverages(rule.method, rule.seats, votes, contenders, capacity, state);
  return {
    rule,
    votes,
    total,
    admitted,
    seats: state.seats,
    undecided: state.undecided,
    vacant: state.vacant,
    awards: state.awards,
    exhausted: state.exhausted,
    steps,
  };
}

interface State {
  seats: number[];
  awards: SeatAward[];
  exhausted: { list: number; atSeat: number | null }[];
  undecided: { seats: number; lists: number[] } | null;
  vacant: number;
  /** Seats given so far (by quota or one by one). */
  awarded: number;
}

/** A list out of candidates whose next average (or remainder) would have won the next seat or tied for it. */
function reportExhausted(
  contending: readonly number[],
  eligible: readonly number[],
  value: (list: number) => Fraction,
  reported: Set<number>,
  state: State,
): void {
  for (const list of contending)
    if (!eligible.includes(list) && !reported.has(list)) {
      if (eligible.every((other) => cmpFractions(value(list), value(other)) >= 0)) {
        reported.add(list);
        state.exhausted.push({ list, atSeat: state.awarded + 1 });
      }
    }
}

/**
 * One seat at a time among `eligible` lists ranked by `value` then votes: the best group (equal
 * value, equal votes) takes one seat each if there are enough seats left, else the seats left are
 * undecided between them (stopped: the allocation ends there, on a tie).
 */
function awardBest(
  eligible: readonly number[],
  value: (list: number) => Fraction,
  votes: readonly bigint[],
  left: number,
  state: State,
): { given: number; stopped: boolean } {
  const ranked = [...eligible].sort(
    (a, b) => cmpFractions(value(b), value(a)) || cmp(votes[b]!, votes[a]!) || a - b,
  );
  const best = ranked[0]!;
  const sameValue = ranked.filter((list) => cmpFractions(value(list), value(best)) === 0);
  const group = sameValue.filter((list) => votes[list] === votes[best]);
  if (group.length > left) {
    state.undecided = { seats: left, lists: [...group].sort((a, b) => a - b) };
    return { given: 0, stopped: true };
  }
  const byVotes = sameValue.length > group.length;
  for (const list of group) {
    const won = value(list);
    state.awarded += 1;
    state.seats[list]! += 1;
    state.awards.push({ seat: state.awarded, list, value: won, byVotes });
  }
  return { given: group.length, stopped: false };
}

function highestAverages(
  method: 'dhondt' | 'sainte-lague',
  seats: number,
  votes: readonly bigint[],
  contenders: readonly boolean[],
  capacity: (list: number) => number,
  state: State,
): AllocationSteps {
  // Divisor of a list's next seat when it holds k: k + 1 (D'Hondt) or 2k + 1 (Sainte-Laguë).
  const divisor = (k: number) => BigInt(method === 'dhondt' ? k + 1 : 2 * k + 1);
  const average = (list: number): Fraction => ({
    numerator: votes[list]!,
    denominator: divisor(state.seats[list]!),
  });
  const reported = new Set<number>();
  let left = seats;
  while (left > 0) {
    const open = votes.flatMap((_, list) => (contenders[list] ? [list] : []));
    const eligible = open.filter((list) => state.seats[list]! < capacity(list));
    reportExhausted(open, eligible, average, reported, state);
    if (eligible.length === 0) {
      state.vacant = left;
      break;
    }
    const { given, stopped } = awardBest(eligible, average, votes, left, state);
    if (stopped) break;
    left -= given;
  }
  const maxWon = Math.max(0, ...state.seats);
  return {
    kind: 'highest-averages',
    divisors: Array.from({ length: maxWon + 1 }, (_, k) => divisor(k)),
    averages: votes.map((v, list) =>
      contenders[list]
        ? Array.from({ length: state.seats[list]! + 1 }, (_, k) => ({
            numerator: v,
            denominator: divisor(k),
          }))
        : null,
    ),
  };
}

function largestRemainder(
  seats: number,
  votes: readonly bigint[],
  contenders: readonly boolean[],
  capacity: (list: number) => number,
  state: State,
): AllocationSteps {
  const admittedTotal = votes.reduce((sum, v, list) => (contenders[list] ? sum + v : sum), 0n);
  if (admittedTotal === 0n) {
    state.vacant = seats;
    return {
      kind: 'largest-remainder',
      quota: null,
      quotients: votes.map(() => null),
      byQuota: [...state.seats],
    };
  }
  const n = BigInt(seats);
  // Quota Q = T / n. Whole quotas of a list: ⌊v / Q⌋ = ⌊v·n / T⌋; its remainder v − q·Q = (v·n − q·T) / n.
  const quotients = votes.map((v, list) => {
    if (!contenders[list]) return null;
    const quotas = (v * n) / admittedTotal;
    return { quotas, remainder: { numerator: v * n - quotas * admittedTotal, denominator: n } };
  });
  quotients.forEach((q, list) => {
    if (!q) return;
    const taken = Math.min(Number(q.quotas), capacity(list));
    if (taken < Number(q.quotas)) state.exhausted.push({ list, atSeat: null });
    state.seats[list] = taken;
    state.awarded += taken;
  });
  const byQuota = [...state.seats];
  const remainder = (list: number) => quotients[list]!.remainder;
  const reported = new Set(state.exhausted.map((e) => e.list));
  let left = seats - state.awarded;
  // Remainders: one seat per list per round; a further round only when lists ran out of candidates.
  let served = new Set<number>();
  while (left > 0) {
    const hasRoom = (list: number) => state.seats[list]! < capacity(list);
    const all = votes.flatMap((_, list) => (contenders[list] ? [list] : []));
    if (!all.some(hasRoom)) {
      state.vacant = left;
      break;
    }
    let round = all.filter((list) => !served.has(list));
    if (!round.some(hasRoom)) {
      served = new Set();
      round = all;
    }
    const eligible = round.filter(hasRoom);
    reportExhausted(round, eligible, remainder, reported, state);
    const { given, stopped } = awardBest(eligible, remainder, votes, left, state);
    if (stopped) break;
    for (const award of state.awards.slice(-given)) served.add(award.list);
    left -= given;
  }
  return {
    kind: 'largest-remainder',
    quota: { numerator: admittedTotal, denominator: n },
    quotients,
    byQuota,
  };
}

export interface Candidate {
  readonly name: string;
  /** Needed only when the election requires parity (the two categories of French parity law). */
  readonly gender?: 'F' | 'M';
  /** ISO date (YYYY-MM-DD): the "older candidate" tie-break. */
  readonly birthDate?: string;
}

export interface CandidateList {
  readonly name: string;
  /** In the order of the list: the first ones are elected. */
  readonly candidates: readonly Candidate[];
}

/** Seats with each list's number of candidates as its cap (see the module comment). */
export function allocateListSeats(
  rule: SeatRule,
  lists: readonly CandidateList[],
  votes: readonly bigint[],
): SeatAllocation {
  if (lists.length !== votes.length) throw new RangeError('seats: one total per list');
  return allocateSeats(
    rule,
    votes,
    lists.map((list) => list.candidates.length),
  );
}

/** The elected of each list: its first `seats[i]` candidates, in list order. */
export function electedCandidates(
  lists: readonly CandidateList[],
  seats: readonly number[],
): readonly (readonly Candidate[])[] {
  if (lists.length !== seats.length) throw new RangeError('elected: one number of seats per list');
  return lists.map((list, i) => {
    const won = seats[i]!;
    if (!Number.isInteger(won) || won < 0 || won > list.candidates.length)
      throw new RangeError(
        `elected: list ${i + 1} (${list.name}) has ${list.candidates.length} candidates, not ${won}`,
      );
    return list.candidates.slice(0, won);
  });
}

/**
 * Parity of a list, as the election requires it:
 * - `alternating`: each candidate is of the other gender than the one before (Code électoral,
 *   L. 264: "alternativement un candidat de chaque sexe");
 * - `balanced`: among the first n candidates, for every n, the numbers of each gender differ by at
 *   most one — the same as one candidate of each gender in every pair (1–2, 3–4…), in either order.
 */
export type ParityRule = 'alternating' | 'balanced';

export interface ParityRefusal {
  /** 0-based index of the list among the question's lists. */
  readonly list: number;
  readonly listName: string;
  /** 1-based position of the first candidate that breaks the rule. */
  readonly position: number;
  readonly reason: 'gender-missing' | 'same-as-previous' | 'unbalanced';
}

/** The first candidate of a list that breaks the parity rule, if any. */
export function parityRefusal(
  rule: ParityRule,
  list: CandidateList,
  index: number,
): ParityRefusal | undefined {
  let women = 0;
  let men = 0;
  let previous: 'F' | 'M' | undefined;
  for (const [i, candidate] of list.candidates.entries()) {
    const refuse = (reason: ParityRefusal['reason']) => ({
      list: index,
      listName: list.name,
      position: i + 1,
      reason,
    });
    const gender = candidate.gender;
    if (gender !== 'F' && gender !== 'M') return refuse('gender-missing');
    if (gender === 'F') women += 1;
    else men += 1;
    if (rule === 'alternating' && gender === previous) return refuse('same-as-previous');
    if (rule === 'balanced' && Math.abs(women - men) > 1) return refuse('unbalanced');
    previous = gender;
  }
  return undefined;
}

/** Every list checked at entry: the refusals, one per list that breaks the rule. */
export function parityRefusals(rule: ParityRule, lists: readonly CandidateList[]): readonly ParityRefusal[] {
  return lists.flatMap((list, index) => parityRefusal(rule, list, index) ?? []);
}

/** A refusal in words (English; pages translate from the structured fields). */
export function describeParityRefusal(refusal: ParityRefusal): string {
  const why = {
    'gender-missing': 'has no gender, which parity needs',
    'same-as-previous': 'has the same gender as the one before (the list must alternate)',
    unbalanced: 'leaves two more candidates of one gender than of the other among the first ones',
  }[refusal.reason];
  return `list ${refusal.list + 1} (${refusal.listName}): candidate ${refusal.position} ${why}`;
}
