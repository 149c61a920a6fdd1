/**
 * The consultation's one roll, split by federation (splitFederationRoll): what the parts hold, and
 * the edges the whole-API tests do not reach — a byte-order mark and Windows line ends, a login
 * written with other capitals in another federation, a line too short to name its federation, and
 * every problem of one file reported at once, in line order.
 */
import { describe, expect, it } from 'vitest';
import { splitFederationRoll } from './federation-roll.js';

describe('splitFederationRoll', () => {
  it('reads a file saved by a spreadsheet: byte-order mark, CRLF line ends, spaces around the federation', () => {
    expect(
      splitFederationRoll('\uFEFFParis,a@x.org,a,1,A\r\n  Lyon ,b@x.org,b,2,B\r\n', ['Paris', 'Lyon']),
    ).toEqual({
      ok: true,
      parts: new Map([
        ['Paris', 'a@x.org,a,1,A'],
        ['Lyon', 'b@x.org,b,2,B'],
      ]),
    });
  });

  it('finds the "federation" header whatever its capitals and quotes', () => {
    const split = splitFederationRoll('email,login,"Federation"\na@x.org,a,Paris', ['Paris']);
    expect(split).toEqual({ ok: true, parts: new Map([['Paris', 'a@x.org,a']]) });
  });

  it('refuses one member in two federations even when the login is written with other capitals', () => {
    expect(splitFederationRoll('Paris,a@x.org,Ann\nLyon,b@x.org,ANN', ['Paris', 'Lyon'])).toEqual({
      ok: false,
      problems: [{ line: 2, problem: 'login "ANN" is also in federation "Paris"' }],
    });
  });

  it('refuses a line too short to hold the federation column the header names', () => {
    expect(splitFederationRoll('email,login,federation\na@x.org,a', ['Paris'])).toEqual({
      ok: false,
      problems: [{ line: 2, problem: 'no federation column' }],
    });
  });

  it('reports every problem of the file, sorted by line, and imports nothing', () => {
    const split = splitFederationRoll(
      ['Mars,m@x.org,m', 'Paris,a@x.org,a', 'Paris,"a@x.org,a', 'Lyon,b@x.org,A'].join('\n'),
      ['Paris', 'Lyon'],
    );
    expect(split.ok).toBe(false);
    expect(split.ok ? [] : split.problems.map((p) => p.line)).toEqual([1, 3, 4]);
  });

  it('calls a file of blank lines empty', () => {
    expect(splitFederationRoll('\r\n  \n', ['Paris'])).toEqual({
      ok: false,
      problems: [{ line: 0, problem: 'the list is empty' }],
    });
  });
});
