/**
 * The Jacobi symbol, for group membership in safe-prime groups: where p = 2q + 1 (RFC-3526-2048) the
 * order-q subgroup is exactly the quadratic residues, so x ∈ G iff 0 < x < p and (x/p) = 1 — a
 * gcd-like loop about 20× cheaper than x^q = 1 with a 2047-bit q (a shuffle checks 4N elements).
 */

/** The Jacobi symbol (a/n) for odd n > 0 (binary algorithm, quadratic reciprocity). */
export function jacobi(a: bigint, n: bigint): -1 | 0 | 1 {
  if (n <= 0n || (n & 1n) === 0n) throw new RangeError('jacobi: n must be odd and positive');
  let x = ((a % n) + n) % n;
  let m = n;
  let t: -1 | 1 = 1;
  while (x !== 0n) {
    let twos = 0;
    while ((x & 1n) === 0n) {
      x >>= 1n;
      twos++;
    }
    const r = m & 7n;
    if (twos & 1 && (r === 3n || r === 5n)) t = t === 1 ? -1 : 1;
    [x, m] = [m, x];
    if ((x & 3n) === 3n && (m & 3n) === 3n) t = t === 1 ? -1 : 1;
    x %= m;
  }
  return m === 1n ? t : 0;
}
