/**
 * Exact rationals for the federation's rules (seat thresholds, quorums, qualified majorities): a
 * numerator and a positive denominator as bigints, compared by cross-multiplication, never through
 * floating point. Percentages typed by people ("5", "3.5", "66.67") are read digit by digit into a
 * fraction of 100, so "5 %" is exactly 5/100 whatever the size of the totals it is applied to.
 */

export interface Fraction {
  readonly numerator: bigint;
  /** Always > 0. */
  readonly denominator: bigint;
}

export function fraction(numerator: bigint | number, denominator: bigint | number = 1n): Fraction {
  const n = BigInt(numerator);
  const d = BigInt(denominator);
  if (d === 0n) throw new RangeError('fraction: zero denominator');
  return d < 0n ? { numerator: -n, denominator: -d } : { numerator: n, denominator: d };
}

/** −1, 0 or 1 as a/b is below, equal to or above c/d (denominators positive). */
export function compareFractions(a: Fraction, b: Fraction): -1 | 0 | 1 {
  const left = a.numerator * b.denominator;
  const right = b.numerator * a.denominator;
  return left < right ? -1 : left > right ? 1 : 0;
}

/** −1, 0 or 1 as part/whole is below, equal to or above `share` (whole > 0). */
export function compareShare(part: bigint, whole: bigint, share: Fraction): -1 | 0 | 1 {
  return compareFractions({ numerator: part, denominator: whole }, share);
}

const DECIMAL = /^(0|[1-9][0-9]*)(?:\.([0-9]+))?$/;

/**
 * A percentage written in decimal ("5", "3.5", "66.67"; a number is read through its shortest
 * decimal writing, so 12.5 is "12.5") as the exact fraction of 1 it stands for: "5" → 5/100.
 * Undefined when it is not such a decimal or lies outside 0–100.
 */
export function percentFraction(percent: string | number): Fraction | undefined {
  const text =
    typeof percent === 'number' ? (Number.isFinite(percent) ? String(percent) : '') : percent.trim();
  const match = DECIMAL.exec(text);
  if (!match) return undefined;
  const decimals = match[2] ?? '';
  const numerator = BigInt(match[1]! + decimals);
  const denominator = 100n * 10n ** BigInt(decimals.length);
  if (numerator > denominator) return undefined;
  return { numerator, denominator };
}

/** A fraction written "a/b" (or a whole number "a"), with 0 ≤ a ≤ b and b ≥ 1. */
export function parseFraction(text: string): Fraction | undefined {
  const match = /^\s*(0|[1-9][0-9]*)\s*(?:\/\s*([1-9][0-9]*)\s*)?$/.exec(text);
  if (!match) return undefined;
  const numerator = BigInt(match[1]!);
  const denominator = BigInt(match[2] ?? '1');
  return numerator <= denominator ? { numerator, denominator } : undefined;
}

/**
 * numerator/denominator written in decimal with `places` digits after the point, truncated toward
 * zero (an average of 33 333.33… shows as "33333.33"): for tables on pages and in the PV, never used
 * to decide anything.
 */
export function decimalString(numerator: bigint, denominator: bigint, places = 2): string {
  const negative = numerator < 0n !== denominator < 0n && numerator !== 0n;
  const n = numerator < 0n ? -numerator : numerator;
  const d = denominator < 0n ? -denominator : denominator;
  const scaled = (n * 10n ** BigInt(places)) / d;
  const digits = scaled.toString().padStart(places + 1, '0');
  const whole = digits.slice(0, digits.length - places);
  const fractional = digits.slice(digits.length - places);
  return `${negative ? '-' : ''}${whole}${places > 0 ? `.${fractional}` : ''}`;
}
