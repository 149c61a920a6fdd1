/**
 * Shares to reach, exactly: "more than" or "at least" a fraction of a base, compared by
 * cross-multiplication. Shared by the motions' majorities (majority.ts) and the two-round rules'
 * percentages (rules.ts).
 */
import { type Fraction, parseFraction, percentFraction } from './fraction.js';

export type Comparison = '>' | '>=';

/** "More than" or "at least" a share. */
export interface Threshold {
  readonly comparison: Comparison;
  readonly share: Fraction;
}

/** part / whole compared with the threshold, by cross-multiplication (whole > 0). */
export function meetsThreshold(part: bigint, whole: bigint, threshold: Threshold): boolean {
  const left = part * threshold.share.denominator;
  const right = threshold.share.numerator * whole;
  return threshold.comparison === '>' ? left > right : left >= right;
}

/** "> 50 %"-style percentage thresholds of rules.ts, exactly (hundredths included). */
export function percentThreshold(comparison: Comparison, percent: number): Threshold {
  const share = percentFraction(percent);
  if (!share) throw new RangeError(`threshold: ${percent} is not a percentage from 0 to 100`);
  return { comparison, share };
}

/**
 * Reads "> 1/2", ">= 2/3", "≥ 3/5", "> 50%", "≥ 66.5 %" (a share between 0 and 1, or a percentage
 * from 0 to 100).
 */
export function parseThreshold(text: string): Threshold | undefined {
  const match = /^\s*(>=|≥|>)\s*(.+?)\s*$/.exec(text);
  if (!match) return undefined;
  const comparison: Comparison = match[1] === '>' ? '>' : '>=';
  const body = match[2]!;
  const share = body.endsWith('%') ? percentFraction(body.slice(0, -1).trim()) : parseFraction(body);
  return share ? { comparison, share } : undefined;
}

export function formatThreshold(threshold: Threshold): string {
  const { numerator, denominator } = threshold.share;
  return `${threshold.comparison === '>' ? '>' : '≥'} ${numerator}/${denominator}`;
}
