/**
 * Group membership by the Jacobi symbol agrees with x^q = 1 (the check Belenios makes) in the
 * safe-prime group RFC-3526-2048, on members, non-members and the edges; BELENIOS-2048 keeps x^q = 1.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { requireGroup } from './group.js';
import { jacobi } from './jacobi.js';

describe('jacobi', () => {
  it('computes small Jacobi symbols as the tables give them', () => {
    // (a/7) for a = 0..6: 0, 1, 1, −1, 1, −1, −1; (2/15) = 1, (7/15) = −1; (5/15) = 0.
    expect([0n, 1n, 2n, 3n, 4n, 5n, 6n].map((a) => jacobi(a, 7n))).toEqual([0, 1, 1, -1, 1, -1, -1]);
    expect(jacobi(2n, 15n)).toBe(1);
    expect(jacobi(7n, 15n)).toBe(-1);
    expect(jacobi(5n, 15n)).toBe(0);
    expect(() => jacobi(3n, 8n)).toThrow(RangeError);
  });
});

describe('Group.isMember', () => {
  const group = requireGroup('RFC-3526-2048');

  it('agrees with x^q = 1 on random members and non-members of RFC-3526-2048', () => {
    fc.assert(
      fc.property(fc.bigInt({ min: 1n, max: group.p - 1n }), (x) => {
        expect(group.isMember(x)).toBe(group.hasOrderDividingQ(x));
        expect(group.isMember(group.mul(x, x))).toBe(true);
        // −1 is a non-residue (p ≡ 3 mod 4), so −x² is not a member.
        expect(group.isMember(group.p - group.mul(x, x))).toBe(false);
        expect(group.hasOrderDividingQ(group.p - group.mul(x, x))).toBe(false);
      }),
      { numRuns: 20 },
    );
  });

  it('refuses 0, p and beyond in both groups', () => {
    for (const name of ['RFC-3526-2048', 'BELENIOS-2048']) {
      const g = requireGroup(name);
      for (const x of [0n, g.p, g.p + 1n, -1n]) expect(g.isMember(x)).toBe(false);
    }
  });

  it('keeps x^q = 1 where p is not a safe prime (BELENIOS-2048)', () => {
    const other = requireGroup('BELENIOS-2048');
    expect(other.isMember(other.g)).toBe(true);
    expect(other.isMember(2n)).toBe(other.hasOrderDividingQ(2n));
    expect(other.isMember(other.p - 1n)).toBe(other.hasOrderDividingQ(other.p - 1n));
  });
});
