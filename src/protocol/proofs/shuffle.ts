/**
 * Verifiable shuffle of ElGamal ciphertexts (Belenios 2.0 spec §6, taken from CHVote 1.3.2):
 * GenShuffle re-encrypts and permutes, GenShuffleProof proves it (commitment to the permutation,
 * commitment chain, Fiat–Shamir challenges `shuffle-challenges|φ|…` and `shuffle-challenge|φ|…`),
 * CheckShuffleProof checks it. Independent generators are h_i = SHA256(ggen|i)^((p−1)/q), i = −1 for
 * the secondary generator. Each loop is written so its terms are independent: the proof is the
 * same whichever order (or worker) computes them.
 */
import { powMod } from '../../core/arithmetic.js';
import { bytesToBigInt, mod } from '../../core/bigint.js';
import type { Group } from '../../core/group.js';
import { hashToZq, sha256, sha256Hex } from '../../core/hash.js';
import { randomBelow } from '../../core/random.js';
import type { Ciphertext, ShuffleProof } from '../messages.js';
import { GGEN, SHUFFLE_CHALLENGE, SHUFFLE_CHALLENGES } from './domains.js';

/** Table 8, GetGenerator(i): SHA256(ggen|i) raised to the cofactor (p−1)/q. */
function generator(group: Group, i: number): bigint {
  const x = bytesToBigInt(sha256(`${GGEN}|${i}`));
  // Not group.pow: x is not yet in G, so the exponent must not be reduced mod q.
  const h = powMod(x, (group.p - 1n) / group.q, group.p);
  if (h === 0n || h === 1n || h === group.g) throw new Error(`generator #${i} is degenerate`);
  return h;
}

/** The generators are the same for every shuffle of a group: computed once (up to the largest N seen). */
const generatorCache = new WeakMap<Group, { h: bigint; hs: bigint[]; seen: Set<bigint> }>();

/** Tables 6–7: the secondary generator h = GetGenerator(−1) and h_0..h_{N−1}, all distinct. */
export function shuffleGenerators(group: Group, n: number): { h: bigint; hs: bigint[] } {
  let cached = generatorCache.get(group);
  if (!cached) {
    const h = generator(group, -1);
    cached = { h, hs: [], seen: new Set([h]) };
    generatorCache.set(group, cached);
  }
  while (cached.hs.length < n) {
    const i = cached.hs.length;
    const hi = generator(group, i);
    if (cached.seen.has(hi)) throw new Error(`generator #${i} collides with an earlier one`);
    cached.seen.add(hi);
    cached.hs.push(hi);
  }
  return { h: cached.h, hs: cached.hs.slice(0, n) };
}

/** Table 10: ⟦e⟧ = "α1,β1,α2,β2,…," and ⟦c⟧ = "c1,c2,…," (base 10, each followed by a comma). */
export const ciphertextsString = (e: readonly Ciphertext[]) => e.map((c) => `${c.alpha},${c.beta},`).join('');
export const elementsString = (c: readonly bigint[]) => c.map((x) => `${x},`).join('');

/** Table 11: u_i = SHA256(H ‖ SHA256(i)) mod q with H = SHA256(S), hashes written in lowercase hex. */
export function nizkpChallenges(group: Group, n: number, text: string): bigint[] {
  const H = sha256Hex(text);
  return Array.from({ length: n }, (_, i) => bytesToBigInt(sha256(H + sha256Hex(String(i)))) % group.q);
}

/** Table 2: a uniformly random permutation ψ of 0..N−1 (Fisher–Yates as CHVote writes it). */
export function randomPermutation(n: number): number[] {
  const pool = Array.from({ length: n }, (_, i) => i);
  const psi = new Array<number>(n);
  for (let i = 0; i < n; i++) {
    const k = i + Number(randomBelow(BigInt(n - i)));
    psi[i] = pool[k]!;
    pool[k] = pool[i]!;
  }
  return psi;
}

export interface GeneratedShuffle {
  /** e′_i = ReEnc(e_ψ(i), r′_ψ(i)). */
  readonly output: Ciphertext[];
  /** r′, indexed like the input. */
  readonly randomness: bigint[];
  readonly permutation: number[];
}

/**
 * Called once per ciphertext in each pass over them, for a progress bar: GenShuffle makes one pass,
 * GenShuffleProof SHUFFLE_PROOF_PASSES more.
 */
export type ShuffleTick = () => void;
export const SHUFFLE_PROOF_PASSES = 6;

