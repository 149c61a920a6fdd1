/**
 * An election as the protocol uses it: the parsed `election` structure, its exact bytes, its
 * fingerprint φ = BASE64(SHA256(bytes)) (spec §4.15), its group and its public key y (with a
 * fixed-base table, since every ballot raises y many times).
 */
import { DecodeError, decodeText } from '../core/codec.js';
import { type Group, groupByName } from '../core/group.js';
import { sha256B64 } from '../core/hash.js';
import {
  type Election,
  electionCodec,
  type HomomorphicQuestion,
  isHomomorphic,
  nonHomomorphicValueCodec,
  type Question,
} from './messages.js';

export interface ElectionContext {
  readonly election: Election;
  readonly raw: string;
  readonly fingerprint: string;
  readonly group: Group;
  readonly y: bigint;
}

/** Parses and checks election.json; throws DecodeError naming what is wrong. */
export function loadElection(raw: string): ElectionContext {
  const election = decodeText(electionCodec, raw, 'election');
  if (election.version !== 1)
    throw new DecodeError('election.version', `unsupported version ${election.version}`);
  const group = groupByName(election.group);
  if (!group) throw new DecodeError('election.group', `unknown group: ${election.group}`);
  if (!/^[1-9A-HJ-NP-Za-km-z]{14,}$/.test(election.uuid)) {
    throw new DecodeError('election.uuid', 'expected at least 14 Base58 characters');
  }
  election.questions.forEach((question, i) => {
    checkQuestion(question, `election.questions[${i}]`, group);
  });
  if (!group.isMember(election.public_key))
    throw new DecodeError('election.public_key', 'not an element of the group');
  group.precompute(election.public_key);
  return { election, raw, fingerprint: sha256B64(raw), group, y: election.public_key };
}

/** Throws a DecodeError naming the problem if a question is not valid in this group. */
export function checkQuestion(question: Question, path: string, group: Group): void {
  if (isHomomorphic(question)) {
    const n = question.answers.length;
    if (n < 1) throw new DecodeError(path, 'a question needs at least one answer');
    if (question.min < 0 || question.max < question.min || question.max > n) {
      throw new DecodeError(path, `invalid bounds min=${question.min} max=${question.max} for ${n} answers`);
    }
    return;
  }
  if (question.type !== 'NonHomomorphic')
    throw new DecodeError(path, `unsupported question type ${question.type}`);
  nonHomomorphicValueCodec.decode(question.value, `${path}.value`);
  if (!group.embedding)
    throw new DecodeError(path, `group ${group.name} cannot encode non-homomorphic answers`);
}

/** Number of ciphertexts of a homomorphic answer: one per answer, plus a leading blank slot. */
export function slotCount(question: HomomorphicQuestion): number {
  return question.answers.length + (question.blank ? 1 : 0);
}
