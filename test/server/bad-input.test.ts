/**
 * Bad input at the HTTP edge, generated with fast-check: real ballots mutated (truncated JSON, a
 * field of the wrong type, huge or non-canonical numbers, extra or missing fields, reformatted or
 * escaped JSON, another voter's or another election's ballot, a replay), malformed requests to the
 * cast route (wrong content types, bad JSON, unknown fields, oversized bodies) and malformed bodies
 * to the admin and login routes, sent by an admin, a voter or nobody. Every answer must be a 4xx
 * with the catalogue's `{ error: { code, message } }`, and neither the served archive nor anything
 * in the store (every table of the SQLite file, sessions included) may change.
 */
import { createHash } from 'node:crypto';
import { rmSync } from 'node:fs';
import { join } from 'node:path';
import SqliteDatabase from 'better-sqlite3';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createDemo, type Demo } from '../../src/cli/scrutin/demo.js';
import { requireGroup } from '../../src/core/group.js';
import { ERRORS } from '../../src/server/errors.js';
import { getAt, leaves, mutateNumber, type NumberOp, setAt } from '../properties/mutations.js';
import { ballotMaker, demoVote } from '../support/served-election.js';
import { tempDir } from '../support/tools.js';
import { type Answer, Client } from '../world/client.js';
import { startTestServer, type TestServer } from '../world/server.js';

/** Voters of the main election: each may cast 20 times a minute, so fuzzed casts rotate among them. */
const VOTERS = 16;
const SEED = Number(process.env.FC_SEED ?? 20260524);
const group = requireGroup('BELENIOS-2048');

type Who = 'admin' | 'voter' | 'anonymous';

/** The answer the catalogue promises for a refused request. */
function expectRefusal(answer: Answer, what: string): void {
  const context = `${what} → ${answer.status} ${answer.body.toString('utf8').slice(0, 300)}`;
  expect(answer.status, context).toBeGreaterThanOrEqual(400);
  expect(answer.status, context).toBeLessThan(500);
  expect(answer.json, context).toBeDefined();
  expect(Object.keys(answer.json), context).toEqual(['error']);
  expect(Object.keys(ERRORS), context).toContain(answer.json.error.code);
  expect(typeof answer.json.error.message, context).toBe('string');
  expect(answer.json.error.message.length, context).toBeGreaterThan(0);
}

const sha256 = (bytes: Uint8Array | string) => createHash('sha256').update(bytes).digest('hex');

/** A digest of every row of every table of the SQLite store (read through a separate connection). */
/** One digest per table, so a failure names the table that changed. */
function storeDigest(path: string): Record<string, string> {
  const db = new SqliteDatabase(path, { readonly: true, fileMustExist: true });
  try {
    const tables = db.prepare("select name from sqlite_master where type = 'table' order by name").all() as {
      name: string;
    }[];
    const dump = tables.map(({ name }) => {
      const rows = db
        .prepare(`select * from "${name}"`)
        .all()
        // A voter's latest sign-in time moves with every legitimate login the tests make.
        .map((row) =>
          JSON.stringify(name === 'voter_access' ? { ...(row as object), last_login_at: null } : row),
        )
        .sort();
      return [name, sha256(JSON.stringify(rows))] as const;
    });
    return Object.fromEntries(dump);
  } finally {
    db.close();
  }
}

/** One change to a real ballot's text; `pick` values select among the ballot's leaves and nodes. */
type BallotMutation =
  | { kind: 'truncate'; at: number }
  | { kind: 'wrong-type'; pick: number; value: unknown }
  | {
      kind: 'number';
      pick: number;
      op: NumberOp | 'huge' | 'negative' | 'exponent' | 'plus-sign' | 'hex' | 'space';
    }
  | { kind: 'huge-json-number'; pick: number }
  | { kind: 'extra-field'; pick: number; key: string; value: unknown }
  | { kind: 'drop-field'; pick: number }
  | { kind: 'reformat'; indent: number | string }
  | { kind: 'reorder' }
  | { kind: 'escape'; pick: number }
  | { kind: 'another-voter' | 'another-election' | 'replay' };

const NUMBER_OPS = [
  'times-g',
  'plus-one',
  'plus-p',
  'p-minus',
  'leading-zero',
  'plus-q',
  'huge',
  'negative',
  'exponent',
  'plus-sign',
  'hex',
  'space',
] as const;

