/**
 * Property: changing any single field of a cast ballot (any number in its choices, proofs, signature
 * or credential, its election_hash or election_uuid) makes verifyArchive reject the archive at that
 * ballot, under the 'ballots' check and with the new ballot's tracker, even though the archive is
 * re-hashed and re-chained around it. Ballots edited and then re-signed with the voter's real
 * credential (a valid signature) must still be rejected for their zero-knowledge proofs.
 */
import fc from 'fast-check';
import { beforeAll, describe, expect, it } from 'vitest';
import { decodeText, encode } from '../../src/core/codec.js';
import { sha256B64 } from '../../src/core/hash.js';
import { parseArchive } from '../../src/protocol/archive/archive.js';
import { checkBallot, serializeBallot } from '../../src/protocol/ballot.js';
import { parseBallot } from '../../src/protocol/ballot-box.js';
import { ballotCodec, unsignedBallotCodec } from '../../src/protocol/messages.js';
import { ballotSignatureChallenge, verifyDlog } from '../../src/protocol/proofs/schnorr.js';
import { type FailureReason, verifyArchive } from '../../src/protocol/verifier.js';
import {
  memoizedChecker,
  resign,
  type SimulatedElection,
  simulateElection,
  writeArchive,
} from '../support/simulate.js';
import {
  exponentArb,
  getAt,
  type Leaf,
  type LeafKind,
  leaves,
  mutateNumber,
  type NumberOp,
  OUT_OF_GROUP_ELEMENT_OPS,
  opsFor,
  PROPERTY_SEED,
  setAt,
} from './mutations.js';

/** Voter of each cast ballot; voter 2 never votes (its credential is used to impersonate). */
const CASTERS = [0, 1];
const BYSTANDER = 2;

let election: SimulatedElection;
let byCategory: Map<string, Leaf[]>;
const checker = memoizedChecker();

beforeAll(() => {
  election = simulateElection({
    group: 'BELENIOS-2048',
    questions: [
      { answers: ['A', 'B', 'C'], min: 1, max: 2, question: 'One or two' },
      { answers: ['X', 'Y'], blank: true, min: 1, max: 1, question: 'One, or blank' },
    ],
    voters: [undefined, 3n, undefined],
    trustees: { singles: 1 },
    votes: [
      {
        voter: 0,
        plaintext: [
          [1, 1, 0],
          [0, 1, 0],
        ],
      },
      {
        voter: 1,
        plaintext: [
          [0, 0, 1],
          [1, 0, 0],
        ],
      },
    ],
  });
  byCategory = new Map();
  for (const leaf of leaves(JSON.parse(election.model.ballots[0]!))) {
    byCategory.set(leaf.category, [...(byCategory.get(leaf.category) ?? []), leaf]);
  }
});

/** The kind of every leaf of each category of a ballot (checked against the base ballot below). */
const CATEGORY_KINDS = {
  election_uuid: 'text',
  election_hash: 'text',
  credential: 'element',
  choices: 'element',
  individual_proofs: 'exponent',
  overall_proof: 'exponent',
  blank_proof: 'exponent',
  'signature.hash': 'text',
  'signature.proof': 'exponent',
} as const satisfies Record<string, LeafKind>;
type Category = keyof typeof CATEGORY_KINDS;
const CATEGORIES = Object.keys(CATEGORY_KINDS) as Category[];

it('finds every kind of field in the base ballot', () => {
  expect([...byCategory.keys()].sort()).toEqual([...CATEGORIES].sort());
  for (const [category, leaves] of byCategory)
    expect(new Set(leaves.map((l) => l.kind)), category).toEqual(
      new Set([CATEGORY_KINDS[category as Category]]),
    );
  // 3 + (1 blank + 2) slots, two numbers per ciphertext, two branches of two numbers per individual proof.
  expect(byCategory.get('choices')).toHaveLength(6 * 2);
  expect(byCategory.get('individual_proofs')).toHaveLength(6 * 2 * 2);
  expect(byCategory.get('blank_proof')).toHaveLength(2 * 2);
});

