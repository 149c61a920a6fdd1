/**
 * checkBallot's refusals that come before any proof (spec §3.2 step 3d): a ballot for another
 * election, or whose answers do not have the shape of the questions, is named as such — not left to
 * fail later as an invalid proof, nor to throw. Each case changes one thing in a valid ballot and
 * asserts the closed reason a board or auditor would see.
 */
import { beforeEach, describe, expect, it } from 'vitest';
import { type SimulatedElection, simulateElection } from '../../test/support/simulate.js';
import { type BallotRejection, checkBallot, checkPlaintext, createBallot, type Plaintext } from './ballot.js';
import { parseBallot } from './ballot-box.js';
import type { Ballot, HomomorphicAnswer } from './messages.js';

// Made inside the first test that needs it, not in beforeAll: a failure there (a mutant breaking
// ballot creation) must fail tests, not only the suite, for mutation testing to count it.
let made: { election: SimulatedElection; ballot: Ballot } | undefined;

function setUp(): { election: SimulatedElection; ballot: Ballot } {
  if (made) return made;
  const election = simulateElection({
    group: 'BELENIOS-2048',
    questions: [
      { answers: ['A', 'B', 'C'], min: 1, max: 2, question: 'One or two' },
      { answers: ['X', 'Y'], blank: true, min: 1, max: 1, question: 'One, or blank' },
    ],
    voters: 1,
    trustees: { singles: 1 },
    votes: [
      {
        voter: 0,
        plaintext: [
          [1, 1, 0],
          [0, 1, 0],
        ],
      },
    ],
  });
  const parsed = parseBallot(election.model.ballots[0]!);
  if (!parsed.ok) throw new Error(parsed.problem);
  made = { election, ballot: parsed.ballot };
  return made;
}

let election: SimulatedElection;
let ballot: Ballot;
beforeEach(() => {
  ({ election, ballot } = setUp());
});

/** A copy of the valid ballot with `change` applied to its answers (0: plain question, 1: blank allowed). */
function edited(change: (answers: HomomorphicAnswer[], ballot: Ballot) => void): Ballot {
  const copy = structuredClone(ballot);
  change(copy.answers as HomomorphicAnswer[], copy);
  return copy;
}

/** `text` with its first character changed (to another one, whatever it was). */
const changed = (text: string) => `${text[0] === 'A' ? 'B' : 'A'}${text.slice(1)}`;

function expectRefused(candidate: Ballot, reason: BallotRejection): void {
  expect(checkBallot(election.context, candidate)).toMatchObject({ ok: false, reason });
}

describe('checkPlaintext and createBallot', () => {
  // A clear vote that does not fit is named (by question number) and never encrypted.
  it.each([
    ['one answer missing', [[1, 0, 0]], 'expected 2 answers'],
    [
      'a slot missing',
      [
        [1, 0, 0],
        [0, 1],
      ],
      'question 2',
    ],
    [
      'a value other than 0 or 1',
      [
        [1, 0, 0],
        [0, 2, 0],
      ],
      'question 2',
    ],
    [
      'a 2 in a count that fits min…max',
      [
        [2, 0, 0],
        [0, 1, 0],
      ],
      'question 1',
    ],
    [
      'blank with a choice',
      [
        [1, 0, 0],
        [1, 1, 0],
      ],
      'question 2',
    ],
    [
      'fewer than min',
      [
        [0, 0, 0],
        [0, 1, 0],
      ],
      'question 1',
    ],
    [
      'more than max',
      [
        [1, 1, 1],
        [0, 1, 0],
      ],
      'question 1',
    ],
    [
      'nothing on a question that allows blank, without blank',
      [
        [1, 0, 0],
        [0, 0, 0],
      ],
      'question 2',
    ],
  ] as [string, Plaintext, string][])('refuses %s', (_name, plaintext, where) => {
    const problem = checkPlaintext(election.context, plaintext);
    expect(problem).toContain(where);
    expect(() => createBallot(election.context, election.voters[0]!.credential, plaintext)).toThrow(
      RangeError,
    );
  });

  it('accepts a blank vote and votes between min and max', () => {
    for (const plaintext of [
      [
        [1, 0, 0],
        [1, 0, 0],
      ],
      [
        [1, 1, 0],
        [0, 0, 1],
      ],
    ] as Plaintext[]) {
      expect(checkPlaintext(election.context, plaintext)).toBeUndefined();
    }
  });
});

