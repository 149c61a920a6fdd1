import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parseCsv, unneutralise } from '../../../test/support/csv-reader.js';
import { type Cell, cellText, csvField, toCsv } from './csv.js';

describe('CSV (RFC 4180)', () => {
  it('writes the RFC 4180 §2 cases: plain, quoted for comma, quote and line breaks, quotes doubled', () => {
    expect(csvField('aaa')).toBe('aaa');
    expect(csvField('b,bb')).toBe('"b,bb"');
    expect(csvField('b"bb')).toBe('"b""bb"');
    expect(csvField('b\r\nbb')).toBe('"b\r\nbb"');
    expect(csvField('b\nbb')).toBe('"b\nbb"');
    expect(csvField('')).toBe('');
    expect(csvField(null)).toBe('');
    expect(csvField(42)).toBe('42');
    expect(csvField(true)).toBe('true');
  });

  it('writes a BOM, the header row and CRLF after every record', () => {
    expect(
      toCsv(
        ['name', 'weight'],
        [
          ['Chloé Nguyen', '2'],
          ['Dupont, Jean', '1'],
        ],
      ),
    ).toBe('\uFEFFname,weight\r\nChloé Nguyen,2\r\n"Dupont, Jean",1\r\n');
    expect(toCsv(['a'], [])).toBe('\uFEFFa\r\n');
  });

  it('neutralises formula injection (OWASP): = + - @ tab and CR get a leading apostrophe', () => {
    for (const evil of ['=HYPERLINK("http://x","y")', '+1+1', '-2+3', '@SUM(A1)', '\t=1', '\r=1']) {
      expect(cellText(evil)).toBe(`'${evil}`);
    }
    expect(csvField('=1+2,3')).toBe(`"'=1+2,3"`);
    // An apostrophe already there gets one too, so dropping one leading apostrophe always undoes it.
    expect(cellText("'=1")).toBe("''=1");
    expect(cellText('a=1')).toBe('a=1');
  });

  it('refuses objects (a secret box or a row cannot be written as a cell)', () => {
    expect(() => csvField({ toString: () => 'x' } as unknown as Cell)).toThrow(/scalar/);
    expect(() => toCsv(['a', 'b'], [['only one']])).toThrow(/1 fields/);
  });

  it('reads back exactly what it wrote, whatever the text (property)', () => {
    const cell = fc.oneof(
      fc.string({ unit: 'grapheme' }),
      fc.constantFrom('=', '+', '-', '@', '\t', '\r', '\n', '"', ',', "'", "'="),
    );
    const text = fc.array(cell, { maxLength: 4 }).map((parts) => parts.join(''));
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 4 }),
        fc.array(fc.array(text, { minLength: 4, maxLength: 4 }), { maxLength: 5 }),
        (width, rows) => {
          const header = Array.from({ length: width }, (_, i) => `c${i}`);
          const body = rows.map((row) => row.slice(0, width));
          const parsed = parseCsv(toCsv(header, body));
          expect(parsed.map((row) => row.map(unneutralise))).toEqual([header, ...body]);
          // What a spreadsheet would evaluate never starts a cell.
          for (const field of parsed.flat()) expect(field).not.toMatch(/^[=+\-@\t\r]/);
        },
      ),
    );
  });
});