/** A changed text field: another uuid (still Base58) or another hash. */
function otherText(value: string, variant: number): string {
  if (/^[1-9A-HJ-NP-Za-km-z]{14,}$/.test(value))
    return value.slice(0, -1) + (value.endsWith('2') ? '3' : '2');
  return sha256B64(`${value}|${variant}`);
}

interface Mutation {
  ballot: number;
  leaf: Leaf;
  /** A numeric op, 'other-text' for text fields, or 'other-voter' for the credential. */
  op: NumberOp | 'other-text' | 'other-voter';
  random: bigint;
}

type Op = Mutation['op'];

/**
 * The mutation classes of these categories: each (category, op) pair, ops by the kind of the
 * category's leaves (a category holds leaves of one kind).
 */
function mutationClasses(options: {
  categories: readonly Category[];
  elementOps?: readonly NumberOp[];
  exponentOps?: readonly NumberOp[];
  credentialOps?: readonly (NumberOp | 'other-voter')[];
}): { category: Category; op: Op }[] {
  return options.categories.flatMap((category) => {
    const kind = CATEGORY_KINDS[category];
    const ops: readonly Op[] =
      kind === 'text'
        ? ['other-text']
        : category === 'credential'
          ? (options.credentialOps ?? [...opsFor('element'), 'other-voter'])
          : kind === 'element'
            ? (options.elementOps ?? opsFor('element'))
            : (options.exponentOps ?? opsFor('exponent'));
    return ops.map((op) => ({ category, op }));
  });
}

/** A mutation of one class: which ballot, which leaf of the category and the random exponent are drawn. */
function mutationArb(category: Category, op: Op): fc.Arbitrary<Mutation> {
  const candidates = byCategory.get(category)!;
  return fc
    .record({
      ballot: fc.constantFrom(0, 1),
      index: fc.nat({ max: candidates.length - 1 }),
      random: exponentArb(election.context.group),
    })
    .map(({ ballot, index, random }) => ({ ballot, leaf: candidates[index]!, op, random }));
}

function applyMutation(mutation: Mutation): { json: unknown } {
  const original = election.model.ballots[mutation.ballot]!;
  const json: unknown = JSON.parse(original);
  const current = getAt(json, mutation.leaf.path) as string;
  const next =
    mutation.op === 'other-text'
      ? otherText(current, Number(mutation.random % 1000n))
      : mutation.op === 'other-voter'
        ? election.voters[BYSTANDER]!.publicCredential.toString()
        : mutateNumber(election.context.group, current, mutation.op, mutation.random);
  expect(next).not.toBe(current);
  return { json: setAt(json, mutation.leaf.path, next) };
}

async function verifyWithBallot(index: number, raw: string) {
  const ballots = election.model.ballots.map((b, i) => (i === index ? raw : b));
  return verifyArchive(parseArchive(writeArchive({ ...election.model, ballots })), checker);
}

/** What the verifier should find, from the field and the kind of change. */
function expectedReason(mutation: Mutation): FailureReason {
  const { category } = mutation.leaf;
  if (mutation.op === 'leading-zero') return 'malformed';
  if (category === 'election_uuid' || category === 'election_hash') return 'wrong-election';
  if (category === 'signature.hash' || category === 'signature.proof') return 'invalid-signature';
  if (category === 'credential')
    return mutation.op === 'other-voter' ? 'invalid-proof' : 'invalid-credential';
  if (mutation.leaf.kind === 'element' && mutation.op !== 'times-g') return 'not-in-group';
  return 'invalid-proof';
}

