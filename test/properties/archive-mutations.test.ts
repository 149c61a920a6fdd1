/**
 * Properties: a single change to an event (parent, height, type, payload), to the encrypted tally,
 * to a partial decryption or to the result makes verifyArchive reject a complete archive, and the
 * failure names the check responsible. Every changed file is re-hashed, references to it updated and
 * later events re-chained, so the rejection comes from the meaning of the change, not from a stale
 * file name.
 */
import fc from 'fast-check';
import { beforeAll, describe, expect, it } from 'vitest';
import { parseArchive } from '../../src/protocol/archive/archive.js';
import { type ArchiveEvent, EVENT_TYPES, type EventType } from '../../src/protocol/messages.js';
import { type CheckName, type FailureReason, verifyArchive } from '../../src/protocol/verifier.js';
import {
  type ArchiveModel,
  eventTypes,
  memoizedChecker,
  type SimulatedElection,
  simulateElection,
  type WriteOptions,
  writeArchive,
} from '../support/simulate.js';
import {
  ELEMENT_OPS,
  EXPONENT_OPS,
  exponentArb,
  getAt,
  hex64Arb,
  type Leaf,
  leaves,
  mutateNumber,
  type NumberOp,
  PROPERTY_SEED,
  setAt,
} from './mutations.js';

let election: SimulatedElection;
let types: EventType[];
let eventHashes: string[];
let dataHashes: string[];
const checker = memoizedChecker();

beforeAll(() => {
  election = simulateElection({
    group: 'BELENIOS-2048',
    questions: [{ answers: ['A', 'B'], blank: true, min: 1, max: 1, question: 'A or B, or blank' }],
    voters: [undefined, 3n],
    trustees: { singles: 2 },
    votes: [
      { voter: 0, plaintext: [[0, 1, 0]] },
      { voter: 1, plaintext: [[0, 0, 1]] },
      { voter: 0, plaintext: [[1, 0, 0]] },
    ],
  });
  types = eventTypes(election.model);
  const archive = parseArchive(election.bytes);
  eventHashes = archive.events.map((r) => r.hash);
  dataHashes = [...archive.data.keys()];
});

const verify = (model: ArchiveModel, options?: WriteOptions) =>
  verifyArchive(parseArchive(writeArchive(model, options)), checker);

const heightOf = (type: EventType, nth = 0) => types.flatMap((t, i) => (t === type ? [i] : []))[nth]!;

it('starts from a complete archive that verifies', async () => {
  expect(types).toEqual([
    'Setup',
    'Ballot',
    'Ballot',
    'Ballot',
    'EndBallots',
    'EncryptedTally',
    'PartialDecryption',
    'PartialDecryption',
    'Result',
  ]);
  expect(election.expected.result).toEqual([[1, 0, 3]]);
  const report = await verify(election.model);
  expect(report.failure).toBeUndefined();
  expect(report.result).toEqual(election.expected.result);
});

// ---------------------------------------------------------------------------------------------
// Events

type Phase = 'voting' | 'ended' | 'tallied' | 'decrypting' | 'result';
const AFTER: Partial<Record<EventType, Phase>> = {
  EndBallots: 'ended',
  EncryptedTally: 'tallied',
  EndShuffles: 'decrypting',
  PartialDecryption: 'decrypting',
  Result: 'result',
};
const ALLOWED: Partial<Record<EventType, Phase[]>> = {
  Ballot: ['voting'],
  EndBallots: ['voting'],
  EncryptedTally: ['ended'],
  Shuffle: ['tallied'],
  EndShuffles: ['tallied'],
  PartialDecryption: ['tallied', 'decrypting'],
  Result: ['decrypting'],
};
const WITHOUT_PAYLOAD: readonly EventType[] = ['EndBallots', 'EndShuffles'];
/** The check that reads each event's payload. */
const PAYLOAD_CHECK: Partial<Record<EventType, CheckName>> = {
  Setup: 'setup',
  Ballot: 'ballots',
  EncryptedTally: 'encrypted-tally',
  PartialDecryption: 'partial-decryptions',
  Result: 'result',
};

function phaseBefore(index: number): Phase {
  let phase: Phase = 'voting';
  for (const type of types.slice(1, index)) phase = AFTER[type] ?? phase;
  return phase;
}

interface Expectation {
  check: CheckName;
  /** The failure is at this height, or (for payloads shared with a later event) at or after it. */
  height: number;
  orLater?: boolean;
}

