import { describe, expect, it } from 'vitest';
import { rollHash, rollText } from './roll-hash.js';

describe('the roll hash', () => {
  const roll = [
    { login: 'b', displayName: 'Bruno', weight: '2' },
    { login: 'a', displayName: 'Alice "Al"', weight: '1' },
  ];

  it('hashes logins, names and weights sorted by login, whatever the order given', () => {
    expect(rollText(roll)).toBe('[["a","Alice \\"Al\\"","1"],["b","Bruno","2"]]');
    expect(rollHash(roll)).toBe(rollHash([...roll].reverse()));
  });

  it('changes when a weight, a name or a voter changes', () => {
    const base = rollHash(roll);
    expect(rollHash([{ ...roll[0]!, weight: '3' }, roll[1]!])).not.toBe(base);
    expect(rollHash([{ ...roll[0]!, displayName: 'Bruna' }, roll[1]!])).not.toBe(base);
    expect(rollHash([roll[0]!])).not.toBe(base);
  });
});
