/**
 * Seat allocation against textbook cases, thresholds, both kinds of ties, lists short of
 * candidates, no votes, totals beyond 2^53, the steps returned for pages and the PV, elected names
 * and parity at entry.
 */
import { describe, expect, it } from 'vitest';
import { decimalString, type Fraction, percentFraction } from './fraction.js';
import {
  allocateListSeats,
  allocateSeats,
  type CandidateList,
  describeParityRefusal,
  electedCandidates,
  parityRefusals,
  type SeatMethod,
  type SeatRule,
} from './seats.js';

const NO_THRESHOLD: Fraction = { numerator: 0n, denominator: 1n };
const rule = (method: SeatMethod, seats: number, thresholdPercent = '0'): SeatRule => ({
  method,
  seats,
  threshold: percentFraction(thresholdPercent)!,
});
const big = (...values: (number | bigint)[]) => values.map(BigInt);

/** Wikipedia, "D'Hondt method" (example: 230,000 voters, 8 seats) and "Sainte-Laguë method" (same). */
const WIKIPEDIA_FOUR_PARTIES = big(100_000, 80_000, 30_000, 20_000);
/** Wikipedia, "Largest remainders method" (example: 100,000 votes, 10 seats, Hare quota 10,000). */
const WIKIPEDIA_SIX_PARTIES = big(47_000, 16_000, 15_800, 12_000, 6_100, 3_100);

describe('textbook cases', () => {
  it("D'Hondt: Wikipedia's 100k / 80k / 30k / 20k for 8 seats gives 4 / 3 / 1 / 0", () => {
    const result = allocateSeats(rule('dhondt', 8), WIKIPEDIA_FOUR_PARTIES);
    expect(result.seats).toEqual([4, 3, 1, 0]);
    expect(result.undecided).toBeNull();
    expect(result.vacant).toBe(0);
    // The order of the seats as Wikipedia's table numbers them: 100k, 80k, 50k, 40k, 33.3k, 30k, 26.7k, 25k.
    expect(
      result.awards.map((a) => [a.list, decimalString(a.value.numerator, a.value.denominator, 0)]),
    ).toEqual([
      [0, '100000'],
      [1, '80000'],
      [0, '50000'],
      [1, '40000'],
      [0, '33333'],
      [2, '30000'],
      [1, '26666'],
      [0, '25000'],
    ]);
  });

  it('Sainte-Laguë: the same votes for 8 seats give 3 / 3 / 1 / 1 (Wikipedia)', () => {
    const result = allocateSeats(rule('sainte-lague', 8), WIKIPEDIA_FOUR_PARTIES);
    expect(result.seats).toEqual([3, 3, 1, 1]);
    expect(result.steps).toMatchObject({ kind: 'highest-averages', divisors: [1n, 3n, 5n, 7n] });
  });

  it("Hare: Wikipedia's six parties for 10 seats give 5 / 2 / 1 / 1 / 1 / 0, with its quota and remainders", () => {
    const result = allocateSeats(rule('hare', 10), WIKIPEDIA_SIX_PARTIES);
    expect(result.seats).toEqual([5, 2, 1, 1, 1, 0]);
    const steps = result.steps;
    if (steps.kind !== 'largest-remainder') throw new Error('expected remainders');
    expect(steps.quota).toEqual({ numerator: 100_000n, denominator: 10n });
    expect(steps.byQuota).toEqual([4, 1, 1, 1, 0, 0]);
    expect(
      steps.quotients.map((q) => q && decimalString(q.remainder.numerator, q.remainder.denominator, 0)),
    ).toEqual(['7000', '6000', '5800', '2000', '6100', '3100']);
    // Remainder seats: Yellows (7,000), Blues (6,100), Whites (6,000).
    expect(result.awards.map((a) => [a.seat, a.list])).toEqual([
      [8, 0],
      [9, 4],
      [10, 1],
    ]);
  });

  it("the same six parties by D'Hondt and Sainte-Laguë (Wikipedia's comparison table)", () => {
    expect(allocateSeats(rule('dhondt', 10), WIKIPEDIA_SIX_PARTIES).seats).toEqual([5, 2, 2, 1, 0, 0]);
    expect(allocateSeats(rule('sainte-lague', 10), WIKIPEDIA_SIX_PARTIES).seats).toEqual([4, 2, 2, 1, 1, 0]);
  });

  it('returns the averages table up to the first average that did not win', () => {
    const result = allocateSeats(rule('dhondt', 8), WIKIPEDIA_FOUR_PARTIES);
    if (result.steps.kind !== 'highest-averages') throw new Error('expected averages');
    expect(result.steps.divisors).toEqual([1n, 2n, 3n, 4n, 5n]);
    expect(result.steps.averages.map((row) => row?.map((f) => f.denominator))).toEqual([
      [1n, 2n, 3n, 4n, 5n],
      [1n, 2n, 3n, 4n],
      [1n, 2n],
      [1n],
    ]);
  });
});