const ballotMutationArb: fc.Arbitrary<BallotMutation> = fc.oneof(
  fc.record({ kind: fc.constant('truncate' as const), at: fc.nat() }),
  fc.record({
    kind: fc.constant('wrong-type' as const),
    pick: fc.nat(),
    value: fc.oneof(
      fc.integer(),
      fc.double(),
      fc.boolean(),
      fc.constant(null),
      fc.array(fc.string(), { maxLength: 2 }),
      fc.dictionary(fc.string(), fc.integer(), { maxKeys: 2 }),
    ),
  }),
  fc.record({ kind: fc.constant('number' as const), pick: fc.nat(), op: fc.constantFrom(...NUMBER_OPS) }),
  // Another group element in place of one: well-formed, so only the proofs can refuse it.
  fc.record({ kind: fc.constant('number' as const), pick: fc.nat(), op: fc.constant('times-g' as const) }),
  fc.record({
    kind: fc.constant('number' as const),
    pick: fc.nat(),
    op: fc.constant('plus-one-mod-q' as const),
  }),
  fc.record({ kind: fc.constant('huge-json-number' as const), pick: fc.nat() }),
  fc.record({
    kind: fc.constant('extra-field' as const),
    pick: fc.nat(),
    key: fc.string({ minLength: 1, maxLength: 12 }),
    value: fc.jsonValue({ maxDepth: 2 }),
  }),
  fc.record({ kind: fc.constant('drop-field' as const), pick: fc.nat() }),
  fc.record({ kind: fc.constant('reformat' as const), indent: fc.constantFrom(1, 2, '\t') }),
  fc.constant({ kind: 'reorder' as const }),
  fc.record({ kind: fc.constant('escape' as const), pick: fc.nat() }),
  fc.constantFrom(
    { kind: 'another-voter' as const },
    { kind: 'another-election' as const },
    { kind: 'replay' as const },
  ),
);

/** Every object node of a JSON value, by path. */
function objectPaths(json: unknown, path: (string | number)[] = []): (string | number)[][] {
  if (Array.isArray(json)) return json.flatMap((item, i) => objectPaths(item, [...path, i]));
  if (json !== null && typeof json === 'object') {
    return [path, ...Object.entries(json).flatMap(([key, value]) => objectPaths(value, [...path, key]))];
  }
  return [];
}

function reorderKeys(json: unknown): unknown {
  if (Array.isArray(json)) return json.map(reorderKeys);
  if (json !== null && typeof json === 'object') {
    return Object.fromEntries(
      Object.entries(json)
        .reverse()
        .map(([k, v]) => [k, reorderKeys(v)]),
    );
  }
  return json;
}

