/**
 * Ballots (spec §4.11–4.15): creation from a clear vote and a private credential, and every check a
 * bulletin board or auditor makes on a ballot in isolation. Eligibility (credential in the list,
 * weight, revote rules) belongs to the ballot box (ballot-box.ts), not here.
 */

import { mod } from '../core/bigint.js';
import { encode } from '../core/codec.js';
import { credentialSecret, type PrivateCredential } from '../core/credential.js';
import { sha256B64 } from '../core/hash.js';
import type { ElectionContext } from './election.js';
import { slotCount } from './election.js';
import {
  type Answer,
  type Ballot,
  ballotCodec,
  type Ciphertext,
  type HomomorphicAnswer,
  type HomomorphicQuestion,
  isHomomorphic,
  type NonHomomorphicAnswer,
  unsignedBallotCodec,
} from './messages.js';
import { encodeNonHomomorphic } from './nh-encoding.js';
import { proveBlank, verifyBlank } from './proofs/blank.js';
import { proveInterval, range, verifyInterval } from './proofs/interval.js';
import { proveRawElGamal, verifyRawElGamal } from './proofs/raw-elgamal.js';
import { ballotSignatureChallenge, proveDlog, verifyDlog } from './proofs/schnorr.js';

export type BallotRejection =
  | 'wrong-election'
  | 'malformed'
  | 'not-in-group'
  | 'invalid-proof'
  | 'invalid-signature';

export type BallotCheck = { ok: true } | { ok: false; reason: BallotRejection; detail: string };

const reject = (reason: BallotRejection, detail: string): BallotCheck => ({ ok: false, reason, detail });

const ciphertextsString = (choices: Ciphertext[]) => choices.map((c) => `${c.alpha},${c.beta}`).join(',');

function product(ctx: ElectionContext, cs: Ciphertext[]): Ciphertext {
  const { group } = ctx;
  return cs.reduce(
    (acc, c) => ({ alpha: group.mul(acc.alpha, c.alpha), beta: group.mul(acc.beta, c.beta) }),
    {
      alpha: 1n,
      beta: 1n,
    },
  );
}

function encrypt(ctx: ElectionContext, m: bigint, r: bigint): Ciphertext {
  const { group, y } = ctx;
  return { alpha: group.gPow(r), beta: group.mul(group.pow(y, r), m) };
}

/** Clear vote: one array per question (0/1 per slot for homomorphic questions, with the blank slot first). */
export type Plaintext = number[][];

/** Why a clear vote does not fit the questions; the booth and CLI show this to the voter. */
export function checkPlaintext(ctx: ElectionContext, plaintext: Plaintext): string | undefined {
  const questions = ctx.election.questions;
  if (plaintext.length !== questions.length)
    return `expected ${questions.length} answers, got ${plaintext.length}`;
  for (let i = 0; i < questions.length; i++) {
    const question = questions[i]!;
    const answer = plaintext[i]!;
    if (!isHomomorphic(question)) continue;
    if (answer.length !== slotCount(question))
      return `question ${i + 1}: expected ${slotCount(question)} values`;
    if (answer.some((v) => v !== 0 && v !== 1)) return `question ${i + 1}: values must be 0 or 1`;
    const offset = question.blank ? 1 : 0;
    const ticked = answer.slice(offset).reduce((a, b) => a + b, 0);
    if (question.blank && answer[0] === 1) {
      if (ticked !== 0) return `question ${i + 1}: a blank vote selects no answer`;
      continue;
    }
    if (ticked < question.min || ticked > question.max) {
      return `question ${i + 1}: select between ${question.min} and ${question.max} answers`;
    }
  }
  return undefined;
}

function createHomomorphicAnswer(
  ctx: ElectionContext,
  S0: string,
  question: HomomorphicQuestion,
  votes: number[],
): HomomorphicAnswer {
  const { group, y } = ctx;
  const rs = votes.map(() => group.randomExponent());
  const choices = votes.map((m, j) => encrypt(ctx, group.gPow(BigInt(m)), rs[j]!));
  const individual_proofs = choices.map((c, j) => proveInterval(group, y, S0, c, rs[j]!, votes[j]!, [0, 1]));
  const S = `${S0}|${ciphertextsString(choices)}`;
  const values = range(question.min, question.max);
  if (!question.blank) {
    const total = votes.reduce((a, b) => a + b, 0);
    const rSum = mod(
      rs.reduce((a, b) => a + b, 0n),
      group.q,
    );
    const overall_proof = proveInterval(
      group,
      y,
      S,
      product(ctx, choices),
      rSum,
      total - question.min,
      values,
    );
    return { choices, individual_proofs, overall_proof };
  }
  const rSum = mod(
    rs.slice(1).reduce((a, b) => a + b, 0n),
    group.q,
  );
  const mSum = votes.slice(1).reduce((a, b) => a + b, 0);
  const { blank_proof, overall_proof } = proveBlank(
    group,
    y,
    S,
    choices[0]!,
    product(ctx, choices.slice(1)),
    values,
    {
      isBlank: votes[0] === 1,
      r0: rs[0]!,
      rSum,
      mSum,
    },
  );
  return { choices, individual_proofs, overall_proof, blank_proof };
}

function createNonHomomorphicAnswer(ctx: ElectionContext, S0: string, votes: number[]): NonHomomorphicAnswer {
  const { group, y } = ctx;
  const r = group.randomExponent();
  const choices = encrypt(ctx, encodeNonHomomorphic(group, votes), r);
  return { choices, proof: proveRawElGamal(group, y, S0, choices, r) };
}