/** Where and why a change of the event type must be refused (spec §4.4 event sequence). */
function expectTypeChange(index: number, to: EventType): Expectation | 'skip' {
  const from = types[index]!;
  if (index === 0) return { check: 'setup', height: 0 };
  if (to === 'Setup') return { check: 'chain', height: index };
  if (!ALLOWED[to]!.includes(phaseBefore(index))) return { check: 'chain', height: index };
  // A well-placed shuffle: verification of shuffles is not supported yet.
  if (to === 'Shuffle') return { check: 'shuffles', height: index };
  const hasPayload = !WITHOUT_PAYLOAD.includes(from);
  if (WITHOUT_PAYLOAD.includes(to) && hasPayload) {
    // EndShuffles with a payload: see the dedicated test in test/roundtrip/event-sequence.test.ts.
    return to === 'EndShuffles' ? 'skip' : { check: 'chain', height: index };
  }
  if (!hasPayload) return { check: 'chain', height: index };
  return { check: PAYLOAD_CHECK[to]!, height: index };
}

interface EventMutation {
  index: number;
  field: 'parent' | 'height' | 'type' | 'payload';
  variant: number;
  hex: string;
}

function eventMutation(m: EventMutation): {
  edit: (e: ArchiveEvent) => ArchiveEvent;
  expected: Expectation | 'skip';
} {
  const { index, variant, hex } = m;
  const type = types[index]!;
  switch (m.field) {
    case 'parent': {
      const choice = variant % 3;
      if (choice === 0 || (choice === 2 && index < 2))
        return { edit: (e) => ({ ...e, parent: hex }), expected: { check: 'chain', height: index } };
      if (choice === 1) {
        return {
          edit: (e) => ({ ...e, parent: index === 0 ? eventHashes[1] : undefined }),
          expected: { check: 'chain', height: index },
        };
      }
      return {
        edit: (e) => ({ ...e, parent: eventHashes[index - 2] }),
        expected: { check: 'chain', height: index },
      };
    }
    case 'height': {
      const height =
        variant % 2 === 0 || index === 0 ? index + 1 + (variant % 3) : index - 1 - (variant % index);
      return { edit: (e) => ({ ...e, height }), expected: { check: 'chain', height } };
    }
    case 'type': {
      const others = EVENT_TYPES.filter((t) => t !== type);
      const to = others[variant % others.length]!;
      return { edit: (e) => ({ ...e, type: to }), expected: expectTypeChange(index, to) };
    }
    case 'payload': {
      const choice = variant % 3;
      const hasPayload = !WITHOUT_PAYLOAD.includes(type);
      if (choice === 0) {
        // Removed, or (for EndBallots) one added.
        return hasPayload
          ? { edit: (e) => ({ ...e, payload: undefined }), expected: { check: 'chain', height: index } }
          : {
              edit: (e) => ({ ...e, payload: dataHashes[variant % dataHashes.length] }),
              expected: { check: 'chain', height: index },
            };
      }
      if (choice === 1 || !hasPayload)
        return { edit: (e) => ({ ...e, payload: hex }), expected: { check: 'chain', height: index } };
      return {
        edit: (e) => {
          const others = dataHashes.filter((h) => h !== e.payload);
          return { ...e, payload: others[variant % others.length] };
        },
        // Pointing at another ballot (or partial decryption) is caught as a replay at the later of the two.
        expected: {
          check: PAYLOAD_CHECK[type]!,
          height: index,
          orLater: type === 'Ballot' || type === 'PartialDecryption',
        },
      };
    }
  }
}

const EVENT_FIELDS = ['parent', 'height', 'type', 'payload'] as const;
/** The variants of each field's change (eventMutation picks one by `variant` modulo these; a type change by its new type). */
const FIELD_VARIANTS: Record<EventMutation['field'], number> = {
  parent: 3,
  height: 2,
  type: EVENT_TYPES.length - 1,
  payload: 3,
};
const EVENT_COUNT = 9;

