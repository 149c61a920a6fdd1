/** The roll's phone column (issue 16): E.164, separators dropped, every bad line named. */
import { describe, expect, it } from 'vitest';
import { e164, parseVoterRoll } from './voter-roll.js';

describe('e164', () => {
  it('takes a plus, a country code and up to 15 digits, dropping spaces, dots, dashes and brackets', () => {
    expect(e164('+33 6 12 34 56 78')).toBe('+33612345678');
    expect(e164('+44 (0) 7700-900.123')).toBe('+4407700900123');
    expect(e164('+1 202 555 0143')).toBe('+12025550143');
  });
  it('refuses national forms, a leading zero country code and more than 15 digits', () => {
    for (const bad of ['0612345678', '+0612345678', '+1234567890123456', '+33 6 12 ab', '33612345678', '+12'])
      expect(e164(bad)).toBeUndefined();
  });
});

describe('parseVoterRoll with phones', () => {
  it('keeps the number of each line that gives one', () => {
    const parsed = parseVoterRoll(
      'email,login,weight,name,language,phone\nana@example.org,ana,1,Ana,fr,+33 6 12 34 56 78\nbob@example.org,bob,1,Bob,,\n',
      'en',
    );
    expect(parsed.ok && parsed.voters.map((v) => [v.login, v.phone])).toEqual([
      ['ana', '+33612345678'],
      ['bob', undefined],
    ]);
  });
  it('names every line with a bad number, and imports nothing', () => {
    const parsed = parseVoterRoll(
      'ana@example.org,ana,1,Ana,fr,06 12 34 56 78\nbob@example.org,bob,1,Bob,en,+44 7700 900123\ncy@example.org,cy,1,Cy,en,+33-6\n',
      'en',
    );
    expect(parsed.ok).toBe(false);
    expect(!parsed.ok && parsed.problems.map((p) => p.line)).toEqual([1, 3]);
    expect(!parsed.ok && parsed.problems[0]!.problem).toBe(
      'invalid phone number: expected E.164, a plus and the country code (+33612345678), got "06 12 34 56 78"',
    );
  });
  it('refuses a seventh field', () => {
    const parsed = parseVoterRoll('ana@example.org,ana,1,Ana,fr,+33612345678,x', 'en');
    expect(!parsed.ok && parsed.problems[0]!.problem).toMatch(/too many fields/);
  });
});
