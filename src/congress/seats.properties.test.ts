/**
 * Properties of the seat allocation on random votes (fixed seed, so the same cases on every run):
 * every seat is given when nothing ties, D'Hondt never gives fewer seats for more votes, the seats
 * of the divisor methods are those of the highest averages (checked apart from the algorithm), the
 * threshold excludes exactly the lists below it, Hare stays within quota, scaling every total by a
 * voter weight (up to 10^9) changes nothing.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { PROPERTY_SEED } from '../../test/properties/mutations.js';
import { allocateSeats, SEAT_METHODS, type SeatMethod, type SeatRule } from './seats.js';

const RUNS = { seed: PROPERTY_SEED, numRuns: 300 };

const votesArb = fc.array(
  fc.oneof(
    { weight: 4, arbitrary: fc.bigInt({ min: 0n, max: 1000n }) },
    { weight: 1, arbitrary: fc.bigInt({ min: 0n, max: 2n ** 70n }) },
  ),
  { minLength: 1, maxLength: 6 },
);
const methodArb = fc.constantFrom<SeatMethod>(...SEAT_METHODS);
const ruleArb = fc
  .record({
    method: methodArb,
    seats: fc.integer({ min: 1, max: 25 }),
    percent: fc.integer({ min: 0, max: 30 }),
  })
  .map(
    ({ method, seats, percent }): SeatRule => ({
      method,
      seats,
      threshold: { numerator: BigInt(percent), denominator: 100n },
    }),
  );

describe('seat allocation properties', () => {
  it('gives exactly N seats when no seat is undecided and some admitted list has votes', () => {
    fc.assert(
      fc.property(ruleArb, votesArb, (rule, votes) => {
        const result = allocateSeats(rule, votes);
        const given = result.seats.reduce((a, b) => a + b, 0);
        if (result.undecided) expect(given + result.undecided.seats).toBe(rule.seats);
        else if (votes.some((v, i) => v > 0n && result.admitted[i])) expect(given).toBe(rule.seats);
        else expect(result.vacant).toBe(rule.seats);
      }),
      RUNS,
    );
  });

  it("D'Hondt is monotonic: more votes for a list never give it fewer seats", () => {
    fc.assert(
      fc.property(
        ruleArb.map((rule) => ({ ...rule, method: 'dhondt' as const })),
        votesArb,
        fc.nat(),
        fc.bigInt({ min: 1n, max: 10n ** 6n }),
        (rule, votes, pick, more) => {
          const list = pick % votes.length;
          const before = allocateSeats(rule, votes);
          const after = allocateSeats(
            rule,
            votes.map((v, i) => (i === list ? v + more : v)),
          );
          if (before.undecided || after.undecided) return;
          expect(after.seats[list]!).toBeGreaterThanOrEqual(before.seats[list]!);
        },
      ),
      RUNS,
    );
  });

  it('highest averages: every average that won is at least every average that did not', () => {
    fc.assert(
      fc.property(
        ruleArb.filter((rule) => rule.method !== 'hare'),
        votesArb,
        (rule, votes) => {
          const result = allocateSeats(rule, votes);
          if (result.undecided || result.vacant > 0) return;
          // Divisor of the k-th seat (k from 0): k + 1 or 2k + 1; a list's last winning average and its next one.
          const divisor = (k: number) => BigInt(rule.method === 'dhondt' ? k + 1 : 2 * k + 1);
          const contenders = votes.flatMap((v, i) => (v > 0n && result.admitted[i] ? [i] : []));
          for (const winner of contenders.filter((i) => result.seats[i]! > 0))
            for (const loser of contenders) {
              const won = { numerator: votes[winner]!, denominator: divisor(result.seats[winner]! - 1) };
              const lost = { numerator: votes[loser]!, denominator: divisor(result.seats[loser]!) };
              expect(won.numerator * lost.denominator >= lost.numerator * won.denominator).toBe(true);
            }
        },
      ),
      RUNS,
    );
  });

  it('admits exactly the lists with 100 × votes ≥ threshold × total, and seats no other', () => {
    fc.assert(
      fc.property(ruleArb, votesArb, (rule, votes) => {
        const result = allocateSeats(rule, votes);
        const total = votes.reduce((a, b) => a + b, 0n);
        const percent = rule.threshold.numerator; // the threshold in %, denominator 100
        votes.forEach((v, i) => {
          expect(result.admitted[i]).toBe(100n * v >= percent * total);
          if (!result.admitted[i]) expect(result.seats[i]).toBe(0);
        });
      }),
      RUNS,
    );
  });

  it('Hare gives each list the floor or the ceiling of its quotas when nothing ties', () => {
    fc.assert(
      fc.property(
        ruleArb.map((rule) => ({ ...rule, method: 'hare' as const })),
        votesArb,
        (rule, votes) => {
          const result = allocateSeats(rule, votes);
          if (result.undecided) return;
          const admittedTotal = votes.reduce((sum, v, i) => (result.admitted[i] ? sum + v : sum), 0n);
          if (admittedTotal === 0n) return;
          votes.forEach((v, i) => {
            if (!result.admitted[i]) return;
            const floor = (v * BigInt(rule.seats)) / admittedTotal;
            const seats = BigInt(result.seats[i]!);
            expect(seats === floor || seats === floor + 1n).toBe(true);
          });
        },
      ),
      RUNS,
    );
  });

  it('gives the same seats when every total is multiplied by a voter weight up to 10^9', () => {
    fc.assert(
      fc.property(ruleArb, votesArb, fc.bigInt({ min: 1n, max: 10n ** 9n }), (rule, votes, weight) => {
        const plain = allocateSeats(rule, votes);
        const scaled = allocateSeats(
          rule,
          votes.map((v) => v * weight),
        );
        expect(scaled.seats).toEqual(plain.seats);
        expect(scaled.undecided).toEqual(plain.undecided);
      }),
      RUNS,
    );
  });
});