describe('tampered ballots', () => {
  // Each class (field × kind of change) on every run, from a fixed seed that fast-check prints on failure.
  for (const { category, op } of mutationClasses({ categories: CATEGORIES })) {
    it(`are rejected at the tampered ballot: ${category}, ${op}`, async () => {
      await fc.assert(
        fc.asyncProperty(mutationArb(category, op), async (mutation) => {
          const { json } = applyMutation(mutation);
          const raw = JSON.stringify(json);
          const report = await verifyWithBallot(mutation.ballot, raw);
          expect(report.ok).toBe(false);
          expect(report.failure).toMatchObject({
            check: 'ballots',
            reason: expectedReason(mutation),
            height: mutation.ballot + 1,
            // An unparsable ballot is named by the hash of its bytes, like any other.
            ballot: sha256B64(raw),
          });
        }),
        { seed: PROPERTY_SEED, numRuns: 2 },
      );
    });
  }

  const RESIGNED = mutationClasses({
    categories: [
      'election_hash',
      'election_uuid',
      'credential',
      'choices',
      'individual_proofs',
      'overall_proof',
      'blank_proof',
    ],
    elementOps: ['times-g'],
    exponentOps: ['plus-one-mod-q', 'plus-q', 'random'],
    credentialOps: ['other-voter'],
  });
  for (const { category, op } of RESIGNED) {
    it(`are rejected for their proofs even when re-signed with the real credential: ${category}, ${op}`, async () => {
      await fc.assert(
        fc.asyncProperty(mutationArb(category, op), async (mutation) => {
          const { json } = applyMutation(mutation);
          const edited = decodeText(ballotCodec, JSON.stringify(json), 'ballot');
          // The copied-ballot attack: the bystander signs someone else's ballot put under its own credential.
          const signer = mutation.op === 'other-voter' ? BYSTANDER : CASTERS[mutation.ballot]!;
          const signed = resign(election.context, election.voters[signer]!.credential, edited);
          const { signature, ...unsigned } = signed;
          expect(signature.hash).toBe(sha256B64(encode(unsignedBallotCodec, unsigned)));
          expect(
            verifyDlog(
              election.context.group,
              signed.credential,
              signature.proof,
              ballotSignatureChallenge(election.context.group, signature.hash),
            ),
          ).toBe(true);
          const raw = serializeBallot(signed);
          const report = await verifyWithBallot(mutation.ballot, raw);
          expect(report.ok).toBe(false);
          expect(report.failure).toMatchObject({
            check: 'ballots',
            reason: expectedReason(mutation),
            height: mutation.ballot + 1,
            ballot: sha256B64(raw),
          });
        }),
        { seed: PROPERTY_SEED, numRuns: 2 },
      );
    });
  }
});

describe('ciphertexts out of the group', () => {
  // Issue 20, survivor 1: dropping the membership check of β (or of α) in checkBallot went unnoticed,
  // the proofs then refusing the ballot for another reason. Every slot, not a random one: the blank
  // slot (under the blank proof) and the others (under the overall proof) of both answers.
  it('are refused as not-in-group, whichever α or β of whichever answer is changed', () => {
    const { group } = election.context;
    let tried = 0;
    for (const [index, original] of election.model.ballots.entries()) {
      const json: unknown = JSON.parse(original);
      const slots = leaves(json).filter((l) => l.category === 'choices');
      expect(slots.map((l) => l.path.at(-1))).toEqual(Array(6).fill(['alpha', 'beta']).flat());
      for (const leaf of slots) {
        const current = getAt(json, leaf.path) as string;
        for (const op of [...OUT_OF_GROUP_ELEMENT_OPS, 'zero'] as const) {
          const next = op === 'zero' ? '0' : mutateNumber(group, current, op, 0n);
          const parsed = parseBallot(JSON.stringify(setAt(json, leaf.path, next)));
          if (!parsed.ok) throw new Error(`ballot ${index} ${leaf.path.join('.')} ${op}: ${parsed.problem}`);
          const verdict = checkBallot(election.context, parsed.ballot);
          expect(verdict, `ballot ${index} ${leaf.path.join('.')} ${op}`).toMatchObject({
            ok: false,
            reason: 'not-in-group',
          });
          tried++;
        }
      }
    }
    expect(tried).toBe(2 * 12 * 4);
  });
});

describe('re-cast ballots', () => {
  it('rejects the same ballot bytes cast twice (a replay)', async () => {
    const replayed = [...election.model.ballots, election.model.ballots[0]!];
    const report = await verifyArchive(
      parseArchive(
        writeArchive({
          ...election.model,
          ballots: replayed,
          tally: undefined,
          partialDecryptions: [],
          result: undefined,
        }),
      ),
      checker,
    );
    expect(report.failure).toMatchObject({
      check: 'ballots',
      height: 3,
      ballot: election.trackers[0],
      reason: 'replay',
    });
  });
});