/** The mutated ballot text; `others` supplies the ballots that are valid but not this voter's to cast. */
function mutateBallot(
  raw: string,
  mutation: BallotMutation,
  others: { anotherVoter: string; anotherElection: string; alreadyCast: string },
): string {
  const json = JSON.parse(raw) as Record<string, unknown>;
  const all = leaves(json);
  const numeric = all.filter((leaf) => leaf.kind !== 'text');
  const nodes = objectPaths(json);
  switch (mutation.kind) {
    case 'truncate':
      return raw.slice(0, mutation.at % raw.length);
    case 'wrong-type': {
      const leaf = all[mutation.pick % all.length]!;
      return JSON.stringify(setAt(json, leaf.path, mutation.value));
    }
    case 'number': {
      const leaf = numeric[mutation.pick % numeric.length]!;
      const text = getAt(json, leaf.path) as string;
      const changed =
        mutation.op === 'huge'
          ? `${text}${'9'.repeat(5000)}`
          : mutation.op === 'negative'
            ? `-${text}`
            : mutation.op === 'exponent'
              ? `${text.slice(0, 3)}e${text.length - 3}`
              : mutation.op === 'plus-sign'
                ? `+${text}`
                : mutation.op === 'hex'
                  ? `0x${BigInt(text).toString(16)}`
                  : mutation.op === 'space'
                    ? ` ${text}`
                    : mutateNumber(group, text, mutation.op, 12345n);
      return JSON.stringify(setAt(json, leaf.path, changed));
    }
    case 'huge-json-number': {
      const leaf = numeric[mutation.pick % numeric.length]!;
      return JSON.stringify(setAt(json, leaf.path, '@@HUGE@@')).replace('"@@HUGE@@"', `1${'0'.repeat(400)}`);
    }
    case 'extra-field': {
      const path = nodes[mutation.pick % nodes.length]!;
      const node = path.length === 0 ? json : (getAt(json, path) as Record<string, unknown>);
      const key = Object.hasOwn(node, mutation.key) ? `${mutation.key}_extra` : mutation.key;
      const value = mutation.value === undefined ? null : mutation.value;
      return JSON.stringify(
        path.length === 0 ? { ...json, [key]: value } : setAt(json, path, { ...node, [key]: value }),
      );
    }
    case 'drop-field': {
      const path = nodes[mutation.pick % nodes.length]!;
      const node = path.length === 0 ? json : (getAt(json, path) as Record<string, unknown>);
      const keys = Object.keys(node);
      const { [keys[mutation.pick % keys.length]!]: _, ...rest } = node;
      return JSON.stringify(path.length === 0 ? rest : setAt(json, path, rest));
    }
    case 'reformat':
      return JSON.stringify(json, null, mutation.indent);
    case 'reorder':
      return JSON.stringify(reorderKeys(json));
    case 'escape': {
      // One digit of one number written as a JSON \u escape: the same value, other bytes.
      const leaf = numeric[mutation.pick % numeric.length]!;
      const text = getAt(json, leaf.path) as string;
      const marked = JSON.stringify(setAt(json, leaf.path, '@@ESC@@'));
      return marked.replace('"@@ESC@@"', `"\\u003${text[0]}${text.slice(1)}"`);
    }
    case 'another-voter':
      return others.anotherVoter;
    case 'another-election':
      return others.anotherElection;
    case 'replay':
      return others.alreadyCast;
  }
}

/** Requests to the cast route that are wrong as HTTP requests, whatever the ballot. */
type Envelope =
  | { kind: 'content-type'; type: string }
  | { kind: 'bad-json'; cut: number }
  | { kind: 'shape'; body: unknown }
  | { kind: 'unknown-field'; key: string; value: unknown }
  | { kind: 'proto' }
  | { kind: 'oversized-ballot' }
  | { kind: 'oversized-body' }
  | { kind: 'no-body' };

const envelopeArb: fc.Arbitrary<Envelope> = fc.oneof(
  fc.record({
    kind: fc.constant('content-type' as const),
    type: fc.constantFrom(
      'text/plain',
      'text/csv',
      'application/x-www-form-urlencoded',
      'multipart/form-data; boundary=x',
      'application/xml',
      'application/octet-stream',
      'application/jsonx',
    ),
  }),
  fc.record({ kind: fc.constant('bad-json' as const), cut: fc.integer({ min: 1, max: 40 }) }),
  fc.record({
    kind: fc.constant('shape' as const),
    body: fc.oneof(
      fc.constant([]),
      fc.constant(null),
      fc.integer(),
      fc.string(),
      fc.constant({}),
      fc.record({
        ballot: fc.oneof(
          fc.integer(),
          fc.constant(null),
          fc.boolean(),
          fc.array(fc.string(), { maxLength: 2 }),
          fc.dictionary(fc.string(), fc.string(), { maxKeys: 2 }),
        ),
      }),
      fc.record({ Ballot: fc.string() }),
      fc.record({ ballot: fc.string({ maxLength: 1 }) }),
    ),
  }),
  fc.record({
    kind: fc.constant('unknown-field' as const),
    key: fc.string({ minLength: 1, maxLength: 10 }).filter((k) => k !== 'ballot' && k !== '__proto__'),
    value: fc.jsonValue({ maxDepth: 1 }),
  }),
  fc.constantFrom(
    { kind: 'proto' as const },
    { kind: 'oversized-ballot' as const },
    { kind: 'oversized-body' as const },
    { kind: 'no-body' as const },
  ),
);

