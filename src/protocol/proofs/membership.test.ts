/**
 * The Jacobi-symbol membership test agrees with x^q = 1 (the check Belenios makes) in the safe-prime
 * group RFC-3526-2048, on members, non-members and the edges; other groups keep x^q = 1.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { requireGroup } from '../../core/group.js';
import { jacobi, membershipTest } from './membership.js';

describe('membershipTest', () => {
  const group = requireGroup('RFC-3526-2048');
  const isMember = membershipTest(group);

  it('computes small Jacobi symbols as the tables give them', () => {
    // (a/7) for a = 0..6: 0, 1, 1, −1, 1, −1, −1; (2/15) = 1, (7/15) = −1.
    expect([0n, 1n, 2n, 3n, 4n, 5n, 6n].map((a) => jacobi(a, 7n))).toEqual([0, 1, 1, -1, 1, -1, -1]);
    expect(jacobi(2n, 15n)).toBe(1);
    expect(jacobi(7n, 15n)).toBe(-1);
  });

  it('agrees with x^q = 1 on random members and non-members of RFC-3526-2048', () => {
    fc.assert(
      fc.property(fc.bigInt({ min: 1n, max: group.p - 1n }), (x) => {
        expect(isMember(x)).toBe(group.isMember(x));
        expect(isMember(group.mul(x, x))).toBe(true);
        expect(isMember(group.p - group.mul(x, x))).toBe(false); // −1 is a non-residue (p ≡ 3 mod 4)
      }),
      { numRuns: 20 },
    );
  });

  it('refuses 0, p and beyond', () => {
    for (const x of [0n, group.p, group.p + 1n, -1n]) expect(isMember(x)).toBe(false);
  });

  it('keeps x^q = 1 where p is not a safe prime (BELENIOS-2048)', () => {
    const other = requireGroup('BELENIOS-2048');
    const test = membershipTest(other);
    expect(test(other.g)).toBe(true);
    expect(test(2n)).toBe(other.isMember(2n));
  });
});