/** Table 1, GenShuffle(e, y): re-encrypt every ciphertext with fresh randomness, then permute. */
export function genShuffle(
  group: Group,
  y: bigint,
  input: readonly Ciphertext[],
  tick?: ShuffleTick,
): GeneratedShuffle {
  const permutation = randomPermutation(input.length);
  const randomness = input.map(() => group.randomExponent());
  const reencrypted = input.map((c, i) => {
    tick?.();
    return {
      alpha: group.mul(c.alpha, group.gPow(randomness[i]!)),
      beta: group.mul(c.beta, group.pow(y, randomness[i]!)),
    };
  });
  return { output: permutation.map((j) => reencrypted[j]!), randomness, permutation };
}

const product = (group: Group, values: readonly bigint[], start = 1n) =>
  values.reduce((acc, v) => group.mul(acc, v), start);

/** The challenge c of Table 4 steps 14–16 (and Table 5 steps 8–10). */
function mainChallenge(
  group: Group,
  fingerprint: string,
  strc: string,
  t: ShuffleProof[0],
  cHat: readonly bigint[],
  y: bigint,
): bigint {
  const [t1, t2, t3, [t41, t42], tHat] = t;
  const strt = elementsString([t1, t2, t3, t41, t42]) + elementsString(tHat);
  const stry = strc + elementsString(cHat) + y.toString();
  return hashToZq(`${SHUFFLE_CHALLENGE}|${fingerprint}|${strt}${stry}`, group.q);
}

/** Table 4, GenShuffleProof(e, e′, r′, ψ, y, φ). */
export function genShuffleProof(
  group: Group,
  fingerprint: string,
  y: bigint,
  input: readonly Ciphertext[],
  shuffled: GeneratedShuffle,
  tick?: ShuffleTick,
): ShuffleProof {
  const { output, randomness, permutation: psi } = shuffled;
  const n = input.length;
  if (output.length !== n || randomness.length !== n || psi.length !== n)
    throw new RangeError('shuffle: input, output, randomness and permutation differ in length');
  const { q } = group;
  const { h, hs } = shuffleGenerators(group, n);
  // Table 9: c_ψ(i) = g^r_ψ(i) · h_i.
  const r = new Array<bigint>(n);
  const c = new Array<bigint>(n);
  psi.forEach((j, i) => {
    tick?.();
    r[j] = group.randomExponent();
    c[j] = group.mul(group.gPow(r[j]!), hs[i]!);
  });
  const strc = ciphertextsString(input) + ciphertextsString(output) + elementsString(c);
  const u = nizkpChallenges(group, n, `${SHUFFLE_CHALLENGES}|${fingerprint}|${strc}`);
  const uPrime = psi.map((j) => u[j]!);
  // Table 12: ĉ_i = g^r̂_i · ĉ_{i−1}^u′_i, ĉ_0 = h (sequential by nature).
  const rHat = uPrime.map(() => group.randomExponent());
  const cHat = new Array<bigint>(n);
  for (let i = 0; i < n; i++) {
    tick?.();
    cHat[i] = group.mul(group.gPow(rHat[i]!), group.pow(i === 0 ? h : cHat[i - 1]!, uPrime[i]!));
  }
  const [w1, w2, w3, w4] = [0, 0, 0, 0].map(() => group.randomExponent()) as [bigint, bigint, bigint, bigint];
  const wHat = uPrime.map(() => group.randomExponent());
  const wPrime = uPrime.map(() => group.randomExponent());
  const t1 = group.gPow(w1);
  const t2 = group.gPow(w2);
  const t3 = product(
    group,
    hs.map((hi, i) => {
      tick?.();
      return group.pow(hi, wPrime[i]!);
    }),
    group.gPow(w3),
  );
  const t41 = product(
    group,
    output.map((e, i) => {
      tick?.();
      return group.pow(e.beta, wPrime[i]!);
    }),
    group.pow(y, -w4),
  );
  const t42 = product(
    group,
    output.map((e, i) => {
      tick?.();
      return group.pow(e.alpha, wPrime[i]!);
    }),
    group.gPow(-w4),
  );
  const tHat = wHat.map((wh, i) => {
    tick?.();
    return group.mul(group.gPow(wh), group.pow(i === 0 ? h : cHat[i - 1]!, wPrime[i]!));
  });
  const t: ShuffleProof[0] = [t1, t2, t3, [t41, t42], tHat];
  const challenge = mainChallenge(group, fingerprint, strc, t, cHat, y);
  const rBar = r.reduce((a, b) => a + b, 0n);
  // v_N = 1, v_i = u′_{i+1} v_{i+1}.
  const v = new Array<bigint>(n);
  for (let i = n - 1; i >= 0; i--) v[i] = i === n - 1 ? 1n : (uPrime[i + 1]! * v[i + 1]!) % q;
  const rHatSum = rHat.reduce((acc, x, i) => acc + x * v[i]!, 0n);
  const rTilde = r.reduce((acc, x, i) => acc + x * u[i]!, 0n);
  const rPrime = randomness.reduce((acc, x, i) => acc + x * u[i]!, 0n);
  const s: ShuffleProof[1] = [
    mod(w1 + challenge * rBar, q),
    mod(w2 + challenge * rHatSum, q),
    mod(w3 + challenge * rTilde, q),
    mod(w4 + challenge * rPrime, q),
    wHat.map((wh, i) => mod(wh + challenge * rHat[i]!, q)),
    wPrime.map((wp, i) => mod(wp + challenge * uPrime[i]!, q)),
  ];
  return [t, s, c, cHat];
}

