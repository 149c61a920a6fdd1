import { describe, expect, it } from 'vitest';
import { meaningfulReason } from './reason.js';

describe('a reason recorded for everyone to read', () => {
  it('needs five characters that are not white space, and is kept trimmed', () => {
    for (const blank of ['', '     ', ' \t\n \u00a0\u3000 ', 'a   b  c d', 'abcd'])
      expect(meaningfulReason(blank), JSON.stringify(blank)).toBeUndefined();
    expect(meaningfulReason('  a b c d e \n')).toBe('a b c d e');
    expect(meaningfulReason('Fraud')).toBe('Fraud');
  });
});
