import { describe, expect, it } from 'vitest';
import { requireGroup } from '../core/group.js';
import { createBallot, serializeBallot } from '../protocol/ballot.js';
import { loadElection } from '../protocol/election.js';
import type { HomomorphicQuestion } from '../protocol/messages.js';
import {
  generateCredentials,
  generateTrusteeKey,
  makeElection,
  makeTrustees,
  votersByCount,
} from '../protocol/setup.js';
import { estimatedBallotSize } from './questions.js';

/** A real ballot for `questions`, ticking the minimum number of answers. */
function ballotLength(groupName: string, questions: HomomorphicQuestion[]): number {
  const group = requireGroup(groupName);
  const uuid = 'BaLLotSize1234';
  const made = makeElection(
    { description: '', name: 'size', questions },
    uuid,
    group,
    makeTrustees([generateTrusteeKey(group).publicKey]),
  );
  if (!made.ok) throw new Error(made.problem);
  const ctx = loadElection(made.raw);
  const [voter] = generateCredentials(uuid, group, votersByCount(1)).privateCredentials;
  const plaintext = questions.map((q) => {
    const ticks = q.answers.map((_, i) => (i < Math.max(q.min, 1) ? 1 : 0));
    return q.blank ? [0, ...ticks] : ticks;
  });
  return serializeBallot(createBallot(ctx, voter!.credential, plaintext)).length;
}

describe('estimatedBallotSize', () => {
  const shapes: [string, HomomorphicQuestion[]][] = [
    ['BELENIOS-2048', [{ answers: ['a', 'b', 'c'], min: 1, max: 1, question: 'q' }]],
    [
      'BELENIOS-2048',
      [
        {
          answers: Array.from({ length: 12 }, (_, i) => `answer ${i}`),
          blank: true,
          min: 1,
          max: 5,
          question: 'q',
        },
      ],
    ],
    [
      'BELENIOS-2048',
      [
        { answers: ['yes', 'no'], min: 0, max: 1, question: 'q1' },
        { answers: ['x', 'y', 'z', 'w'], blank: true, min: 2, max: 3, question: 'q2' },
      ],
    ],
    ['RFC-3526-2048', [{ answers: ['a', 'b'], blank: true, min: 1, max: 1, question: 'q' }]],
  ];
  for (const [groupName, questions] of shapes) {
    it(`bounds a real ballot from above, within 5 % (${groupName}, ${questions.length} question(s))`, () => {
      const actual = ballotLength(groupName, questions);
      const estimate = estimatedBallotSize(questions, requireGroup(groupName));
      expect(estimate).toBeGreaterThanOrEqual(actual);
      expect(estimate).toBeLessThanOrEqual(actual * 1.05);
    });
  }
});
