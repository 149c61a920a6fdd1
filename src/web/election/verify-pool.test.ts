/** How the in-browser verifier cuts a board's ballots into chunks for its Web Workers. */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { chunkRanges } from './verify-pool.js';

describe('chunkRanges', () => {
  it('covers every ballot exactly once, in board order, with chunks of at most 16', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 5000 }), fc.integer({ min: 1, max: 8 }), (total, workers) => {
        const ranges = chunkRanges(total, workers);
        let next = 0;
        for (const [start, end] of ranges) {
          expect(start).toBe(next);
          expect(end).toBeGreaterThan(start);
          expect(end - start).toBeLessThanOrEqual(16);
          next = end;
        }
        expect(next).toBe(total);
      }),
    );
  });

  it('gives each of two workers several chunks even on a small board, for a live progress bar', () => {
    expect(chunkRanges(4, 2)).toEqual([
      [0, 1],
      [1, 2],
      [2, 3],
      [3, 4],
    ]);
    expect(chunkRanges(1000, 2).length).toBeGreaterThanOrEqual(16);
  });
});