export function createBallot(
  ctx: ElectionContext,
  credential: PrivateCredential,
  plaintext: Plaintext,
): Ballot {
  const problem = checkPlaintext(ctx, plaintext);
  if (problem) throw new RangeError(problem);
  const { group, election } = ctx;
  const s = credentialSecret(credential, election.uuid, group).reveal();
  const credentialKey = group.gPow(s);
  const S0 = `${ctx.fingerprint}|${credentialKey}`;
  const answers: Answer[] = election.questions.map((question, i) =>
    isHomomorphic(question)
      ? createHomomorphicAnswer(ctx, S0, question, plaintext[i]!)
      : createNonHomomorphicAnswer(ctx, S0, plaintext[i]!),
  );
  const unsigned = {
    election_uuid: election.uuid,
    election_hash: ctx.fingerprint,
    credential: credentialKey,
    answers,
  };
  const hash = sha256B64(encode(unsignedBallotCodec, unsigned));
  const proof = proveDlog(group, s, ballotSignatureChallenge(group, hash));
  return { ...unsigned, signature: { hash, proof } };
}

export const serializeBallot = (ballot: Ballot) => encode(ballotCodec, ballot);

function answerShapeProblem(ctx: ElectionContext, answers: Answer[]): string | undefined {
  const questions = ctx.election.questions;
  if (answers.length !== questions.length)
    return `expected ${questions.length} answers, got ${answers.length}`;
  for (let i = 0; i < questions.length; i++) {
    const question = questions[i]!;
    const answer = answers[i]!;
    if (isHomomorphic(question)) {
      if (!Array.isArray(answer.choices)) return `answer ${i}: expected a homomorphic answer`;
      const h = answer as HomomorphicAnswer;
      const n = slotCount(question);
      if (h.choices.length !== n || h.individual_proofs.length !== n)
        return `answer ${i}: expected ${n} choices`;
      if (h.individual_proofs.some((p) => p.length !== 2))
        return `answer ${i}: individual proofs have 2 branches`;
      if (Boolean(question.blank) !== (h.blank_proof !== undefined))
        return `answer ${i}: blank_proof presence`;
      if (h.blank_proof && h.blank_proof.length !== 2) return `answer ${i}: blank proof has 2 branches`;
      const expected = question.max - question.min + 1 + (question.blank ? 1 : 0);
      if (h.overall_proof.length !== expected) return `answer ${i}: overall proof has ${expected} branches`;
    } else if (Array.isArray(answer.choices)) {
      return `answer ${i}: expected a non-homomorphic answer`;
    }
  }
  return undefined;
}

function answerCiphertexts(answer: Answer): Ciphertext[] {
  return Array.isArray(answer.choices) ? answer.choices : [answer.choices];
}

/**
 * Every check of a ballot on its own (spec §3.2 step 3d, §3.5.1): election binding, group membership
 * of every element, all zero-knowledge proofs, and the signature over the unsigned ballot.
 */
export function checkBallot(ctx: ElectionContext, ballot: Ballot): BallotCheck {
  const { group, y, election } = ctx;
  if (ballot.election_uuid !== election.uuid) return reject('wrong-election', 'election_uuid does not match');
  if (ballot.election_hash !== ctx.fingerprint)
    return reject('wrong-election', 'election_hash does not match');
  const shape = answerShapeProblem(ctx, ballot.answers);
  if (shape) return reject('malformed', shape);
  if (!group.isMember(ballot.credential)) return reject('not-in-group', 'credential');
  for (const answer of ballot.answers) {
    for (const c of answerCiphertexts(answer)) {
      if (!group.isMember(c.alpha) || !group.isMember(c.beta)) return reject('not-in-group', 'ciphertext');
    }
  }
  const S0 = `${ctx.fingerprint}|${ballot.credential}`;
  for (let i = 0; i < ballot.answers.length; i++) {
    const question = election.questions[i]!;
    const answer = ballot.answers[i]!;
    if (!isHomomorphic(question)) {
      const nh = answer as NonHomomorphicAnswer;
      if (!verifyRawElGamal(group, y, S0, nh.choices, nh.proof))
        return reject('invalid-proof', `answer ${i}`);
      continue;
    }
    const h = answer as HomomorphicAnswer;
    for (let j = 0; j < h.choices.length; j++) {
      if (!verifyInterval(group, y, S0, h.choices[j]!, h.individual_proofs[j]!, [0, 1])) {
        return reject('invalid-proof', `answer ${i} choice ${j}`);
      }
    }
    const S = `${S0}|${ciphertextsString(h.choices)}`;
    const values = range(question.min, question.max);
    const ok = h.blank_proof
      ? verifyBlank(group, y, S, h.choices[0]!, product(ctx, h.choices.slice(1)), values, {
          blank_proof: h.blank_proof,
          overall_proof: h.overall_proof,
        })
      : verifyInterval(group, y, S, product(ctx, h.choices), h.overall_proof, values);
    if (!ok) return reject('invalid-proof', `answer ${i} overall`);
  }
  const { signature, ...unsigned } = ballot;
  if (signature.hash !== sha256B64(encode(unsignedBallotCodec, unsigned))) {
    return reject('invalid-signature', 'signature hash does not match the ballot');
  }
  if (
    !verifyDlog(group, ballot.credential, signature.proof, ballotSignatureChallenge(group, signature.hash))
  ) {
    return reject('invalid-signature', 'signature proof');
  }
  return { ok: true };
}