/** Payload and content type of an envelope around a valid (never cast) ballot. */
function envelope(e: Envelope, ballot: string): { payload?: string; type?: string } {
  const good = JSON.stringify({ ballot });
  switch (e.kind) {
    case 'content-type':
      return e.type === 'application/x-www-form-urlencoded'
        ? { payload: `ballot=${encodeURIComponent(ballot)}`, type: e.type }
        : { payload: good, type: e.type };
    case 'bad-json':
      return { payload: good.slice(0, Math.max(0, good.length - e.cut)), type: 'application/json' };
    case 'shape':
      return { payload: JSON.stringify(e.body), type: 'application/json' };
    case 'unknown-field':
      return { payload: JSON.stringify({ ballot, [e.key]: e.value ?? null }), type: 'application/json' };
    case 'proto':
      return {
        payload: `{"ballot":${JSON.stringify(ballot)},"__proto__":{"ballot":"x"}}`,
        type: 'application/json',
      };
    case 'oversized-ballot':
      return {
        payload: JSON.stringify({ ballot: ballot + ' '.repeat(300 * 1024) }),
        type: 'application/json',
      };
    case 'oversized-body':
      return { payload: JSON.stringify({ ballot: 'x'.repeat(1100 * 1024) }), type: 'application/json' };
    case 'no-body':
      return { type: 'application/json' };
  }
}

/** Admin and login routes with a body schema, and a well-formed body for each (never sent as is). */
interface RouteShape {
  readonly method: 'POST' | 'PUT';
  readonly path: (ids: { election: string; organisation: string }) => string;
  readonly body: Record<string, unknown>;
  /** Fields the schema requires; `null` is a valid value of those listed in `nullable`. */
  readonly required: readonly string[];
  readonly nullable?: readonly string[];
  /** maxLength of string fields (a longer value must be refused). */
  readonly maxLength?: Record<string, number>;
}

const ROUTES: readonly RouteShape[] = [
  {
    method: 'PUT',
    path: (x) => `/api/v1/elections/${x.election}/questions`,
    body: { questions: [] },
    required: ['questions'],
  },
  {
    method: 'PUT',
    path: (x) => `/api/v1/elections/${x.election}/schedule`,
    body: { opensAt: null, closesAt: '2099-01-01T00:00:00Z', timeZone: 'UTC' },
    required: ['opensAt', 'closesAt'],
    nullable: ['opensAt', 'closesAt'],
    maxLength: { opensAt: 40, closesAt: 40, timeZone: 64 },
  },
  {
    method: 'POST',
    path: (x) => `/api/v1/elections/${x.election}/extend`,
    body: { closesAt: '2099-01-01T00:00:00Z' },
    required: ['closesAt'],
    maxLength: { closesAt: 40 },
  },
  {
    method: 'POST',
    path: (x) => `/api/v1/elections/${x.election}/annul`,
    body: { reason: 'a reason long enough' },
    required: ['reason'],
    maxLength: { reason: 2000 },
  },
  {
    method: 'POST',
    path: (x) => `/api/v1/elections/${x.election}/trustees/single`,
    body: { displayName: 'T', publicKey: '{}' },
    required: ['displayName', 'publicKey'],
    maxLength: { displayName: 200, publicKey: 20000 },
  },
  {
    method: 'POST',
    path: (x) => `/api/v1/elections/${x.election}/credentials/public`,
    body: { publicCredentials: [] },
    required: ['publicCredentials'],
  },
  {
    method: 'POST',
    path: (x) => `/api/v1/organisations/${x.organisation}/elections`,
    body: { name: 'N', description: 'D', timeZone: 'UTC', group: 'BELENIOS-2048' },
    required: ['name', 'description', 'timeZone'],
    maxLength: { name: 200, description: 5000, timeZone: 64 },
  },
  {
    method: 'POST',
    path: () => '/api/v1/auth/login',
    body: { email: 'a@b.c', password: 'wrong password' },
    required: ['email', 'password'],
    maxLength: { email: 320, password: 2048 },
  },
  {
    method: 'POST',
    path: (x) => `/api/v1/elections/${x.election}/voter/login`,
    body: { login: 'voter1', password: 'wrong password' },
    required: ['login', 'password'],
    maxLength: { login: 256, password: 2048 },
  },
];

/** A change that makes a well-formed body break its schema, whatever the route. */
type BodyBreak =
  | { kind: 'unknown-field'; key: string; value: unknown }
  | { kind: 'wrong-type'; pick: number; value: unknown }
  | { kind: 'missing'; pick: number }
  | { kind: 'too-long'; pick: number }
  | { kind: 'not-an-object'; value: unknown }
  | { kind: 'bad-json'; cut: number }
  | { kind: 'content-type'; type: string }
  | { kind: 'oversized-body' };

