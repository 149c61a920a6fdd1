/** Exact fractions: percentages read digit by digit, comparisons, decimals for display only. */
import { describe, expect, it } from 'vitest';
import { compareFractions, decimalString, fraction, parseFraction, percentFraction } from './fraction.js';

describe('fractions', () => {
  it('reads percentages exactly, from text or from a number, within 0–100', () => {
    expect(percentFraction('5')).toEqual({ numerator: 5n, denominator: 100n });
    expect(percentFraction('3.5')).toEqual({ numerator: 35n, denominator: 1000n });
    expect(percentFraction(12.5)).toEqual({ numerator: 125n, denominator: 1000n });
    expect(percentFraction('0.1')).toEqual({ numerator: 1n, denominator: 1000n });
    expect(percentFraction('100')).toEqual({ numerator: 100n, denominator: 100n });
    for (const bad of ['100.01', '-1', '5%', '', '1e1', '05', '.5', 'abc', Number.NaN, 1e-7])
      expect(percentFraction(bad), String(bad)).toBeUndefined();
  });

  it('compares by cross-multiplication, and reads a/b', () => {
    expect(compareFractions(fraction(2, 3), fraction(200, 300))).toBe(0);
    expect(compareFractions(fraction(2n ** 60n + 1n, 3n * 2n ** 59n), fraction(2, 3))).toBe(1);
    expect(compareFractions(fraction(1, -2), fraction(0))).toBe(-1);
    expect(parseFraction(' 2 / 3 ')).toEqual(fraction(2, 3));
    expect(parseFraction('1')).toEqual(fraction(1));
    expect(parseFraction('3/2')).toBeUndefined();
    expect(() => fraction(1, 0)).toThrow(/zero/);
  });

  it('writes decimals truncated, for display only', () => {
    expect(decimalString(100_000n, 3n)).toBe('33333.33');
    expect(decimalString(2n, 3n, 4)).toBe('0.6666');
    expect(decimalString(-1n, 4n)).toBe('-0.25');
    expect(decimalString(7n, 1n, 0)).toBe('7');
  });
});
