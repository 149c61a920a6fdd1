/**
 * The checks of a consultation's creation: its questions (homomorphic only, so box counts add up),
 * its round rule, calendar, shared trustees and box labels, each refused with the problem named.
 */

import { DecodeError, decodeText } from '../core/codec.js';
import { type Group, requireGroup } from '../core/group.js';
import { estimatedBallotSize, refuseNonHomomorphic } from '../election/questions.js';
import { DomainError } from '../errors/catalogue.js';
import { checkQuestion } from '../protocol/election.js';
import {
  type HomomorphicQuestion,
  isHomomorphic,
  questionCodec,
  type TrusteePublicKey,
  trusteePublicKeyCodec,
} from '../protocol/messages.js';
import { verifyTrusteePublicKey } from '../protocol/trustees.js';
import type { CreateConsultationInput } from './consultation-types.js';
import { type RoundRule, ruleFromJson, ruleProblem } from './rules.js';

const MAX_BOXES = 500;
/** As the election service requires: never a local time without its offset. */
const EXPLICIT_INSTANT = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:\d{2})$/;

const invalid = (problem: string): never => {
  throw new DomainError('SCR_INVALID_CONSULTATION', { problem });
};

/**
 * Checks everything a creation asks for before any box exists, so a mistake leaves nothing behind:
 * the group and questions, the round rule, the calendar, the shared trustees' keys and the labels.
 */
export function checkCreation(input: CreateConsultationInput): {
  group: Group;
  questions: HomomorphicQuestion[];
  rule: RoundRule | null;
  labels: string[];
} {
  const group = requireGroup(input.group ?? 'BELENIOS-2048');
  const questions = parseConsultationQuestions(input.questions, group);
  let rule: RoundRule | null = null;
  if (input.rule !== undefined && input.rule !== null) {
    const parsed = ruleFromJson(input.rule);
    if (!parsed.ok) invalid(parsed.problem);
    rule = (parsed as { rule: RoundRule }).rule;
    const problem = ruleProblem(rule, questions);
    if (problem) invalid(problem);
  }
  // The calendar and shared trustees are checked before any box exists: a mistake leaves nothing behind.
  for (const [field, value] of [
    ['opensAt', input.opensAt],
    ['closesAt', input.closesAt],
  ] as const) {
    if (value && (!EXPLICIT_INSTANT.test(value) || Number.isNaN(new Date(value).getTime())))
      invalid(`${field}: dates need an explicit time zone offset, e.g. 2027-03-01T09:00:00+01:00`);
  }
  if (input.opensAt && input.closesAt && new Date(input.opensAt) >= new Date(input.closesAt))
    invalid('closing must be after opening');
  for (const [i, trustee] of (input.trustees ?? []).entries()) {
    let key: TrusteePublicKey | undefined;
    try {
      key = decodeText(trusteePublicKeyCodec, trustee.publicKey.trim(), `trustees[${i}]`);
    } catch (error) {
      if (!(error instanceof DecodeError)) throw error;
    }
    if (!key || !verifyTrusteePublicKey(group, key))
      throw new DomainError('SCR_INVALID_TRUSTEE_DATA', {
        problem: `trustees[${i}]: not a valid public key of this group`,
      });
  }
  const labels = input.boxes.map((b) => b.label.trim());
  if (labels.length === 0 || labels.length > MAX_BOXES) invalid(`expected 1 to ${MAX_BOXES} boxes`);
  if (labels.some((l) => l.length === 0 || l.length > 200)) invalid('box labels have 1 to 200 characters');
  const duplicate = labels.find((l, i) => labels.indexOf(l) !== i);
  if (duplicate !== undefined) invalid(`two boxes are labelled "${duplicate}"`);
  return { group, questions, rule, labels };
}

/** Questions every box will carry: homomorphic only (their counts add up), valid in the group. */
function parseConsultationQuestions(
  value: unknown,
  group: ReturnType<typeof requireGroup>,
): HomomorphicQuestion[] {
  if (!Array.isArray(value) || value.length === 0 || value.length > 50)
    throw new DomainError('SCR_INVALID_QUESTIONS', { problem: 'expected 1 to 50 questions' });
  try {
    const decoded = value.map((q, i) => {
      const question = questionCodec.decode(q, `questions[${i}]`);
      checkQuestion(question, `questions[${i}]`, group);
      return question;
    });
    // Their counts add up across boxes too; and no ballot is decrypted unshuffled (issue 15).
    refuseNonHomomorphic(decoded);
    const questions = decoded.filter(isHomomorphic);
    if (estimatedBallotSize(questions, group) > 256 * 1024)
      throw new DomainError('SCR_INVALID_QUESTIONS', {
        problem: 'the ballots for these questions would be too large',
      });
    return questions;
  } catch (error) {
    if (error instanceof DecodeError)
      throw new DomainError('SCR_INVALID_QUESTIONS', { problem: error.message });
    throw error;
  }
}
