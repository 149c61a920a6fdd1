/**
 * A Schnorr group (the order-q subgroup of Z_p^*) with the operations the protocol needs: membership
 * checks for every input element (spec §4: elements of G), products, quotients and exponentiations.
 * Exponentiations to g and to registered keys (election key y, trustee keys) use fixed-base tables;
 * all others go through the platform's ModExpEngine.
 */
import { powMod } from './arithmetic.js';
import { bitLength, invMod, mod } from './bigint.js';
import { FixedBase } from './fixed-base.js';
import { BELENIOS_2048, type Embedding, type GroupParameters, RFC_3526_2048 } from './group-parameters.js';
import { jacobi } from './jacobi.js';
import { randomBelow } from './random.js';

/** Each table is 0.2–3 MB; a few dozen live elections per process is plenty. */
const MAX_FIXED_BASES = 32;

export class Group {
  readonly name: GroupParameters['name'];
  readonly p: bigint;
  readonly q: bigint;
  readonly g: bigint;
  readonly embedding: Embedding | undefined;
  private readonly fixedBases = new Map<bigint, FixedBase>();
  private readonly gInversePowers = new Map<number, bigint>();
  /** p = 2q + 1: members are the quadratic residues (see ./jacobi.ts). */
  private readonly safePrime: boolean;

  constructor(parameters: GroupParameters) {
    this.name = parameters.name;
    this.p = parameters.p;
    this.q = parameters.q;
    this.g = parameters.g;
    this.embedding = parameters.embedding;
    this.safePrime = this.p === 2n * this.q + 1n;
    this.precompute(this.g);
  }

  /**
   * Builds (once) a fixed-base table for a base that will be raised many times. A long-running
   * server sees many election keys: beyond MAX_FIXED_BASES the oldest table (never g's) is dropped.
   */
  precompute(base: bigint): void {
    if (this.fixedBases.has(base)) return;
    if (this.fixedBases.size >= MAX_FIXED_BASES) {
      const oldest = [...this.fixedBases.keys()].find((key) => key !== this.g);
      if (oldest !== undefined) this.fixedBases.delete(oldest);
    }
    const bits = bitLength(this.q);
    // 8-bit windows cost ~2 MB for a 256-bit q; a 2047-bit q gets 5-bit windows (~3 MB).
    this.fixedBases.set(base, new FixedBase(base, this.p, bits, bits <= 256 ? 8 : 5));
  }

  /**
   * x ∈ G: 0 < x < p and x^q = 1 (the check Belenios makes on every element it reads); in a
   * safe-prime group the equivalent, much cheaper Jacobi symbol (x/p) = 1.
   */
  isMember(x: bigint): boolean {
    if (x <= 0n || x >= this.p) return false;
    return this.safePrime ? jacobi(x, this.p) === 1 : this.hasOrderDividingQ(x);
  }

  /** x^q = 1, the definition itself (kept for groups whose p is not a safe prime, and for tests). */
  hasOrderDividingQ(x: bigint): boolean {
    return powMod(x, this.q, this.p) === 1n;
  }

  isExponent(x: bigint): boolean {
    return x >= 0n && x < this.q;
  }

  mul(a: bigint, b: bigint): bigint {
    return (a * b) % this.p;
  }

  inv(a: bigint): bigint {
    return invMod(a, this.p);
  }

  div(a: bigint, b: bigint): bigint {
    return (a * this.inv(b)) % this.p;
  }

  /** base^exponent for base ∈ G (so the exponent may be reduced mod q). */
  pow(base: bigint, exponent: bigint): bigint {
    const e = mod(exponent, this.q);
    const fixed = this.fixedBases.get(base);
    return fixed ? fixed.pow(e) : powMod(base, e, this.p);
  }

  gPow(exponent: bigint): bigint {
    return this.pow(this.g, exponent);
  }

  /** g^(-m) for a small m, cached: turns β/g^m into one multiplication. */
  gInversePow(m: number): bigint {
    let value = this.gInversePowers.get(m);
    if (value === undefined) {
      value = this.gPow(-BigInt(m));
      this.gInversePowers.set(m, value);
    }
    return value;
  }

  randomExponent(): bigint {
    return randomBelow(this.q);
  }
}

const groups = new Map<string, Group>();

/** Groups are built lazily (the g table costs a few tens of ms) and shared. */
export function groupByName(name: string): Group | undefined {
  const existing = groups.get(name);
  if (existing) return existing;
  const parameters = [BELENIOS_2048, RFC_3526_2048].find((candidate) => candidate.name === name);
  if (!parameters) return undefined;
  const group = new Group(parameters);
  groups.set(name, group);
  return group;
}

export function requireGroup(name: string): Group {
  const group = groupByName(name);
  if (!group) throw new Error(`unknown group: ${name} (Belenios 2.0 knows BELENIOS-2048 and RFC-3526-2048)`);
  return group;
}
