import { describe, expect, it } from 'vitest';
import type { PublicQuestion } from './api.js';
import { countedWeight, normaliseTracker, resultRows, trackerFromFragment } from './result.js';

const question = (blank: boolean): PublicQuestion => ({
  question: 'Budget?',
  answers: ['A', 'B', 'C'],
  min: 1,
  max: 2,
  blank,
  homomorphic: true,
});

describe('result rows of the public election page', () => {
  it('reads the blank count from the first slot (Belenios order) and shows it last', () => {
    expect(resultRows(question(true), [3, 3, 2, 0], 6n, 'Blank')).toEqual([
      { label: 'A', blank: false, count: 3n, percent: 50 },
      { label: 'B', blank: false, count: 2n, percent: 33.3333 },
      { label: 'C', blank: false, count: 0n, percent: 0 },
      { label: 'Blank', blank: true, count: 3n, percent: 50 },
    ]);
  });

  it('takes weights written as strings (above 2^30) and shares of the counted weight', () => {
    const rows = resultRows(question(false), ['3000000000', 1, 0], 4_000_000_000n, 'Blank');
    expect(rows?.map((r) => [r.count, r.percent])).toEqual([
      [3_000_000_000n, 75],
      [1n, 0],
      [0n, 0],
    ]);
  });

  it('refuses values that do not fit the question instead of showing wrong bars', () => {
    expect(resultRows(question(true), [1, 2, 3], 6n, 'Blank')).toBeUndefined();
    expect(resultRows(question(false), [1, -2, 3], 6n, 'Blank')).toBeUndefined();
    expect(resultRows(question(false), [1, 2.5, 3], 6n, 'Blank')).toBeUndefined();
    expect(resultRows({ ...question(false), homomorphic: false }, [[0, 1]], 6n, 'Blank')).toBeUndefined();
    expect(resultRows(question(false), [0, 0, 0], 0n, 'Blank')?.map((r) => r.percent)).toEqual([0, 0, 0]);
  });

  it('counts the weight of the last ballot of each credential only', () => {
    expect(
      countedWeight([
        { weight: 2n, counted: false },
        { weight: 2n, counted: true },
        { weight: 5n, counted: true },
      ]),
    ).toBe(7n);
  });
});

describe('tracker from the booth link', () => {
  const tracker = 'ab+cd/ef0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ';

  it('decodes the URI-encoded fragment the booth writes, keeping + and /', () => {
    expect(trackerFromFragment(`#tracker=${encodeURIComponent(tracker)}`)).toBe(tracker);
    expect(trackerFromFragment(`#x=1&tracker=${encodeURIComponent(tracker)}`)).toBe(tracker);
  });

  it('repairs a + turned into a space and drops line breaks of a pasted tracker', () => {
    expect(trackerFromFragment(`#tracker=${tracker}`)).toBe(tracker);
    expect(normaliseTracker(' ab cd/ef\n0123 ')).toBe('ab+cd/ef0123');
  });

  it('gives nothing for a missing or undecodable tracker', () => {
    expect(trackerFromFragment('')).toBeUndefined();
    expect(trackerFromFragment('#credential=abc')).toBeUndefined();
    expect(trackerFromFragment('#tracker=%E0%A4%A')).toBeUndefined();
  });
});