describe('changed events', () => {
  // Each class (field × variant of the change) on every run, at an event drawn from a fixed seed.
  for (const field of EVENT_FIELDS) {
    for (let base = 0; base < FIELD_VARIANTS[field]; base++) {
      it(`are rejected by the check that owns the changed field: ${field}, variant ${base}`, async () => {
        const arb = fc.record({
          index: fc.integer({ min: 0, max: EVENT_COUNT - 1 }),
          field: fc.constant(field),
          // variant ≡ base (mod the field's variants): the class is fixed, the rest is drawn.
          variant: fc.nat({ max: 300 }).map((k) => k * FIELD_VARIANTS[field] + base),
          hex: hex64Arb,
        });
        await fc.assert(
          fc.asyncProperty(arb, async (m) => {
            const { edit, expected } = eventMutation(m);
            fc.pre(expected !== 'skip');
            const report = await verify(election.model, {
              editEvent: (i, e) => (i === m.index ? edit(e) : e),
            });
            const want = expected as Expectation;
            expect(report.ok).toBe(false);
            expect(report.failure!.check).toBe(want.check);
            if (want.orLater) expect(report.failure!.height).toBeGreaterThanOrEqual(want.height);
            else expect(report.failure!.height).toBe(want.height);
          }),
          { seed: PROPERTY_SEED, numRuns: 4 },
        );
      });
    }
  }
});

// ---------------------------------------------------------------------------------------------
// Encrypted tally

type TallyChange =
  | { kind: 'number'; leaf: Leaf; op: NumberOp }
  | { kind: 'num_tallied' | 'total_weight'; delta: number };
const TALLY_CLASSES = [...ELEMENT_OPS, 'num_tallied', 'total_weight'] as const;

describe('a changed encrypted tally', () => {
  // Each class (an element op on any α/β, or a changed count) on every run, from a fixed seed.
  for (const change of TALLY_CLASSES) {
    it(`is rejected by the encrypted-tally check: ${change}`, async () => {
      const tally = election.model.tally!;
      const tallyLeaves = leaves(JSON.parse(tally.encryptedTally));
      const arb: fc.Arbitrary<TallyChange> =
        change === 'num_tallied' || change === 'total_weight'
          ? fc.record({ kind: fc.constant(change), delta: fc.constantFrom(-1, 1, 2) })
          : fc.record({
              kind: fc.constant('number' as const),
              leaf: fc.constantFrom(...tallyLeaves),
              op: fc.constant<NumberOp>(change),
            });
      await fc.assert(
        fc.asyncProperty(arb, async (m) => {
          let model: ArchiveModel;
          if (m.kind === 'number') {
            const json: unknown = JSON.parse(tally.encryptedTally);
            const changed = mutateNumber(
              election.context.group,
              getAt(json, m.leaf.path) as string,
              m.op,
              0n,
            );
            model = {
              ...election.model,
              tally: { ...tally, encryptedTally: JSON.stringify(setAt(json, m.leaf.path, changed)) },
            };
          } else if (m.kind === 'num_tallied') {
            model = { ...election.model, tally: { ...tally, numTallied: tally.numTallied + m.delta } };
          } else {
            model = {
              ...election.model,
              tally: { ...tally, totalWeight: tally.totalWeight + BigInt(m.delta) },
            };
          }
          const report = await verify(model);
          expect(report.ok).toBe(false);
          expect(report.failure).toMatchObject({
            check: 'encrypted-tally',
            height: heightOf('EncryptedTally'),
          });
        }),
        { seed: PROPERTY_SEED, numRuns: 3 },
      );
    });
  }
});

// ---------------------------------------------------------------------------------------------
// Partial decryptions

type PartialChange =
  | { kind: 'owner'; which: number; owner: number }
  | { kind: 'number'; which: number; leaf: Leaf; op: NumberOp; random: bigint };

/** Every (which, owner) pair but the true ones: each outcome (unknown, twice, wrong key) every run. */
const OWNER_CASES = [0, 1].flatMap((which) =>
  [0, 1, 2, 3, 99]
    .filter((owner) => owner !== which + 1)
    .map((owner) => ({ kind: 'owner' as const, which, owner })),
);

