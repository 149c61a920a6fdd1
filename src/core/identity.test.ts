/**
 * `identityKey`: trimmed, Unicode NFC (UAX #15), full case folding (CaseFolding.txt status C+F) as
 * far as JavaScript's case mappings give it; and the control characters refused in identities.
 */
import { describe, expect, it } from 'vitest';
import { hasControlCharacter, identityKey, sameIdentity } from './identity.js';

describe('identityKey', () => {
  it('folds case, spaces at the ends and Unicode forms to one key', () => {
    const same: [string, string][] = [
      ['adminB@example.org', 'ADMINB@EXAMPLE.ORG'],
      [' alice ', 'Alice'],
      ['r\u00e9mi', 'RE\u0301MI'], // composed é, decomposed E + combining acute
      ['stra\u00dfe', 'STRASSE'], // ß folds to ss
      ['\u03c3\u03bf\u03c6\u03bf\u03c2', '\u03a3\u039f\u03a6\u039f\u03a3'], // final sigma
      ['\ufb01le', 'FILE'], // ligature fi
      ['\u212b', '\u00e5'], // Ångström sign is Å
    ];
    for (const [a, b] of same) expect({ a, b, same: sameIdentity(a, b) }).toEqual({ a, b, same: true });
    expect(identityKey(' ALICE@Example.ORG ')).toBe('alice@example.org');
  });

  it('keeps different people apart', () => {
    expect(sameIdentity('alice', 'alice2')).toBe(false);
    expect(sameIdentity('a lice', 'alice')).toBe(false);
    expect(sameIdentity('alice@example.org', 'alice@example.com')).toBe(false);
  });
});

describe('hasControlCharacter', () => {
  it('finds C0 (NUL included), DEL and C1, and nothing else', () => {
    for (const c of ['\u0000', '\t', '\n', '\u001f', '\u007f', '\u0080', '\u0085', '\u009f'])
      expect({ c, found: hasControlCharacter(`a${c}b`) }).toEqual({ c, found: true });
    for (const text of ['Zoé Ârnaud', 'Ω ω', 'alice@example.org', '\u00a0', '\u200b'])
      expect({ text, found: hasControlCharacter(text) }).toEqual({ text, found: false });
  });
});
