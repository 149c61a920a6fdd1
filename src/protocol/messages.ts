/**
 * The Belenios 2.0 data structures (spec §4), each declared once as a codec in the spec's field
 * order. Types are inferred from these declarations.
 */
import {
  array,
  bigDecimal,
  boolean,
  type Codec,
  DecodeError,
  either,
  int,
  json,
  literal,
  object,
  optional,
  string,
  type TypeOf,
  tuple,
} from '../core/codec.js';

// §4.3 common structures
export const proofCodec = object({ challenge: bigDecimal, response: bigDecimal });
export type Proof = TypeOf<typeof proofCodec>;
export const ciphertextCodec = object({ alpha: bigDecimal, beta: bigDecimal });
export type Ciphertext = TypeOf<typeof ciphertextCodec>;

// §4.4 archive header and events
export const EVENT_TYPES = [
  'Setup',
  'Ballot',
  'EndBallots',
  'EncryptedTally',
  'Shuffle',
  'EndShuffles',
  'PartialDecryption',
  'Result',
] as const;
export type EventType = (typeof EVENT_TYPES)[number];
const eventTypeCodec: Codec<EventType> = {
  decode(value, path) {
    if (typeof value !== 'string' || !(EVENT_TYPES as readonly string[]).includes(value)) {
      return string.decode(Symbol(), `${path} (unknown event type ${JSON.stringify(value)})`) as never;
    }
    return value as EventType;
  },
  toJson: (value) => value,
};
export const headerCodec = object({ version: int, timestamp: string });
export type ArchiveHeader = TypeOf<typeof headerCodec>;
export const eventCodec = object({
  parent: optional(string),
  height: int,
  type: eventTypeCodec,
  payload: optional(string),
});
export type ArchiveEvent = TypeOf<typeof eventCodec>;

// §4.5 verification keys
export const trusteePublicKeyCodec = object({ pok: proofCodec, public_key: bigDecimal });
export type TrusteePublicKey = TypeOf<typeof trusteePublicKeyCodec>;

// §4.6 threshold
export const signedMsgCodec = object({ message: string, signature: proofCodec });
export type SignedMsg = TypeOf<typeof signedMsgCodec>;
export const certKeysCodec = object({ verification: bigDecimal, encryption: bigDecimal });
export type CertKeys = TypeOf<typeof certKeysCodec>;
export const encryptedMsgCodec = object({ alpha: bigDecimal, beta: bigDecimal, data: string });
export type EncryptedMsg = TypeOf<typeof encryptedMsgCodec>;
export const channelMsgCodec = object({ recipient: bigDecimal, message: string });
export const rawPolynomialCodec = object({ polynomial: array(bigDecimal) });
export const secretCodec = object({ secret: bigDecimal });
export const rawCoefexpsCodec = object({ coefexps: array(bigDecimal) });
export const polynomialCodec = object({
  polynomial: string,
  secrets: array(string),
  coefexps: signedMsgCodec,
});
export type Polynomial = TypeOf<typeof polynomialCodec>;
export const vinputCodec = object({
  polynomial: string,
  secrets: array(string),
  coefexps: array(signedMsgCodec),
});
export type Vinput = TypeOf<typeof vinputCodec>;
export const voutputCodec = object({ private_key: string, public_key: trusteePublicKeyCodec });
export type Voutput = TypeOf<typeof voutputCodec>;
export const thresholdParametersCodec = object({
  threshold: int,
  certs: array(signedMsgCodec),
  coefexps: array(signedMsgCodec),
  verification_keys: array(trusteePublicKeyCodec),
});
export type ThresholdParameters = TypeOf<typeof thresholdParametersCodec>;

