/**
 * Tie-breaks: the older candidate, then a draw anyone can recompute from the final archive hash
 * (checked here against node:crypto, an implementation independent of @noble/hashes, and against
 * values computed once with `sha256sum`), or the tie reported as such; and undecided seats settled.
 */
import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { percentFraction } from './fraction.js';
import { allocateSeats, type CandidateList } from './seats.js';
import { breakTie, draw, drawSeed, settleSeats } from './tie-break.js';

/** SHA-256("final") in hex, standing for an archive's final event hash. */
const FINAL_HASH = '2443630b4620165c8b173e7265e17526fe2787ae594364dd6d839ad58f2fc007';
const sha256 = (text: string) => createHash('sha256').update(text, 'utf8').digest('hex');

describe('the draw by lot', () => {
  it('is reproducible from the final archive hash, as docs/congress.md tells anyone to recompute it', () => {
    const context = 'question 1, seat 3';
    const seed = sha256(`scrutin-draw-v1|${FINAL_HASH}|${context}`);
    expect(drawSeed(FINAL_HASH, context)).toBe(seed);
    // Pinned with: printf 'scrutin-draw-v1|%s|%s' "$H" "question 1, seat 3" | sha256sum
    expect(seed).toBe('ba69fbf3638ded605ee84dc929ed31428a5e834c982cb523c5b6d110d33e2865');
    const record = draw({ finalHash: FINAL_HASH, context }, [1, 2, 3]);
    expect(record.ranking).toEqual([
      { position: 3, key: '1e469451a25eb6252d075987c8d6c6ed53d8eb16c5d0225be3bf622ad1924452' },
      { position: 1, key: '5e1d88565e1c9d1f0a0e18785480e63f3722314fcb51540969c2d5a76c999051' },
      { position: 2, key: 'ecb2798c36425a54e61d1eb32ac2544d432c5e57978d0b59c27f2f22a8da8f69' },
    ]);
    for (const { position, key } of record.ranking) expect(key).toBe(sha256(`${seed}|${position}`));
    // The same inputs always draw the same; another archive or another context draws anew.
    expect(draw({ finalHash: FINAL_HASH, context }, [1, 2, 3])).toEqual(record);
    expect(drawSeed(FINAL_HASH, 'question 2, seat 3')).not.toBe(seed);
    expect(drawSeed(sha256('other'), context)).not.toBe(seed);
  });

  it('takes the hash exactly as the PV prints it: 64 lowercase hex digits', () => {
    expect(() => drawSeed(FINAL_HASH.toUpperCase(), 'x')).toThrow(/64 lowercase hex/);
    expect(() => drawSeed('', 'x')).toThrow(/64 lowercase hex/);
  });
});

describe('tie-break steps', () => {
  const drawInput = { finalHash: FINAL_HASH, context: 'question 1, seat 3' };

  it('the older candidate wins', () => {
    const entries = [
      { position: 1, birthDate: '1980-05-01' },
      { position: 2, birthDate: '1975-11-30' },
      { position: 3, birthDate: '1990-01-01' },
    ];
    expect(breakTie(entries, 1, ['older-candidate'])).toEqual({
      kind: 'settled',
      winners: [2],
      decidedBy: ['older-candidate'],
      draw: null,
    });
    expect(breakTie(entries, 2, ['older-candidate'])).toMatchObject({ kind: 'settled', winners: [2, 1] });
  });

  it('same birth date: the draw decides between those, after the older ones', () => {
    const entries = [
      { position: 1, birthDate: '1970-01-01' },
      { position: 2, birthDate: '1980-01-01' },
      { position: 3, birthDate: '1980-01-01' },
      { position: 4, birthDate: '1999-01-01' },
    ];
    expect(breakTie(entries, 2, ['older-candidate'])).toEqual({
      kind: 'tie',
      winners: [1],
      tied: [2, 3],
      places: 1,
    });
    const settled = breakTie(entries, 2, ['older-candidate', 'draw'], drawInput);
    // Between 2 and 3 the draw of the pinned case ranks 1, 2, 3 as 3, 1, 2: 3 before 2.
    expect(settled).toMatchObject({
      kind: 'settled',
      winners: [1, 3],
      decidedBy: ['older-candidate', 'draw'],
    });
  });

  it('reports the tie when the statutes give no step, or birth dates are unknown', () => {
    const entries = [{ position: 1 }, { position: 2, birthDate: '1960-01-01' }];
    expect(breakTie(entries, 1, [])).toEqual({ kind: 'tie', winners: [], tied: [1, 2], places: 1 });
    expect(breakTie(entries, 1, ['older-candidate'])).toMatchObject({ kind: 'tie', tied: [1, 2] });
    expect(() => breakTie(entries, 1, ['draw'])).toThrow(/final archive hash/);
    expect(() => breakTie(entries, 2, [])).toThrow(/fewer places/);
  });
});

describe('an undecided seat settled by the statutes', () => {
  const lists: CandidateList[] = [
    {
      name: 'Nord',
      candidates: [
        { name: 'Anne', birthDate: '1970-03-01' },
        { name: 'Bruno', birthDate: '1985-06-15' },
      ],
    },
    {
      name: 'Sud',
      candidates: [
        { name: 'Carla', birthDate: '1960-01-01' },
        { name: 'Denis', birthDate: '1979-09-09' },
      ],
    },
    { name: 'Est', candidates: [{ name: 'Elsa' }] },
  ];
  const allocation = allocateSeats(
    { method: 'dhondt', seats: 3, threshold: percentFraction('0')! },
    [100n, 100n, 50n],
    [2, 2, 1],
  );

  it('the older of the candidates who would be elected (Bruno, 1985, against Denis, 1979) gives Sud the seat', () => {
    expect(allocation.undecided).toEqual({ seats: 1, lists: [0, 1] });
    const { seats, tieBreak } = settleSeats(allocation, lists, ['older-candidate']);
    expect(seats).toEqual([1, 2, 0]);
    expect(tieBreak).toMatchObject({ kind: 'settled', winners: [2] });
  });

  it('by draw, reproducibly; or left as a tie', () => {
    const drawn = settleSeats(allocation, lists, ['draw'], {
      finalHash: FINAL_HASH,
      context: 'question 1, seat 3',
    });
    // Positions 1 and 2 rank 1 before 2 in the pinned draw: Nord.
    expect(drawn.seats).toEqual([2, 1, 0]);
    expect(settleSeats(allocation, lists, []).seats).toBeNull();
    const decided = allocateSeats({ method: 'dhondt', seats: 2, threshold: percentFraction('0')! }, [
      100n,
      100n,
      50n,
    ]);
    expect(settleSeats(decided, lists, [])).toEqual({ seats: [1, 1, 0], tieBreak: null });
  });
});