const bodyBreakArb: fc.Arbitrary<BodyBreak> = fc.oneof(
  fc.record({
    kind: fc.constant('unknown-field' as const),
    key: fc.string({ minLength: 1, maxLength: 10 }),
    value: fc.jsonValue({ maxDepth: 1 }),
  }),
  fc.record({
    kind: fc.constant('wrong-type' as const),
    pick: fc.nat(),
    value: fc.oneof(
      fc.integer(),
      fc.boolean(),
      fc.constant({}),
      fc.dictionary(fc.string(), fc.integer(), { maxKeys: 2 }),
      fc.constant(null),
    ),
  }),
  fc.record({ kind: fc.constant('missing' as const), pick: fc.nat() }),
  fc.record({ kind: fc.constant('too-long' as const), pick: fc.nat() }),
  fc.record({
    kind: fc.constant('not-an-object' as const),
    value: fc.oneof(fc.constant([]), fc.constant(null), fc.integer(), fc.string()),
  }),
  fc.record({ kind: fc.constant('bad-json' as const), cut: fc.integer({ min: 1, max: 20 }) }),
  fc.record({
    kind: fc.constant('content-type' as const),
    type: fc.constantFrom(
      'text/plain',
      'application/x-www-form-urlencoded',
      'application/xml',
      'multipart/form-data; boundary=x',
    ),
  }),
  fc.constant({ kind: 'oversized-body' as const }),
);

/** Payload and content type of a route's body broken by `b`; undefined when `b` cannot break this route's schema. */
function breakBody(route: RouteShape, b: BodyBreak): { payload: string; type: string } | undefined {
  const json = (value: unknown) => ({ payload: JSON.stringify(value), type: 'application/json' });
  const fields = Object.keys(route.body);
  switch (b.kind) {
    case 'unknown-field': {
      const key = Object.hasOwn(route.body, b.key) || b.key === '__proto__' ? `${b.key}_x` : b.key;
      return json({ ...route.body, [key]: b.value ?? null });
    }
    case 'wrong-type': {
      const field = fields[b.pick % fields.length]!;
      const current = route.body[field];
      const value = b.value === null && route.nullable?.includes(field) ? 7 : b.value;
      // An array field stays wrong only if the new value is not an array (dictionary/{} are objects).
      if (Array.isArray(current) && Array.isArray(value)) return undefined;
      return json({ ...route.body, [field]: value });
    }
    case 'missing': {
      const field = route.required[b.pick % route.required.length]!;
      const { [field]: _, ...rest } = route.body;
      return json(rest);
    }
    case 'too-long': {
      const limited = Object.entries(route.maxLength ?? {});
      if (limited.length === 0) return undefined;
      const [field, max] = limited[b.pick % limited.length]!;
      return json({ ...route.body, [field]: 'y'.repeat(max + 1) });
    }
    case 'not-an-object':
      return json(b.value);
    case 'bad-json': {
      const good = JSON.stringify(route.body);
      return { payload: good.slice(0, Math.max(0, good.length - b.cut)), type: 'application/json' };
    }
    case 'content-type':
      return { payload: JSON.stringify(route.body), type: b.type };
    case 'oversized-body':
      return json({ ...route.body, padding: 'z'.repeat(1100 * 1024) });
  }
}