describe('threshold: 100 × votes ≥ threshold × votes given to lists', () => {
  it('excludes a list below it and shares its seat among the others', () => {
    // D at 8.7 % of 230,000 is below 10 %: its Sainte-Laguë seat goes to A.
    const result = allocateSeats(rule('sainte-lague', 8, '10'), WIKIPEDIA_FOUR_PARTIES);
    expect(result.admitted).toEqual([true, true, true, false]);
    expect(result.seats).toEqual([4, 3, 1, 0]);
    if (result.steps.kind !== 'highest-averages') throw new Error('expected averages');
    expect(result.steps.averages[3]).toBeNull();
  });

  it('admits a list at exactly the threshold, not one vote below', () => {
    expect(allocateSeats(rule('dhondt', 20, '5'), big(95, 5)).admitted).toEqual([true, true]);
    expect(allocateSeats(rule('dhondt', 20, '5'), big(95, 5)).seats).toEqual([19, 1]);
    expect(allocateSeats(rule('dhondt', 20, '5'), big(96, 4)).seats).toEqual([20, 0]);
    // Decimal thresholds are exact: 3.5 % of 1000 is 35.
    expect(allocateSeats(rule('hare', 10, '3.5'), big(965, 35)).admitted).toEqual([true, true]);
    expect(allocateSeats(rule('hare', 10, '3.5'), big(966, 34)).admitted).toEqual([true, false]);
  });

  it('computes the Hare quota on the admitted lists only', () => {
    const result = allocateSeats(rule('hare', 4, '10'), big(500, 300, 150, 50));
    expect(result.steps).toMatchObject({ quota: { numerator: 950n, denominator: 4n } });
    expect(result.seats).toEqual([2, 1, 1, 0]);
  });
});

describe('ties for a seat', () => {
  it('equal averages: the list with more votes wins (Code électoral, L. 262)', () => {
    // A 200, B 100, 2 seats: seat 2 is A's 200/2 = 100 against B's 100/1 = 100.
    const result = allocateSeats(rule('dhondt', 2), big(200, 100));
    expect(result.seats).toEqual([2, 0]);
    expect(result.awards[1]).toMatchObject({ seat: 2, list: 0, byVotes: true });
    // Equal remainders: 3 / 2 / 1 for 3 seats (quota 2): A and C both keep 1 vote, A has more votes.
    const hare = allocateSeats(rule('hare', 3), big(3, 2, 1));
    expect(hare.seats).toEqual([2, 1, 0]);
    expect(hare.awards).toEqual([
      { seat: 3, list: 0, value: { numerator: 3n, denominator: 3n }, byVotes: true },
    ]);
  });

  it('equal averages and equal votes: the seat is undecided and names the tied lists', () => {
    const result = allocateSeats(rule('dhondt', 3), big(100, 100, 50));
    // Seats 1–2 go to A and B (two tied lists, two seats: no tie); seat 3 is A's or B's 50 (C's 50 has fewer votes).
    expect(result.seats).toEqual([1, 1, 0]);
    expect(result.undecided).toEqual({ seats: 1, lists: [0, 1] });
    const hare = allocateSeats(rule('hare', 3), big(50, 50));
    expect(hare.seats).toEqual([1, 1]);
    expect(hare.undecided).toEqual({ seats: 1, lists: [0, 1] });
    const three = allocateSeats(rule('sainte-lague', 2), big(10, 10, 10));
    expect(three.undecided).toEqual({ seats: 2, lists: [0, 1, 2] });
    expect(three.seats).toEqual([0, 0, 0]);
  });

  it('lists tied for as many seats as there are of them are not a tie', () => {
    expect(allocateSeats(rule('dhondt', 4), big(100, 100)).seats).toEqual([2, 2]);
    expect(allocateSeats(rule('hare', 2), big(7, 7)).undecided).toBeNull();
  });
});