describe('checkBallot', () => {
  it('accepts the ballot as cast', () => {
    expect(checkBallot(election.context, ballot)).toEqual({ ok: true });
  });

  it('refuses a ballot of another election (uuid or fingerprint) as wrong-election', () => {
    expectRefused({ ...ballot, election_uuid: changed(ballot.election_uuid) }, 'wrong-election');
    expectRefused({ ...ballot, election_hash: changed(ballot.election_hash) }, 'wrong-election');
  });

  describe('refuses as malformed, before any proof is checked', () => {
    const cases: [string, (answers: HomomorphicAnswer[], ballot: Ballot) => void][] = [
      ['one answer fewer than questions', (a) => a.pop()],
      ['one answer more than questions', (a) => a.push(structuredClone(a[0]!))],
      [
        'a non-homomorphic answer to a homomorphic question',
        (a) => {
          (a[0] as unknown as { choices: unknown }).choices = a[0]!.choices[0];
        },
      ],
      ['a choice fewer than slots', (a) => a[0]!.choices.pop()],
      ['an individual proof fewer than slots', (a) => a[0]!.individual_proofs.pop()],
      [
        'an individual proof with three branches',
        (a) => a[0]!.individual_proofs[1]!.push(a[0]!.individual_proofs[1]![0]!),
      ],
      ['an individual proof with one branch', (a) => a[0]!.individual_proofs[2]!.pop()],
      [
        'a blank proof on a question without blank',
        (a) => {
          a[0]!.blank_proof = structuredClone(a[1]!.blank_proof);
        },
      ],
      [
        'no blank proof on a question with blank',
        (a) => {
          delete a[1]!.blank_proof;
        },
      ],
      ['a blank proof with three branches', (a) => a[1]!.blank_proof!.push(a[1]!.blank_proof![0]!)],
      ['a blank proof with one branch', (a) => a[1]!.blank_proof!.pop()],
      ['an overall proof one branch short (min..max)', (a) => a[0]!.overall_proof.pop()],
      [
        'an overall proof one branch long (min..max)',
        (a) => a[0]!.overall_proof.push(a[0]!.overall_proof[0]!),
      ],
      ['an overall proof one branch short (blank counts one more)', (a) => a[1]!.overall_proof.pop()],
      [
        'an overall proof one branch long (blank counts one more)',
        (a) => a[1]!.overall_proof.push(a[1]!.overall_proof[0]!),
      ],
    ];
    it.each(cases)('%s', (_name, change) => {
      expectRefused(edited(change), 'malformed');
    });
  });

  it('refuses a credential outside the group as not-in-group', () => {
    expectRefused({ ...ballot, credential: 0n }, 'not-in-group');
    expectRefused({ ...ballot, credential: election.context.group.p + 1n }, 'not-in-group');
  });

  it('refuses any α or β outside the group as not-in-group, in either answer', () => {
    for (const [i, answer] of (ballot.answers as HomomorphicAnswer[]).entries()) {
      for (const j of answer.choices.keys()) {
        for (const part of ['alpha', 'beta'] as const) {
          const candidate = edited((a) => {
            a[i]!.choices[j]![part] = 0n;
          });
          expect(checkBallot(election.context, candidate), `answer ${i} choice ${j} ${part}`).toMatchObject({
            ok: false,
            reason: 'not-in-group',
          });
        }
      }
    }
  });

  it('refuses an individual, overall or blank proof of another slot as invalid-proof', () => {
    const swap = <T>(list: T[], a: number, b: number) => {
      [list[a], list[b]] = [list[b]!, list[a]!];
    };
    for (const [i, j] of [
      [0, 0],
      [0, 2],
      [1, 1],
    ] as const) {
      expectRefused(
        edited((a) => swap(a[i]!.individual_proofs, j, (j + 1) % a[i]!.choices.length)),
        'invalid-proof',
      );
    }
    expectRefused(
      edited((a) => swap(a[0]!.overall_proof, 0, 1)),
      'invalid-proof',
    );
    expectRefused(
      edited((a) => swap(a[1]!.overall_proof, 0, 1)),
      'invalid-proof',
    );
    expectRefused(
      edited((a) => swap(a[1]!.blank_proof!, 0, 1)),
      'invalid-proof',
    );
  });

  it('refuses the answers of one ballot under the signature of another by the same voter', () => {
    // Both ballots are the voter's own, every proof valid: only the hash binds signature and answers.
    const other = createBallot(election.context, election.voters[0]!.credential, [
      [0, 1, 1],
      [1, 0, 0],
    ]);
    expect(checkBallot(election.context, other)).toEqual({ ok: true });
    expectRefused({ ...ballot, signature: other.signature }, 'invalid-signature');
    expectRefused(
      { ...ballot, signature: { ...ballot.signature, proof: other.signature.proof } },
      'invalid-signature',
    );
  });

  it('refuses a well-formed ballot whose signature does not cover it as invalid-signature', () => {
    const signature = { ...ballot.signature, hash: changed(ballot.signature.hash) };
    expectRefused({ ...ballot, signature }, 'invalid-signature');
  });
});
