/**
 * The published result of a homomorphic question as rows to show: each answer (and the blank vote,
 * which Belenios counts in the first slot) with its weighted count and its share of the weight of
 * the ballots counted. Shares can add up to more than 100 % when a voter may choose several answers.
 */
import type { PublicQuestion } from './api.js';

export interface ResultRow {
  readonly label: string;
  readonly blank: boolean;
  readonly count: bigint;
  /** 0–100, relative to the weight of the counted ballots. */
  readonly percent: number;
}

function toCount(value: unknown): bigint | undefined {
  if (typeof value === 'number' && Number.isSafeInteger(value) && value >= 0) return BigInt(value);
  if (typeof value === 'string' && /^[0-9]+$/.test(value)) return BigInt(value);
  return undefined;
}

/** Undefined when the published values do not fit the question (the page says so instead). */
export function resultRows(
  question: PublicQuestion,
  values: unknown,
  countedWeight: bigint,
  blankLabel: string,
): ResultRow[] | undefined {
  if (!question.homomorphic || !Array.isArray(values)) return undefined;
  const slots = question.answers.length + (question.blank ? 1 : 0);
  if (values.length !== slots) return undefined;
  const counts = values.map(toCount);
  if (counts.some((c) => c === undefined)) return undefined;
  const share = (count: bigint) =>
    countedWeight === 0n ? 0 : Number((count * 1_000_000n) / countedWeight) / 10_000;
  const rows = question.answers.map((label, i) => {
    const count = counts[i + (question.blank ? 1 : 0)]!;
    return { label, blank: false, count, percent: share(count) };
  });
  if (question.blank)
    rows.push({ label: blankLabel, blank: true, count: counts[0]!, percent: share(counts[0]!) });
  return rows;
}

/** The weight of the ballots the tally counts (the last ballot of each credential). */
export function countedWeight(ballots: readonly { weight: bigint; counted: boolean }[]): bigint {
  return ballots.reduce((sum, b) => (b.counted ? sum + b.weight : sum), 0n);
}

/**
 * A tracker as typed or taken from a link: spaces and line breaks dropped (a '+' decoded as a space
 * by some mail clients comes back as '+': trackers are unpadded Base64 and never hold spaces).
 */
export function normaliseTracker(text: string): string {
  return text.trim().replace(/ /g, '+').replace(/\s+/g, '');
}

/** `#tracker=…` (as the booth's confirmation links it), decoded without turning '+' into a space. */
export function trackerFromFragment(hash: string): string | undefined {
  for (const part of hash.replace(/^#/, '').split('&')) {
    const [key, ...rest] = part.split('=');
    if (key !== 'tracker') continue;
    try {
      return normaliseTracker(decodeURIComponent(rest.join('=')));
    } catch {
      return undefined;
    }
  }
  return undefined;
}