describe('a changed partial decryption', () => {
  let pdLeaves: Leaf[];
  beforeAll(() => {
    pdLeaves = leaves(JSON.parse(election.model.partialDecryptions[0]!.raw), (path) =>
      path[0] === 'decryption_factors' ? 'element' : undefined,
    );
  });

  /** Verifies the archive with one partial decryption changed and checks the refusal's code. */
  async function expectRefused(m: PartialChange) {
    const partials = [...election.model.partialDecryptions];
    const original = partials[m.which]!;
    expect(original.owner).toBe(m.which + 1);
    let expectedTrustee = original.owner;
    let reason: FailureReason;
    if (m.kind === 'owner') {
      partials[m.which] = { ...original, owner: m.owner };
      expectedTrustee = m.owner;
      reason =
        m.owner === 1 || m.owner === 2
          ? m.which === 0
            ? 'invalid-proof'
            : 'decrypted-twice'
          : 'unknown-trustee';
    } else {
      const { leaf, op } = m;
      const json: unknown = JSON.parse(original.raw);
      const changed = mutateNumber(election.context.group, getAt(json, leaf.path) as string, op, m.random);
      partials[m.which] = { ...original, raw: JSON.stringify(setAt(json, leaf.path, changed)) };
      reason =
        op === 'leading-zero'
          ? 'malformed'
          : leaf.kind === 'element' && op !== 'times-g'
            ? 'not-in-group'
            : 'invalid-proof';
    }
    const report = await verify({ ...election.model, partialDecryptions: partials });
    expect(report.ok).toBe(false);
    expect(report.failure).toMatchObject({
      check: 'partial-decryptions',
      reason,
      height: heightOf('PartialDecryption', m.which),
    });
    // A malformed one does not name its trustee yet: see test/roundtrip/verifier-gaps.test.ts.
    if (reason !== 'malformed') expect(report.failure!.trustee).toBe(expectedTrustee);
  }

  it('finds the numbers of a partial decryption', () => {
    expect(pdLeaves.filter((l) => l.kind === 'element')).toHaveLength(3);
    expect(pdLeaves.filter((l) => l.kind === 'exponent')).toHaveLength(6);
  });

  // Each class (an element op on a factor, an exponent op on a proof) on every run, from a fixed seed.
  for (const [kind, ops] of [
    ['element', ELEMENT_OPS],
    ['exponent', EXPONENT_OPS],
  ] as const) {
    for (const op of ops) {
      it(`is rejected by the partial-decryptions check, naming the trustee: ${kind}, ${op}`, async () => {
        const arb = fc.record({
          kind: fc.constant('number' as const),
          which: fc.constantFrom(0, 1),
          leaf: fc.constantFrom(...pdLeaves.filter((l) => l.kind === kind)),
          op: fc.constant<NumberOp>(op),
          random: exponentArb(election.context.group),
        });
        await fc.assert(fc.asyncProperty(arb, expectRefused), { seed: PROPERTY_SEED, numRuns: 3 });
      });
    }
  }

  it("is rejected with another owner: unknown, decrypted twice, or not that trustee's key", async () => {
    for (const change of OWNER_CASES) await expectRefused(change);
  });
});

// ---------------------------------------------------------------------------------------------
// Result

const RESULT_EDITS = [
  'increment',
  'decrement',
  'swap',
  'drop-count',
  'extra-count',
  'drop-row',
  'extra-row',
  'non-numeric',
  'negative',
  'null',
  'nested',
  'extra-field',
  'missing-field',
] as const;
type ResultEdit = (typeof RESULT_EDITS)[number];

function editResult(result: number[][], edit: ResultEdit, j: number, k: number): string {
  const row = [...result[0]!];
  const at = j % row.length;
  const other = (at + 1 + (k % (row.length - 1))) % row.length;
  const withRow = (r: unknown[]) => JSON.stringify({ result: [r] });
  switch (edit) {
    case 'increment':
      return withRow(row.map((c, i) => (i === at ? c + 1 + (k % 3) : c)));
    case 'decrement':
      return withRow(row.map((c, i) => (i === at ? (c > 0 ? c - 1 : c + 1) : c)));
    case 'swap':
      return withRow(row.map((c, i) => (i === at ? row[other]! : i === other ? row[at]! : c)));
    case 'drop-count':
      return withRow(row.filter((_, i) => i !== at));
    case 'extra-count':
      return withRow([...row, k % 2]);
    case 'drop-row':
      return JSON.stringify({ result: [] });
    case 'extra-row':
      return JSON.stringify({ result: [row, [0]] });
    case 'non-numeric':
      return withRow(row.map((c, i) => (i === at ? 'many' : c)));
    case 'negative':
      return withRow(row.map((c, i) => (i === at ? -c - 1 : c)));
    case 'null':
      return withRow(row.map((c, i) => (i === at ? null : c)));
    case 'nested':
      return withRow(row.map((c, i) => (i === at ? [c] : c)));
    case 'extra-field':
      return JSON.stringify({ result: [row], winners: [] });
    case 'missing-field':
      return '{}';
  }
}

