/**
 * An election's questions as the admin sends them: decoded, checked against the protocol and the
 * group, and refused when a ballot for them would exceed what the cast route accepts (the upper
 * estimate of a ballot's size lives here too, with the size limit both share).
 */

import { DecodeError } from '../core/codec.js';
import type { Group } from '../core/group.js';
import { DomainError } from '../errors/catalogue.js';
import { readCountingMethod } from '../protocol/counting/method.js';
import { checkQuestion } from '../protocol/election.js';
import { isHomomorphic, type Question, questionCodec } from '../protocol/messages.js';

export const MAX_BALLOT_BYTES = 256 * 1024;

export function parseQuestions(
  value: unknown,
  group: Group,
  options: { readonly nonHomomorphic?: boolean } = {},
): Question[] {
  if (!Array.isArray(value) || value.length === 0 || value.length > 50) {
    throw new DomainError('SCR_INVALID_QUESTIONS', { problem: 'expected 1 to 50 questions' });
  }
  let questions: Question[];
  try {
    questions = value.map((q, i) => {
      const question = questionCodec.decode(q, `questions[${i}]`);
      checkQuestion(question, `questions[${i}]`, group);
      if (!isHomomorphic(question)) checkRankedOrGraded(question, `questions[${i}]`, group);
      return question;
    });
  } catch (error) {
    if (error instanceof DecodeError)
      throw new DomainError('SCR_INVALID_QUESTIONS', { problem: error.message });
    throw error;
  }
  if (!options.nonHomomorphic) refuseNonHomomorphic(questions);
  // Voters must be able to cast: refuse questions whose ballots would exceed what the cast route takes.
  const size = estimatedBallotSize(questions, group);
  if (size > MAX_BALLOT_BYTES) {
    throw new DomainError('SCR_INVALID_QUESTIONS', {
      problem: `a ballot for these questions would be about ${Math.round(size / 1024)} KB, above the ${MAX_BALLOT_BYTES / 1024} KB a ballot may have; use fewer answers or split the questions`,
    });
  }
  return questions;
}

/**
 * A ranked or graded question as the editor makes it: a known counting method (or none: the result is
 * then the list of ballots), answers named, and a clear ballot that fits the group's embedding.
 */
function checkRankedOrGraded(question: Exclude<Question, { min: number }>, path: string, group: Group): void {
  const { answers, question: text } = question.value as { answers: string[]; question: string };
  if (text.trim() === '') throw new DecodeError(`${path}.value.question`, 'write the question');
  if (answers.length < 2) throw new DecodeError(`${path}.value.answers`, 'give at least two candidates');
  if (answers.some((a) => a.trim() === ''))
    throw new DecodeError(`${path}.value.answers`, 'a candidate has no name');
  const embedding = group.embedding!;
  const room = group.p.toString(2).length - 2 - embedding.padding;
  if (answers.length * embedding.bits_per_int > room)
    throw new DecodeError(
      `${path}.value.answers`,
      `at most ${Math.floor(room / embedding.bits_per_int)} candidates fit in one ranked or graded ballot`,
    );
  const reading = readCountingMethod(question.extra, answers.length);
  if (!reading.ok) throw new DecodeError(`${path}.extra`, reading.problem);
}

/**
 * Upper estimate of a ballot's JSON size (spec §4.11–4.15): per ciphertext two group elements, per
 * proof two exponents, with their JSON punctuation. Measured ballots stay just below it.
 */
export function estimatedBallotSize(questions: readonly Question[], group: Group): number {
  const element = group.p.toString().length + 3;
  const proof = 2 * (group.q.toString().length + 3) + 28;
  const ciphertext = 2 * element + 22;
  let size = 300 + element + proof;
  for (const question of questions) {
    if (!isHomomorphic(question)) {
      size += ciphertext + proof + 40;
      continue;
    }
    const slots = question.answers.length + (question.blank ? 1 : 0);
    const branches = question.max - question.min + 1 + (question.blank ? 1 : 0);
    size +=
      slots * (ciphertext + 2 * proof + 8) + branches * (proof + 1) + (question.blank ? 2 * proof : 0) + 80;
  }
  return size;
}

/**
 * Non-homomorphic answers (rankings, grades) are decrypted one by one, so they must be shuffled by a
 * verifiable mixnet first (spec §3.4, §4.17), or each decrypted answer is linked to its ballot — and
 * through the board and the sign-in order, to its voter. The server's shuffle phase exists
 * (shuffles.ts), but until the booth and the question editor take such questions (issue 18), no
 * such question enters an election unless the service is built with them enabled (tests): not at
 * creation or edit, not in a consultation's boxes or their copies, and an election already holding
 * one is neither opened nor decrypted.
 */
export function refuseNonHomomorphic(questions: readonly Question[]): void {
  const found = questions.flatMap((q, i) => (isHomomorphic(q) ? [] : [i]));
  if (found.length > 0)
    throw new DomainError('SCR_NON_HOMOMORPHIC_UNAVAILABLE', {
      questions: found,
      problem: `questions[${found.join('], questions[')}] ${found.length === 1 ? 'is' : 'are'} non-homomorphic`,
    });
}