describe('bad input to the cast and admin routes', () => {
  const dir = tempDir('bad-input');
  const path = join(dir, 'scrutin.db');
  let server: TestServer;
  let demo: Demo;
  let other: Demo;
  let organisationId: string;
  let admin: Client;
  let voters: Client[];
  let anonymous: Client;
  /** A valid ballot per voter, never cast (the mutations start from it). */
  let fresh: string[];
  let alreadyCast: string;
  let anotherElection: string;
  let before: { archive: string; otherArchive: string; store: Record<string, string> };
  let sent = 0;

  const base = () => `/api/v1/elections/${demo.electionId}`;
  const archiveHash = async (electionId: string) =>
    sha256((await anonymous.send('GET', `/api/v1/elections/${electionId}/archive.bel`)).body);
  const snapshot = async () => ({
    archive: await archiveHash(demo.electionId),
    otherArchive: await archiveHash(other.electionId),
    store: storeDigest(path),
  });

  beforeAll(async () => {
    server = await startTestServer({ databaseUrl: `sqlite:${path}` });
    demo = await createDemo(server.store, server.elections, 'http://127.0.0.1:8080', VOTERS);
    other = await createDemo(server.store, server.elections, 'http://127.0.0.1:8080', 1);
    organisationId = (await server.store.elections.get(demo.electionId))!.organisationId;
    anonymous = new Client(server.app, '10.9.0.1');
    admin = new Client(server.app, '10.9.0.2');
    expect(
      (
        await admin.sendJson('POST', '/api/v1/auth/login', {
          email: demo.admin.email,
          password: demo.admin.password,
        })
      ).status,
    ).toBe(200);
    voters = demo.voters.map((_, i) => new Client(server.app, `10.9.1.${i + 1}`));
    for (const [i, voter] of demo.voters.entries()) {
      expect(
        (
          await voters[i]!.sendJson('POST', `${base()}/voter/login`, {
            login: voter.login,
            password: voter.password,
          })
        ).status,
      ).toBe(200);
    }
    const electionJson = (await anonymous.send('GET', base())).json.election as string;
    const make = ballotMaker(electionJson);
    fresh = demo.voters.map((v, i) => make(v.credential, demoVote(i)));
    // Voter 0 has cast one ballot already: sending it again is a replay.
    alreadyCast = make(demo.voters[0]!.credential, demoVote(5));
    expect(
      (await voters[0]!.sendJson('POST', `${base()}/voter/ballots`, { ballot: alreadyCast })).status,
    ).toBe(201);
    const otherJson = (await anonymous.send('GET', `/api/v1/elections/${other.electionId}`)).json
      .election as string;
    anotherElection = ballotMaker(otherJson)(other.voters[0]!.credential, demoVote(0));
    // The outsider test signs in a voter of the other election: that voter's first sign-in is
    // recorded here, so the store only changes by that voter's latest sign-in time afterwards.
    const firstVisit = new Client(server.app, '10.9.3.1');
    const otherBase = `/api/v1/elections/${other.electionId}/voter`;
    const login = { login: other.voters[0]!.login, password: other.voters[0]!.password };
    expect((await firstVisit.sendJson('POST', `${otherBase}/login`, login)).status).toBe(200);
    await firstVisit.send('POST', `${otherBase}/logout`, '{}', 'application/json');
    before = await snapshot();
  });
  afterAll(async () => {
    await server?.close();
    rmSync(dir, { recursive: true, force: true });
  });

  /** Voter i's session, rotating so no voter reaches the 20-casts-a-minute limit. */
  const nextVoter = () => {
    const index = 1 + (sent++ % (VOTERS - 1));
    return { index, session: voters[index]! };
  };

  it('refuses every mutated ballot with a coded 4xx and changes nothing', async () => {
    const seen = new Map<string, number>();
    await fc.assert(
      fc.asyncProperty(ballotMutationArb, async (mutation) => {
        // A replay is only a replay when sent by the voter who cast it.
        const { index, session } =
          mutation.kind === 'replay' ? { index: 0, session: voters[0]! } : nextVoter();
        const anotherVoter = fresh[index === 1 ? 2 : 1]!;
        const ballot = mutateBallot(fresh[index]!, mutation, { anotherVoter, anotherElection, alreadyCast });
        const answer = await session.sendJson('POST', `${base()}/voter/ballots`, { ballot });
        expectRefusal(answer, `${JSON.stringify(mutation).slice(0, 200)}`);
        expect(answer.status, 'the rate limit must not hide the check').not.toBe(429);
        const code = `${answer.status} ${answer.json.error.code}`;
        seen.set(code, (seen.get(code) ?? 0) + 1);
      }),
      {
        numRuns: 120,
        seed: SEED,
        endOnFailure: true,
        // Each layer at least once, whatever the seed draws.
        examples: [
          [{ kind: 'replay' }],
          [{ kind: 'another-voter' }],
          [{ kind: 'another-election' }],
          [{ kind: 'number', pick: 3, op: 'times-g' }],
        ],
      },
    );
    console.info(`mutated ballots, answers: ${JSON.stringify(Object.fromEntries(seen))}`);
    expect(await snapshot()).toEqual(before);
    // The mutations reached every layer: the schema, the parser, the credential and the proofs.
    expect([...seen.keys()].sort()).toEqual(
      expect.arrayContaining([
        '400 SCR_BALLOT_MALFORMED',
        '403 SCR_BALLOT_WRONG_CREDENTIAL',
        '409 SCR_BALLOT_DUPLICATE',
        '422 SCR_BALLOT_INVALID',
      ]),
    );
  });

  it('refuses malformed cast requests (content types, bad JSON, shapes, unknown fields, sizes) and changes nothing', async () => {
    await fc.assert(
      fc.asyncProperty(envelopeArb, async (e) => {
        const { index, session } = nextVoter();
        const { payload, type } = envelope(e, fresh[index]!);
        const answer = await session.send('POST', `${base()}/voter/ballots`, payload, type);
        expectRefusal(answer, JSON.stringify(e).slice(0, 200));
        expect(answer.status).not.toBe(429);
        if (e.kind === 'oversized-body') expect(answer.json.error.code).toBe('SCR_PAYLOAD_TOO_LARGE');
      }),
      { numRuns: 80, seed: SEED, endOnFailure: true },
    );
    expect(await snapshot()).toEqual(before);
  });

  it('refuses valid ballots sent by the wrong people (nobody, another election’s voter, an admin) and changes nothing', async () => {
    const cast = `${base()}/voter/ballots`;
    expectRefusal(await anonymous.sendJson('POST', cast, { ballot: fresh[3] }), 'anonymous');
    expectRefusal(await admin.sendJson('POST', cast, { ballot: fresh[3] }), 'admin');
    const outsider = new Client(server.app, '10.9.2.1');
    expect(
      (
        await outsider.sendJson('POST', `/api/v1/elections/${other.electionId}/voter/login`, {
          login: other.voters[0]!.login,
          password: other.voters[0]!.password,
        })
      ).status,
    ).toBe(200);
    expectRefusal(
      await outsider.sendJson('POST', cast, { ballot: anotherElection }),
      'voter of another election',
    );
    // A voter's session without its CSRF token.
    const stale = new Client(server.app, '10.9.1.4');
    stale.cookie = voters[3]!.cookie;
    expectRefusal(await stale.sendJson('POST', cast, { ballot: fresh[3] }), 'no CSRF token');
    // Ballots to an unknown or malformed election id.
    expectRefusal(
      await voters[3]!.sendJson('POST', '/api/v1/elections/1111111111111111/voter/ballots', {
        ballot: fresh[3],
      }),
      'unknown election',
    );
    expectRefusal(
      await voters[3]!.sendJson('POST', '/api/v1/elections/../voter/ballots', { ballot: fresh[3] }),
      'bad election id',
    );
    // The outsider's login opened a session: compare the archives, and the store but for that.
    const now = await snapshot();
    expect({ archive: now.archive, otherArchive: now.otherArchive }).toEqual({
      archive: before.archive,
      otherArchive: before.otherArchive,
    });
    await outsider.send(
      'POST',
      `/api/v1/elections/${other.electionId}/voter/logout`,
      '{}',
      'application/json',
    );
    expect(storeDigest(path)).toEqual(before.store);
  });

  it('refuses malformed bodies on the admin and login routes, whoever sends them, and changes nothing', async () => {
    const seen = new Map<string, number>();
    let address = 0;
    await fc.assert(
      fc.asyncProperty(
        fc.constantFrom(...ROUTES),
        bodyBreakArb,
        fc.constantFrom<Who>('admin', 'voter', 'anonymous'),
        async (route, b, who) => {
          const broken = breakBody(route, b);
          fc.pre(broken !== undefined);
          // Login routes allow 10 attempts a minute per address: every request comes from a new one.
          const from = `10.8.${(address >> 8) & 255}.${address++ & 255}`;
          const session =
            who === 'admin'
              ? admin.from(from)
              : who === 'voter'
                ? voters[VOTERS - 1]!.from(from)
                : new Client(server.app, from);
          const answer = await session.send(
            route.method,
            route.path({ election: demo.electionId, organisation: organisationId }),
            broken!.payload,
            broken!.type,
          );
          expectRefusal(
            answer,
            `${route.method} ${route.path({ election: 'E', organisation: 'O' })} ${who} ${JSON.stringify(b).slice(0, 150)}`,
          );
          expect(answer.status).not.toBe(429);
          seen.set(`${answer.status}`, (seen.get(`${answer.status}`) ?? 0) + 1);
        },
      ),
      { numRuns: 250, seed: SEED, endOnFailure: true },
    );
    expect(await snapshot()).toEqual(before);
    expect([...seen.keys()]).toEqual(expect.arrayContaining(['400', '413', '415']));
  });
});