describe('a changed result', () => {
  // Each kind of edit on every run, at counts drawn from a fixed seed.
  for (const edit of RESULT_EDITS) {
    it(`is rejected by the result check: ${edit}`, async () => {
      const result = election.expected.result as number[][];
      expect(new Set(result[0]).size).toBe(result[0]!.length); // distinct counts: a swap is a change
      await fc.assert(
        fc.asyncProperty(fc.nat(), fc.nat(), async (j, k) => {
          const report = await verify({ ...election.model, result: editResult(result, edit, j, k) });
          expect(report.ok).toBe(false);
          expect(report.failure).toMatchObject({ check: 'result', height: heightOf('Result') });
        }),
        { seed: PROPERTY_SEED, numRuns: 2 },
      );
    });
  }
});

describe('a result claiming a count plus the group order', () => {
  // Issue 20, survivor 7: g^(r + q) = g^r, so only the bound on counts (at most the total weight)
  // tells r + q from r; without it the verifier accepted a result inflated by q.
  it('is refused by the result check, for every count', async () => {
    const result = election.expected.result as number[][];
    const { q } = election.context.group;
    for (const [j, count] of result[0]!.entries()) {
      const row = result[0]!.map((c, i) => (i === j ? (BigInt(count) + q).toString() : c));
      const report = await verify({ ...election.model, result: JSON.stringify({ result: [row] }) });
      expect(report.ok, `count ${j}`).toBe(false);
      expect(report.failure).toMatchObject({ check: 'result', height: heightOf('Result') });
    }
  });
});

// ---------------------------------------------------------------------------------------------
// Setup data (deterministic: a handful of cases, each caught before any ballot is looked at)

describe('changed setup data', () => {
  // The check, and the code of what it found (none for the trustee checks' proof of knowledge).
  const edits: [string, (m: ArchiveModel) => ArchiveModel, CheckName, FailureReason | undefined][] = [
    [
      'election key not the product of the trustee keys',
      (m) => {
        const e = JSON.parse(m.election) as { public_key: string };
        const group = election.context.group;
        return {
          ...m,
          election: JSON.stringify({ ...e, public_key: group.mul(BigInt(e.public_key), group.g).toString() }),
        };
      },
      'trustees',
      'election-key',
    ],
    [
      'uuid too short',
      (m) => ({
        ...m,
        election: m.election.replace(/"uuid":"([^"]+)"/, (_, u: string) => `"uuid":"${u.slice(0, 13)}"`),
      }),
      'setup',
      'malformed',
    ],
    [
      'trustee proof of knowledge',
      (m) => {
        const t = JSON.parse(m.trustees) as [string, { pok: { challenge: string } }][];
        const q = election.context.group.q;
        t[1]![1].pok.challenge = ((BigInt(t[1]![1].pok.challenge) + 1n) % q).toString();
        return { ...m, trustees: JSON.stringify(t) };
      },
      'trustees',
      undefined,
    ],
    [
      'credential outside the group',
      (m) => {
        const lines = JSON.parse(m.credentials) as string[];
        const [c, w] = lines[0]!.split(',');
        lines[0] = [(BigInt(c!) + election.context.group.p).toString(), ...(w ? [w] : [])].join(',');
        return { ...m, credentials: JSON.stringify(lines) };
      },
      'credentials',
      'not-in-group',
    ],
    [
      'duplicate credential',
      (m) => ({
        ...m,
        credentials: JSON.stringify([
          ...(JSON.parse(m.credentials) as string[]),
          (JSON.parse(m.credentials) as string[])[0],
        ]),
      }),
      'credentials',
      'duplicate',
    ],
    [
      'zero weight',
      (m) => ({ ...m, credentials: m.credentials.replace(',3"', ',0"') }),
      'credentials',
      'bad-weight',
    ],
    [
      'credential of a voter who voted removed',
      (m) => ({
        ...m,
        credentials: JSON.stringify(
          (JSON.parse(m.credentials) as string[]).filter(
            (l) => !l.startsWith(`${election.voters[1]!.publicCredential},`),
          ),
        ),
      }),
      'ballots',
      'invalid-credential',
    ],
  ];
  for (const [name, edit, check, reason] of edits) {
    it(`refuses: ${name} (${check})`, async () => {
      const model = edit(election.model);
      expect(model).not.toEqual(election.model);
      const report = await verify(model);
      expect(report.ok).toBe(false);
      expect(report.failure!.check).toBe(check);
      expect(report.failure!.reason).toBe(reason);
    });
  }
});