// §4.7 trustees
export type TrusteeKind = ['Single', TrusteePublicKey] | ['Pedersen', ThresholdParameters];
const singleCodec = tuple(literal('Single'), trusteePublicKeyCodec);
const pedersenCodec = tuple(literal('Pedersen'), thresholdParametersCodec);
export const trusteeKindCodec: Codec<TrusteeKind> = either(
  (value) => Array.isArray(value) && value[0] === 'Single',
  (value): value is ['Single', TrusteePublicKey] => value[0] === 'Single',
  singleCodec,
  pedersenCodec,
);
export const trusteesCodec = array(trusteeKindCodec);

// §4.8 credentials
export const publicCredentialsCodec = array(string);

// §4.9 questions
export const homomorphicQuestionCodec = object({
  answers: array(string),
  blank: optional(boolean),
  min: int,
  max: int,
  question: string,
});
export type HomomorphicQuestion = TypeOf<typeof homomorphicQuestionCodec>;
/**
 * `question_gen` (§4.9.2). `extra` is not in the 2.0 specification's box, but belenios-tool 2.0 keeps
 * it byte for byte and Belenios's web server puts the counting method there
 * (`{"type":"PreferentialVoting","blank":false,"method":"Schulze"}`, see counting/method.ts).
 */
export const genericQuestionCodec = object({ type: string, value: json, extra: optional(json) });
export type GenericQuestion = TypeOf<typeof genericQuestionCodec>;
export type Question = HomomorphicQuestion | GenericQuestion;
export const questionCodec: Codec<Question> = either(
  (value) => typeof value === 'object' && value !== null && !('type' in value),
  (value): value is HomomorphicQuestion => !('type' in value),
  homomorphicQuestionCodec,
  genericQuestionCodec,
);
export const nonHomomorphicValueCodec = object({ answers: array(string), question: string });
export const isHomomorphic = (question: Question): question is HomomorphicQuestion => !('type' in question);

// §4.10 election
export const electionCodec = object({
  version: int,
  description: string,
  name: string,
  group: string,
  public_key: bigDecimal,
  questions: array(questionCodec),
  uuid: string,
  administrator: optional(string),
  credential_authority: optional(string),
});
export type Election = TypeOf<typeof electionCodec>;
/** Template for `setup make-election`: the election without what setup computes. */
export const electionTemplateCodec = object({
  description: string,
  name: string,
  questions: array(questionCodec),
  administrator: optional(string),
  credential_authority: optional(string),
});
export const setupDataCodec = object({ election: string, trustees: string, credentials: string });
export type SetupData = TypeOf<typeof setupDataCodec>;

// §4.11 answers
export const homomorphicAnswerCodec = object({
  choices: array(ciphertextCodec),
  individual_proofs: array(array(proofCodec)),
  overall_proof: array(proofCodec),
  blank_proof: optional(array(proofCodec)),
});
export type HomomorphicAnswer = TypeOf<typeof homomorphicAnswerCodec>;
export const nonHomomorphicAnswerCodec = object({ choices: ciphertextCodec, proof: proofCodec });
export type NonHomomorphicAnswer = TypeOf<typeof nonHomomorphicAnswerCodec>;
export type Answer = HomomorphicAnswer | NonHomomorphicAnswer;
export const answerCodec: Codec<Answer> = either(
  (value) =>
    typeof value === 'object' && value !== null && Array.isArray((value as { choices?: unknown }).choices),
  (value): value is HomomorphicAnswer => Array.isArray(value.choices),
  homomorphicAnswerCodec,
  nonHomomorphicAnswerCodec,
);

// §4.14–4.15 signature and ballot
export const signatureCodec = object({ hash: string, proof: proofCodec });
export const unsignedBallotCodec = object({
  election_uuid: string,
  election_hash: string,
  credential: bigDecimal,
  answers: array(answerCodec),
});
export const ballotCodec = object({
  election_uuid: string,
  election_hash: string,
  credential: bigDecimal,
  answers: array(answerCodec),
  signature: signatureCodec,
});
export type Ballot = TypeOf<typeof ballotCodec>;