describe('a list with more seats than candidates: the seat goes to the next list by the same method', () => {
  it("D'Hondt: A has 2 candidates; its third seat (33,333) goes to C's 30,000, and so on", () => {
    const result = allocateSeats(rule('dhondt', 8), WIKIPEDIA_FOUR_PARTIES, [2, 9, 9, 9]);
    expect(result.seats).toEqual([2, 4, 1, 1]);
    expect(result.exhausted).toEqual([{ list: 0, atSeat: 5 }]);
    expect(result.vacant).toBe(0);
  });

  it('Hare: a list capped at the quota stage, and seats left vacant when every list is full', () => {
    const capped = allocateSeats(rule('hare', 10), WIKIPEDIA_SIX_PARTIES, [3, 9, 9, 9, 9, 9]);
    expect(capped.seats).toEqual([3, 2, 2, 1, 1, 1]);
    expect(capped.exhausted).toContainEqual({ list: 0, atSeat: null });
    const full = allocateSeats(rule('hare', 10), WIKIPEDIA_SIX_PARTIES, [1, 1, 1, 1, 1, 1]);
    expect(full.seats).toEqual([1, 1, 1, 1, 1, 1]);
    expect(full.vacant).toBe(4);
    // Remainders go round again when seats are still left: the Pinks take the four seats.
    const round = allocateSeats(rule('hare', 10), WIKIPEDIA_SIX_PARTIES, [1, 1, 1, 1, 1, 9]);
    expect(round.seats).toEqual([1, 1, 1, 1, 1, 5]);
  });

  it('names the elected of lists with their candidates, in list order', () => {
    const lists: CandidateList[] = [
      { name: 'Ensemble', candidates: [{ name: 'Ada' }, { name: 'Blaise' }] },
      { name: 'Demain', candidates: ['Chloé', 'David', 'Emma', 'Farid', 'Gaëlle'].map((name) => ({ name })) },
      { name: 'Solidaires', candidates: [{ name: 'Hugo' }] },
      { name: 'Verts', candidates: [{ name: 'Inès' }] },
    ];
    const result = allocateListSeats(rule('dhondt', 8), lists, WIKIPEDIA_FOUR_PARTIES);
    expect(electedCandidates(lists, result.seats).map((elected) => elected.map((c) => c.name))).toEqual([
      ['Ada', 'Blaise'],
      ['Chloé', 'David', 'Emma', 'Farid'],
      ['Hugo'],
      ['Inès'],
    ]);
    expect(() => electedCandidates(lists, [3, 0, 0, 0])).toThrow(/list 1 \(Ensemble\) has 2 candidates/);
  });
});

