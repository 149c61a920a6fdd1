import fc from 'fast-check';
import { afterEach, describe, expect, it } from 'vitest';
import { getModExpEngine, portableEngine, setModExpEngine } from '../core/arithmetic.js';
import { Group } from '../core/group.js';
import { BELENIOS_2048, RFC_3526_2048 } from '../core/group-parameters.js';
import { DiffieHellmanEngine, installNodeEngine, nodeEngine } from './modexp-engine.js';

// No warm-up: every call below must reach OpenSSL.
const engine = new DiffieHellmanEngine(0);
const portable = (b: bigint, e: bigint, m: bigint) => portableEngine.powMod(b, e, m);

describe('DiffieHellmanEngine in the Belenios 2.0 groups (spec §5)', () => {
  for (const group of [BELENIOS_2048, RFC_3526_2048]) {
    describe(group.name, () => {
      const { p, q, g } = group;

      it('g^q = 1 and g^(q+1) = g', () => {
        expect(engine.powMod(g, q, p)).toBe(1n);
        expect(engine.powMod(g, q + 1n, p)).toBe(g);
      });

      it('agrees with the portable engine on random bases and exponents below q', () => {
        fc.assert(
          fc.property(fc.bigInt(0n, p - 1n), fc.bigInt(0n, q - 1n), (base, exponent) => {
            expect(engine.powMod(base, exponent, p)).toBe(portable(base, exponent, p));
          }),
          { numRuns: 40 },
        );
      });

      it('agrees with the portable engine on exponents longer than the modulus and bases outside [0, p)', () => {
        fc.assert(
          fc.property(fc.bigInt(-(p * p), p * p), fc.bigInt(p, (1n << 4096n) - 1n), (base, exponent) => {
            expect(engine.powMod(base, exponent, p)).toBe(portable(base, exponent, p));
          }),
          { numRuns: 15 },
        );
      });

      it('returns results with leading zero bytes intact', () => {
        // Results far below p (3^5, 2^2000) come back from OpenSSL left-padded with zero bytes.
        expect(engine.powMod(3n, 5n, p)).toBe(243n);
        expect(engine.powMod(2n, 2000n, p)).toBe(1n << 2000n);
      });

      it('computes results OpenSSL refuses to return (1 and p-1): x^q for members', () => {
        fc.assert(
          fc.property(fc.bigInt(1n, q - 1n), (k) => {
            const x = portable(g, k, p);
            expect(engine.powMod(x, q, p)).toBe(1n);
            expect(engine.powMod(x, 2n * q, p)).toBe(1n);
            expect(engine.powMod(x, q + 1n, p)).toBe(x);
            expect(engine.powMod(p - x, q, p)).toBe(portable(p - x, q, p));
          }),
          { numRuns: 10 },
        );
      });

      it('answers the inputs Diffie-Hellman refuses (base 0, 1, p-1, p; exponent 0, 1)', () => {
        const cases: [bigint, bigint][] = [
          [0n, 0n],
          [0n, 5n],
          [1n, 0n],
          [1n, q],
          [p - 1n, 0n],
          [p - 1n, 1n],
          [p - 1n, 2n],
          [p - 1n, q],
          [p, 7n],
          [p + 1n, 7n],
          [-1n, 3n],
          [g, 0n],
          [g, 1n],
          [2n, p - 1n],
          [p - 2n, 3n],
          [p - 2n, q], // -1 in RFC-3526-2048 (-1 is not a square there)
          [p - 2n, 2n * q],
          [p - 2n, q + 1n],
        ];
        for (const [base, exponent] of cases) {
          expect(engine.powMod(base, exponent, p), `${base} ^ ${exponent}`).toBe(portable(base, exponent, p));
        }
      });
    });
  }
});

describe('DiffieHellmanEngine outside what OpenSSL computes', () => {
  it('rejects a negative exponent like the portable engine', () => {
    expect(() => engine.powMod(2n, -1n, BELENIOS_2048.p)).toThrow(RangeError);
  });

  it('computes small, huge and even moduli with BigInt (OpenSSL would return zeros)', () => {
    const moduli = [
      1n,
      3n,
      1_000_003n,
      (1n << 510n) + 1n, // 511 bits: below OpenSSL's minimum
      (1n << 511n) + 1n, // 512 bits: the smallest OpenSSL computes
      (1n << 10_000n) + 1n, // 10 001 bits: above OpenSSL's maximum
      BELENIOS_2048.p * 2n, // even
    ];
    expect(moduli.map((m) => DiffieHellmanEngine.accepts(m))).toEqual([
      false,
      false,
      false,
      false,
      true,
      false,
      false,
    ]);
    for (const m of moduli) {
      expect(engine.powMod(3n, 12_345n, m), `modulus of ${m.toString(2).length} bits`).toBe(
        portable(3n, 12_345n, m),
      );
    }
  });

  it('computes odd composite moduli correctly', () => {
    const m = BELENIOS_2048.p * RFC_3526_2048.p;
    fc.assert(
      fc.property(fc.bigInt(2n, m - 2n), fc.bigInt(2n, 1n << 300n), (base, exponent) => {
        expect(engine.powMod(base, exponent, m)).toBe(portable(base, exponent, m));
      }),
      { numRuns: 5 },
    );
  });

  it('computes a result of 0 (a composite modulus dividing a power of the base)', () => {
    const m = BELENIOS_2048.p ** 2n;
    expect(engine.powMod(BELENIOS_2048.p, 2n, m)).toBe(0n);
    expect(engine.powMod(BELENIOS_2048.p, 3n, m)).toBe(0n);
  });
});

describe('installNodeEngine', () => {
  const previous = getModExpEngine();
  afterEach(() => setModExpEngine(previous));

  it('routes the group operations of the core through OpenSSL', () => {
    installNodeEngine();
    expect(getModExpEngine()).toBe(nodeEngine);
    const group = new Group(BELENIOS_2048);
    const x = portable(BELENIOS_2048.g, 123_456_789n, BELENIOS_2048.p);
    expect(group.isMember(x)).toBe(true);
    expect(group.isMember(x + 1n)).toBe(false);
    expect(group.pow(x, 987_654_321n)).toBe(portable(x, 987_654_321n, BELENIOS_2048.p));
  });
});