// §4.16 tally
export const encryptedTallyCodec = array(array(ciphertextCodec));
export type EncryptedTally = TypeOf<typeof encryptedTallyCodec>;
export const sizedEncryptedTallyCodec = object({
  num_tallied: int,
  total_weight: bigDecimalOrInt(),
  encrypted_tally: string,
});
export type SizedEncryptedTally = TypeOf<typeof sizedEncryptedTallyCodec>;

// §4.17–4.18 shuffles and partial decryptions
export const nhCiphertextsCodec = array(array(ciphertextCodec));
export type NhCiphertexts = TypeOf<typeof nhCiphertextsCodec>;
/** shuffle_commitment_rand = G × G × G × (G × G) × G∗ (t1, t2, t3, (t4,1, t4,2), [t̂1..t̂N]). */
const shuffleCommitmentCodec = fixedTuple(
  [bigDecimal, bigDecimal, bigDecimal, tuple(bigDecimal, bigDecimal), array(bigDecimal)] as const,
  'shuffle_commitment_rand',
);
/** shuffle_response = Zq × Zq × Zq × Zq × Zq∗ × Zq∗ (s1, s2, s3, s4, [ŝ1..ŝN], [s′1..s′N]). */
const shuffleResponseCodec = fixedTuple(
  [bigDecimal, bigDecimal, bigDecimal, bigDecimal, array(bigDecimal), array(bigDecimal)] as const,
  'shuffle_response',
);
/** shuffle_proof = (t, s, c, ĉ): JSON arrays, as belenios-tool writes the OCaml tuples (spec §4.17). */
export const shuffleProofCodec = fixedTuple(
  [shuffleCommitmentCodec, shuffleResponseCodec, array(bigDecimal), array(bigDecimal)] as const,
  'shuffle_proof',
);
export type ShuffleProof = TypeOf<typeof shuffleProofCodec>;
export const shuffleCodec = object({ ciphertexts: nhCiphertextsCodec, proofs: array(shuffleProofCodec) });
export type Shuffle = TypeOf<typeof shuffleCodec>;
export const ownedCodec = object({ owner: int, payload: string });
export type Owned = TypeOf<typeof ownedCodec>;
export const partialDecryptionCodec = object({
  decryption_factors: array(array(bigDecimal)),
  decryption_proofs: array(array(proofCodec)),
});
export type PartialDecryption = TypeOf<typeof partialDecryptionCodec>;

// §4.19 result: counts are JSON numbers, or strings when too large for a double (as upstream writes).
export const resultCodec = object({ result: array(json) });
export type ElectionResult = TypeOf<typeof resultCodec>;

/** OCaml's 31-bit max_int: belenios-tool writes larger weights and counts as strings (checked by experiment). */
export const MAX_JSON_INT_WEIGHT = 1073741823n;

export function weightToJson(value: bigint): number | string {
  return value <= MAX_JSON_INT_WEIGHT ? Number(value) : value.toString();
}

/** Weights and counts: a JSON number up to 2^30 − 1, a decimal string beyond (as belenios-tool 2.0 writes). */
export function bigDecimalOrInt(): Codec<bigint> {
  return {
    decode(value, path) {
      if (typeof value === 'number' && Number.isSafeInteger(value) && value >= 0) return BigInt(value);
      return bigDecimal.decode(value, path);
    },
    toJson: weightToJson,
  };
}

type TupleOf<C extends readonly Codec<unknown>[]> = { -readonly [K in keyof C]: TypeOf<C[K]> };

/** A JSON array of fixed length whose items have their own codecs (OCaml tuples, as atdgen writes them). */
function fixedTuple<const C extends readonly Codec<unknown>[]>(items: C, what: string): Codec<TupleOf<C>> {
  return {
    decode(value, path) {
      if (!Array.isArray(value) || value.length !== items.length)
        throw new DecodeError(path, `expected ${what}: an array of ${items.length} items`);
      return items.map((codec, i) => codec.decode(value[i], `${path}[${i}]`)) as TupleOf<C>;
    },
    toJson: (value) => items.map((codec, i) => codec.toJson((value as unknown[])[i])),
  };
}