describe('no votes, and totals beyond 2^53', () => {
  it('leaves every seat vacant without votes, and never seats a list without votes', () => {
    for (const method of ['dhondt', 'sainte-lague', 'hare'] as const) {
      const result = allocateSeats(rule(method, 3), big(0, 0));
      expect(result).toMatchObject({ seats: [0, 0], vacant: 3, undecided: null });
    }
    expect(allocateSeats(rule('dhondt', 3), big(5, 0)).seats).toEqual([3, 0]);
  });

  it('decides what floating point cannot see: 2^53 + 1 against 2^53', () => {
    const two53 = 2n ** 53n;
    expect(Number(two53 + 1n)).toBe(Number(two53)); // the floats tie…
    for (const method of ['dhondt', 'sainte-lague', 'hare'] as const)
      expect(allocateSeats(rule(method, 1), [two53 + 1n, two53]).seats).toEqual([1, 0]);
  });

  it('gives the textbook seats for totals scaled beyond 2^53 (weights up to 10^9 per voter)', () => {
    const scale = 10n ** 12n + 7n;
    for (const [method, seats, expected] of [
      ['dhondt', 8, [4, 3, 1, 0]],
      ['sainte-lague', 8, [3, 3, 1, 1]],
    ] as const)
      expect(
        allocateSeats(
          rule(method, seats),
          WIKIPEDIA_FOUR_PARTIES.map((v) => v * scale),
        ).seats,
      ).toEqual(expected);
    expect(
      allocateSeats(
        rule('hare', 10),
        WIKIPEDIA_SIX_PARTIES.map((v) => v * scale),
      ).seats,
    ).toEqual([5, 2, 1, 1, 1, 0]);
    // A threshold on such totals: exactly 5 % of 2^60 + 20 admitted, one vote less not.
    const total = 2n ** 60n * 20n;
    expect(allocateSeats(rule('dhondt', 3, '5'), [total - 2n ** 60n, 2n ** 60n]).admitted).toEqual([
      true,
      true,
    ]);
    expect(allocateSeats(rule('dhondt', 3, '5'), [total - 2n ** 60n + 1n, 2n ** 60n - 1n]).admitted).toEqual([
      true,
      false,
    ]);
  });

  it('refuses rules and votes it cannot apply', () => {
    expect(() => allocateSeats(rule('dhondt', 0), big(1))).toThrow(/seats/);
    expect(() => allocateSeats({ method: 'dhondt', seats: 1, threshold: NO_THRESHOLD }, big(-1))).toThrow(
      /negative/,
    );
    expect(() =>
      allocateSeats({ ...rule('hare', 1), threshold: { numerator: 2n, denominator: 1n } }, big(1)),
    ).toThrow(/threshold/);
  });
});

describe('parity at entry', () => {
  const list = (name: string, genders: string): CandidateList => ({
    name,
    candidates: [...genders].map((g, i) => ({
      name: `${name} ${i + 1}`,
      ...(g === '?' ? {} : { gender: g as 'F' | 'M' }),
    })),
  });

  it('alternating: each candidate of the other gender than the one before', () => {
    expect(parityRefusals('alternating', [list('A', 'FMFM'), list('B', 'MFMFM')])).toEqual([]);
    const refusals = parityRefusals('alternating', [list('A', 'FMFM'), list('B', 'MFFM')]);
    expect(refusals).toEqual([{ list: 1, listName: 'B', position: 3, reason: 'same-as-previous' }]);
    expect(describeParityRefusal(refusals[0]!)).toBe(
      'list 2 (B): candidate 3 has the same gender as the one before (the list must alternate)',
    );
  });

  it('balanced: at most one of difference among the first candidates, at every position', () => {
    expect(parityRefusals('balanced', [list('A', 'FMMFFM'), list('B', 'MFFMM')])).toEqual([]);
    expect(parityRefusals('balanced', [list('C', 'FMMMF')])).toEqual([
      { list: 0, listName: 'C', position: 4, reason: 'unbalanced' },
    ]);
    expect(parityRefusals('balanced', [list('D', 'FF')])[0]).toMatchObject({ position: 2 });
  });

  it('needs every gender when parity is required', () => {
    expect(parityRefusals('balanced', [list('E', 'FM?')])).toEqual([
      { list: 0, listName: 'E', position: 3, reason: 'gender-missing' },
    ]);
  });
});