/** Why a shuffle proof does not hold. */
export type ShuffleProofRejection = 'malformed' | 'not-in-group' | 'invalid-proof';

/**
 * Table 5, CheckShuffleProof(π, e, e′, y, φ). The input ciphertexts are trusted to be group
 * elements (they were checked before: ballots or the previous shuffle's output); the output
 * ciphertexts and the commitments c, ĉ are checked here. The t values need no membership check:
 * each is compared with a product of checked elements.
 */
export function checkShuffleProof(
  group: Group,
  fingerprint: string,
  y: bigint,
  input: readonly Ciphertext[],
  output: readonly Ciphertext[],
  proof: ShuffleProof,
): { reason: ShuffleProofRejection; problem: string } | undefined {
  const n = input.length;
  const [t, s, c, cHat] = proof;
  const [t1, t2, t3, [t41, t42], tHat] = t;
  const [s1, s2, s3, s4, sHat, sPrime] = s;
  if (output.length !== n)
    return { reason: 'malformed', problem: `${output.length} ciphertexts out, ${n} in` };
  if (c.length !== n || cHat.length !== n || tHat.length !== n || sHat.length !== n || sPrime.length !== n)
    return { reason: 'malformed', problem: `proof does not have ${n} commitments and responses` };
  if (![s1, s2, s3, s4, ...sHat, ...sPrime].every((x) => group.isExponent(x)))
    return { reason: 'malformed', problem: 'a response is not in Z_q' };
  const isMember = (x: bigint) => group.isMember(x);
  if (!output.every((e) => isMember(e.alpha) && isMember(e.beta)))
    return { reason: 'not-in-group', problem: 'a shuffled ciphertext is not in the group' };
  if (!c.every(isMember) || !cHat.every(isMember))
    return { reason: 'not-in-group', problem: 'a commitment is not in the group' };
  const { h, hs } = shuffleGenerators(group, n);
  const strc = ciphertextsString(input) + ciphertextsString(output) + elementsString(c);
  const u = nizkpChallenges(group, n, `${SHUFFLE_CHALLENGES}|${fingerprint}|${strc}`);
  const challenge = mainChallenge(group, fingerprint, strc, t, cHat, y);
  const minusC = -challenge;
  const cBar = group.div(product(group, c), product(group, hs));
  const uProduct = u.reduce((a, b) => (a * b) % group.q, 1n);
  const cHatN = n === 0 ? h : cHat[n - 1]!;
  const cHatRatio = group.div(cHatN, group.pow(h, uProduct));
  const cTilde = product(
    group,
    c.map((ci, i) => group.pow(ci, u[i]!)),
  );
  const alphaU = product(
    group,
    input.map((e, i) => group.pow(e.alpha, u[i]!)),
  );
  const betaU = product(
    group,
    input.map((e, i) => group.pow(e.beta, u[i]!)),
  );
  const t1x = group.mul(group.pow(cBar, minusC), group.gPow(s1));
  const t2x = group.mul(group.pow(cHatRatio, minusC), group.gPow(s2));
  const t3x = product(
    group,
    hs.map((hi, i) => group.pow(hi, sPrime[i]!)),
    group.mul(group.pow(cTilde, minusC), group.gPow(s3)),
  );
  const t41x = product(
    group,
    output.map((e, i) => group.pow(e.beta, sPrime[i]!)),
    group.mul(group.pow(betaU, minusC), group.pow(y, -s4)),
  );
  const t42x = product(
    group,
    output.map((e, i) => group.pow(e.alpha, sPrime[i]!)),
    group.mul(group.pow(alphaU, minusC), group.gPow(-s4)),
  );
  if (t1 !== t1x || t2 !== t2x || t3 !== t3x || t41 !== t41x || t42 !== t42x)
    return { reason: 'invalid-proof', problem: 'the shuffle proof does not hold' };
  for (let i = 0; i < n; i++) {
    const previous = i === 0 ? h : cHat[i - 1]!;
    const expected = group.mul(
      group.mul(group.pow(cHat[i]!, minusC), group.gPow(sHat[i]!)),
      group.pow(previous, sPrime[i]!),
    );
    if (tHat[i] !== expected) return { reason: 'invalid-proof', problem: 'the shuffle proof does not hold' };
  }
  return undefined;
}
