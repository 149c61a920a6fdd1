/**
 * Casting under load: `scrutin serve` (the compiled server, its ballot-worker pool, a real store) in
 * its own process, on SQLite and on PostgreSQL (a schema of its own, dropped afterwards; skipped when
 * no server answers). All voters sign in first; 20 of them then cast one at a time (the service time
 * of an idle server, the first cast including the worker pool's cold start), then all 200 at once,
 * each a browser on its own keep-alive connection posting its valid ballots one after another. The
 * run is bounded by count: one ballot per voter with --quick, three otherwise (600 casts). Printed:
 * casts per second (every 201 is a ballot whose proofs the server checked and committed), latency
 * percentiles, errors, login time, the server's CPU per cast and peak RSS (VmHWM), and a check that
 * every 201 is on the served board.
 *
 * The election (one question, three answers, pick one; BELENIOS-2048; a server-held trustee key),
 * the voters' passwords, password hashes and credentials, and every ballot are generated once and
 * cached in .cache/bench/ (git-ignored): each run writes the same election (same uuid and keys) into
 * a fresh store, so the cached ballots stay valid.
 *
 * Logins: the server allows 10 login attempts a minute per client address. Each simulated voter
 * connects from its own loopback address (127.77.x.y — all of 127.0.0.0/8 reaches the loopback
 * interface on Linux), so each has the budget a voter on their own machine has; nothing in the
 * server is relaxed for the benchmark.
 *
 * BENCH_CAST_PROFILE=DIR runs the server with --cpu-prof into DIR and prints where its threads
 * spent their time. BENCH_CAST_CLIENTS=N changes the number of voters (default 200).
 */

import { randomBytes } from 'node:crypto';
import {
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import pg from 'pg';
import type { AccountId, ElectionId, OrganisationId } from '../src/core/ids.js';
import { HttpVoter, loopbackAddress } from '../test/support/http-voter.js';
import {
  hasBuiltServer,
  MISSING_BUILD,
  peakRssKiB,
  startServerProcess,
} from '../test/world/server-process.js';
import { type Bench, formatNumber, load, now, printTable } from './harness.js';

type ElectionRow = import('../src/store/store.js').ElectionRow;
type Store = import('../src/store/store.js').Store;

type M = {
  platform: typeof import('../src/node/platform.js');
  group: typeof import('../src/core/group.js');
  base58: typeof import('../src/core/base58.js');
  secret: typeof import('../src/core/secret.js');
  codec: typeof import('../src/core/codec.js');
  credential: typeof import('../src/core/credential.js');
  setup: typeof import('../src/protocol/setup.js');
  messages: typeof import('../src/protocol/messages.js');
  election: typeof import('../src/protocol/election.js');
  ballot: typeof import('../src/protocol/ballot.js');
  archive: typeof import('../src/protocol/archive/archive.js');
  verifier: typeof import('../src/protocol/verifier.js');
  openStore: typeof import('../src/store/open-store.js');
  service: typeof import('../src/election/service.js');
  board: typeof import('../src/election/board.js');
  auth: typeof import('../src/server/auth/index.js');
};

async function modules(): Promise<M> {
  return {
    platform: await load('node/platform'),
    group: await load('core/group'),
    base58: await load('core/base58'),
    secret: await load('core/secret'),
    codec: await load('core/codec'),
    credential: await load('core/credential'),
    setup: await load('protocol/setup'),
    messages: await load('protocol/messages'),
    election: await load('protocol/election'),
    ballot: await load('protocol/ballot'),
    archive: await load('protocol/archive/archive'),
    verifier: await load('protocol/verifier'),
    openStore: await load('store/open-store'),
    service: await load('election/service'),
    board: await load('election/board'),
    auth: await load('server/auth/index'),
  };
}

const ROOT = fileURLToPath(new URL('../', import.meta.url));
const CACHE = join(ROOT, '.cache', 'bench');
const GROUP = 'BELENIOS-2048';
const QUESTIONS = [{ answers: ['A', 'B', 'C'], min: 1, max: 1, question: 'Pick one' }];
const PG_URL = /^postgres(ql)?:\/\//i.test(process.env.DATABASE_URL ?? '')
  ? process.env.DATABASE_URL!
  : 'postgres://127.0.0.1:5432/test';
/** Logins run this many at a time (each costs the server one scrypt derivation, ~0.1–0.2 s). */
const LOGIN_CONCURRENCY = 16;

/** Everything needed to write the same open election into any store, and its ballots. */
interface Materials {
  readonly version: 1;
  readonly electionId: string;
  readonly createdAt: string;
  readonly trustee: { readonly publicJson: string; readonly privateKey: string };
  readonly voters: readonly {
    readonly login: string;
    readonly password: string;
    readonly passwordHash: string;
    readonly credential: string;
    readonly publicCredential: string;
  }[];
  readonly electionJson: string;
  /** ballots[voter][k]: the k-th ballot of that voter (each a different encryption). */
  readonly ballots: readonly (readonly string[])[];
}

/** Loads the cached election for `voters` × `perVoter` ballots, or generates and caches it. */
async function materials(m: M, voters: number, perVoter: number): Promise<Materials> {
  const path = join(CACHE, `cast-${GROUP}-${voters}x${perVoter}.json`);
  if (existsSync(path)) return JSON.parse(readFileSync(path, 'utf8')) as Materials;
  console.error(
    `  generating the cast benchmark election (${voters} voters × ${perVoter} ballots; cached in ${path})…`,
  );
  const group = m.group.requireGroup(GROUP);
  const electionId = m.setup.generateToken();
  const trusteeKey = m.setup.generateTrusteeKey(group);
  const people = await Promise.all(
    Array.from({ length: voters }, async (_, i) => {
      const password = m.base58.randomBase58(16);
      const credential = m.credential.generatePrivateCredential();
      return {
        login: `voter${i + 1}`,
        password,
        passwordHash: await m.auth.hashPassword(m.secret.secret(password, 'password')),
        credential: credential.reveal(),
        publicCredential: m.credential.publicCredential(credential, electionId, group).toString(),
      };
    }),
  );
  const draft: Omit<Materials, 'electionJson' | 'ballots'> = {
    version: 1,
    electionId,
    createdAt: new Date().toISOString(),
    trustee: {
      publicJson: m.codec.encode(m.messages.trusteePublicKeyCodec, trusteeKey.publicKey),
      privateKey: trusteeKey.privateKey.reveal().toString(),
    },
    voters: people,
  };
  // The election JSON is whatever the server's own opening produces from these inputs.
  const scratch = await m.openStore.openStore(':memory:');
  const electionJson = await writeElection(m, scratch, { ...draft, electionJson: '', ballots: [] });
  await scratch.close();
  const ctx = m.election.loadElection(electionJson);
  const ballots = people.map((person, v) => {
    const parsed = m.credential.parsePrivateCredential(person.credential);
    if (!parsed.ok) throw new Error('generated credential does not parse');
    return Array.from({ length: perVoter }, (_, k) =>
      m.ballot.serializeBallot(
        m.ballot.createBallot(ctx, parsed.credential, [[0, 1, 2].map((j) => (j === (v + k) % 3 ? 1 : 0))]),
      ),
    );
  });
  const made: Materials = { ...draft, electionJson, ballots };
  mkdirSync(CACHE, { recursive: true });
  writeFileSync(path, JSON.stringify(made));
  return made;
}

/**
 * Writes the organisation, admin, election, roll, trustee and credentials, and opens the election
 * through ElectionService (so the Setup event is the server's own); returns election.json.
 */
async function writeElection(m: M, store: Store, x: Materials): Promise<string> {
  const clock = { now: () => new Date() };
  const elections = new m.service.ElectionService(
    store,
    new m.board.BoardService(store),
    clock,
    m.verifier.inProcessChecker,
  );
  const at = x.createdAt;
  await store.accounts.createOrganisation({
    id: 'bench-org' as OrganisationId,
    name: 'Benchmark',
    createdAt: at,
  });
  const admin = {
    id: 'bench-admin' as AccountId,
    email: 'admin@bench.invalid',
    displayName: 'Bench admin',
    passwordHash: x.voters[0]!.passwordHash,
    isOperator: false,
    createdAt: at,
  };
  await store.accounts.createAccount(admin);
  await store.accounts.addMembership({ organisationId: 'bench-org', accountId: admin.id, role: 'org-admin' });
  const row: ElectionRow = {
    id: x.electionId as ElectionId,
    organisationId: 'bench-org' as OrganisationId,
    state: 'draft',
    name: 'Cast benchmark',
    description: 'Benchmark election',
    groupName: GROUP,
    questionsJson: '[]',
    timeZone: 'UTC',
    opensAt: null,
    closesAt: null,
    credentialMode: 'server',
    electionJson: null,
    fingerprint: null,
    trusteesHash: null,
    credentialsHash: null,
    archiveTimestamp: null,
    annulReason: null,
    resultJson: null,
    version: 0,
    createdAt: at,
    updatedAt: at,
  };
  await store.elections.create(row);
  await store.elections.addRole({ electionId: row.id, accountId: admin.id, role: 'election-admin' });
  await elections.setQuestions(row.id, admin, QUESTIONS);
  await elections.importVoters(
    row.id,
    admin,
    x.voters.map((v) => `${v.login}@bench.invalid,${v.login},1,${v.login}`).join('\n'),
    'en',
  );
  await store.trustees.save({
    electionId: row.id,
    position: 0,
    kind: 'server',
    accountId: null,
    displayName: 'Server key',
    publicJson: x.trustee.publicJson,
    serverPrivateKey: x.trustee.privateKey,
  });
  const byLogin = new Map(x.voters.map((v) => [v.login, v]));
  const roll = await store.voters.list(row.id);
  await store.voters.setSecrets(
    row.id,
    roll.map((v) => ({
      voterId: v.id,
      publicCredential: byLogin.get(v.login)!.publicCredential,
      passwordHash: byLogin.get(v.login)!.passwordHash,
    })),
  );
  const opened = await elections.open(row.id, admin);
  if (x.electionJson !== '' && opened.electionJson !== x.electionJson) {
    throw new Error(
      `the cached benchmark election no longer matches what the server opens: delete ${CACHE}/cast-* and run again`,
    );
  }
  return opened.electionJson!;
}

interface Backend {
  readonly name: string;
  /** A fresh store URL with the election written in it, and how to dispose of it. */
  prepare(m: M, x: Materials): Promise<{ url: string; dispose(): Promise<void> }>;
}

const sqlite: Backend = {
  name: 'SQLite',
  async prepare(m, x) {
    const dir = mkdtempSync(join(tmpdir(), 'scrutin-bench-cast-'));
    const url = `sqlite:${join(dir, 'scrutin.db')}`;
    const store = await m.openStore.openStore(url);
    await writeElection(m, store, x);
    await store.close();
    return { url, dispose: async () => rmSync(dir, { recursive: true, force: true }) };
  },
};

async function pgAdmin(m: M, statement: string): Promise<void> {
  const client = new pg.Client({
    connectionString: m.openStore.withDefaultUser(PG_URL),
    connectionTimeoutMillis: 3000,
  });
  await client.connect();
  try {
    await client.query(statement);
  } finally {
    await client.end();
  }
}

const postgres: Backend = {
  name: 'PostgreSQL',
  async prepare(m, x) {
    const schema = `scrutin_bench_${randomBytes(6).toString('hex')}`;
    await pgAdmin(m, `create schema ${schema}`);
    const parsed = new URL(PG_URL);
    parsed.searchParams.set('options', `-c search_path=${schema}`);
    const url = parsed.toString();
    const store = await m.openStore.openStore(url);
    await writeElection(m, store, x);
    await store.close();
    return { url, dispose: () => pgAdmin(m, `drop schema if exists ${schema} cascade`) };
  },
};

function percentile(sorted: readonly number[], p: number): number | undefined {
  if (sorted.length === 0) return undefined;
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)];
}

/** utime + stime of a live process, in seconds (all its threads). */
function cpuSeconds(pid: number): number | undefined {
  try {
    const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]!.split(' ');
    return (Number(fields[11]) + Number(fields[12])) / 100; // USER_HZ is 100 on Linux
  } catch {
    return undefined;
  }
}

async function runPool<T>(limit: number, count: number, task: (i: number) => Promise<T>): Promise<T[]> {
  const results: T[] = new Array(count);
  let next = 0;
  await Promise.all(
    Array.from({ length: Math.min(limit, count) }, async () => {
      while (next < count) {
        const i = next++;
        results[i] = await task(i);
      }
    }),
  );
  return results;
}

/** One phase of casting: how many were answered 201, how fast, and what failed. */
interface Phase {
  readonly casts: number;
  readonly errors: Map<string, number>;
  readonly seconds: number;
  /** Sorted, in ms. */
  readonly latencies: number[];
  /** Server CPU time (all threads) during the phase, in seconds. */
  readonly cpu: number | undefined;
  /** Voters casting side by side. */
  readonly lanes: number;
}

interface Measured {
  readonly sequential: Phase;
  readonly storm: Phase;
  readonly loginSeconds: number;
  readonly peakKiB: number | undefined;
  readonly boardBallots: number;
}

/** Voters cast one after another before the storm: the service time of an idle server. */
const SEQUENTIAL_CASTS = 20;

/** A sequence of casts made one after another; the lanes of a phase run side by side. */
type Lane = readonly { readonly voter: HttpVoter; readonly ballot: string }[];

/** Runs the lanes in parallel (each cast after the previous one of its lane) and times every cast. */
async function castPhase(pid: number, base: string, lanes: readonly Lane[]): Promise<Phase> {
  const latencies: number[] = [];
  const errors = new Map<string, number>();
  let casts = 0;
  const cpuBefore = cpuSeconds(pid);
  const started = now();
  await Promise.all(
    lanes.map(async (lane) => {
      for (const { voter, ballot } of lane) {
        const sent = now();
        let key: string | undefined;
        try {
          const answer = await voter.post(`${base}/voter/ballots`, { ballot }, { timeoutMs: 120_000 });
          if (answer.status === 201) casts++;
          else key = `${answer.status} ${answer.json?.error?.code ?? ''}`.trim();
        } catch (error) {
          key = error instanceof Error ? error.message.slice(0, 60) : String(error);
        }
        latencies.push(now() - sent);
        if (key) errors.set(key, (errors.get(key) ?? 0) + 1);
      }
    }),
  );
  const seconds = (now() - started) / 1000;
  const cpuAfter = cpuSeconds(pid);
  latencies.sort((a, b) => a - b);
  return {
    casts,
    errors,
    seconds,
    latencies,
    cpu: cpuBefore !== undefined && cpuAfter !== undefined ? cpuAfter - cpuBefore : undefined,
    lanes: lanes.filter((lane) => lane.length > 0).length,
  };
}

async function measure(
  m: M,
  backend: Backend,
  x: Materials,
  profileDir: string | undefined,
): Promise<Measured> {
  const prepared = await backend.prepare(m, x);
  const nodeArgs = profileDir ? ['--cpu-prof', `--cpu-prof-dir=${join(profileDir, backend.name)}`] : [];
  const server = await startServerProcess({ databaseUrl: prepared.url, nodeArgs });
  const voters = x.voters.map((_, i) => new HttpVoter(server.url, loopbackAddress(i)));
  try {
    const base = `/api/v1/elections/${x.electionId}`;
    const started = now();
    await runPool(LOGIN_CONCURRENCY, voters.length, async (i) => {
      const answer = await voters[i]!.post(`${base}/voter/login`, {
        login: x.voters[i]!.login,
        password: x.voters[i]!.password,
      });
      if (answer.status !== 200)
        throw new Error(`login of voter ${i + 1}: ${answer.status} ${answer.body.toString()}`);
    });
    const loginSeconds = (now() - started) / 1000;
    // The first ballot of the first voters, one at a time; then everything else at once.
    const first = Math.min(SEQUENTIAL_CASTS, voters.length);
    const sequential = await castPhase(server.pid, base, [
      voters.slice(0, first).map((voter, v) => ({ voter, ballot: x.ballots[v]![0]! })),
    ]);
    const storm = await castPhase(
      server.pid,
      base,
      voters.map((voter, v) =>
        (v < first ? x.ballots[v]!.slice(1) : x.ballots[v]!).map((ballot) => ({ voter, ballot })),
      ),
    );
    const peakKiB = peakRssKiB(server.pid);
    const archive = m.archive.parseArchive(
      new Uint8Array((await voters[0]!.get(`${base}/archive.bel`)).body),
    );
    const boardBallots = archive.events.filter((e) => e.event.type === 'Ballot').length;
    return { sequential, storm, loginSeconds, peakKiB, boardBallots };
  } finally {
    for (const voter of voters) voter.close();
    const code = await server.stop(30_000);
    if (code !== 0) console.error(`  server exited with ${code}:\n${server.output().slice(-2000)}`);
    await prepared.dispose();
  }
}

async function pgReachable(m: M): Promise<boolean> {
  try {
    await pgAdmin(m, 'select 1');
    return true;
  } catch (error) {
    console.error(
      `  PostgreSQL at ${PG_URL} unreachable (${error instanceof Error ? error.message : error}): skipped`,
    );
    return false;
  }
}

/** Functions whose total time (with what they call) says where a cast's time goes. */
const PHASES = [
  'castBallot',
  'parseBallot',
  'checkBallot',
  'catchUp',
  'probe',
  'appendBatch',
  'executeQuery',
  'verifyPassword',
  'dhComputeSecret',
] as const;

/**
 * For each thread's profile in `dir` (main thread first, then the ballot workers): busy time, and
 * the time spent in (or under) each of PHASES. Thread numbers are those Node writes in the names.
 */
function profileSummary(dir: string): Record<string, string>[] {
  const rows: Record<string, string>[] = [];
  const files = readdirSync(dir)
    .filter((f) => f.endsWith('.cpuprofile'))
    .sort((a, b) => threadOf(a) - threadOf(b));
  for (const file of files) {
    const profile = JSON.parse(readFileSync(join(dir, file), 'utf8')) as {
      nodes: { id: number; callFrame: { functionName: string }; children?: number[] }[];
      samples: number[];
      timeDeltas: number[];
    };
    const byId = new Map(profile.nodes.map((node) => [node.id, node]));
    const parent = new Map<number, number>();
    for (const node of profile.nodes) for (const child of node.children ?? []) parent.set(child, node.id);
    const within = new Map<string, number>(PHASES.map((name) => [name, 0]));
    let total = 0;
    let idle = 0;
    profile.samples.forEach((id, i) => {
      const delta = profile.timeDeltas[i] ?? 0;
      total += delta;
      if (byId.get(id)!.callFrame.functionName === '(idle)') idle += delta;
      const seen = new Set<string>();
      for (let at: number | undefined = id; at !== undefined; at = parent.get(at)) {
        const name = byId.get(at)!.callFrame.functionName;
        if (within.has(name) && !seen.has(name)) {
          within.set(name, within.get(name)! + delta);
          seen.add(name);
        }
      }
    });
    const row: Record<string, string> = {
      thread: threadOf(file) === 0 ? 'main' : `worker ${threadOf(file)}`,
      'busy (ms)': formatNumber((total - idle) / 1000),
    };
    for (const [name, micros] of within) row[name] = formatNumber(micros / 1000);
    rows.push(row);
  }
  return rows;
}

/** Node names profiles CPU.<date>.<time>.<pid>.<thread>.<seq>.cpuprofile. */
function threadOf(file: string): number {
  return Number(file.split('.').at(-3));
}

export const castBench: Bench = {
  name: 'cast',
  description: `casting under load: ${process.env.BENCH_CAST_CLIENTS ?? 200} signed-in voters at once against a scrutin serve process (SQLite, PostgreSQL)`,
  async run(options) {
    if (!hasBuiltServer) throw new Error(MISSING_BUILD);
    const m = await modules();
    m.platform.installNodePlatform();
    const clients = Number(process.env.BENCH_CAST_CLIENTS ?? 200);
    // Bounded by count: `quick` casts one ballot per voter, a full run three (well under the
    // server's 20 casts per voter per minute).
    const perVoter = options.runs > 1 ? 3 : 1;
    const x = await materials(m, clients, 3);
    const bounded = { ...x, ballots: x.ballots.map((list) => list.slice(0, perVoter)) };
    const profileRoot = process.env.BENCH_CAST_PROFILE;
    const backends = [sqlite, ...((await pgReachable(m)) ? [postgres] : [])];
    const rows: Record<string, string>[] = [];
    for (const backend of backends) {
      console.error(`  ${backend.name}: ${clients} voters × ${perVoter} ballots…`);
      const r = await measure(m, backend, bounded, profileRoot);
      const row = (load: string, phase: Phase) => {
        const errors = [...phase.errors].map(([k, n]) => `${n}× ${k}`).join('; ');
        rows.push({
          store: backend.name,
          load,
          'casts (201)': formatNumber(phase.casts),
          'casts/s': formatNumber(phase.casts / phase.seconds, 1),
          'p50 (ms)': formatNumber(percentile(phase.latencies, 50)),
          'p99 (ms)': formatNumber(percentile(phase.latencies, 99)),
          'max (ms)': formatNumber(phase.latencies.at(-1)),
          errors: errors === '' ? '0' : errors,
          'CPU/cast (ms)': formatNumber(
            phase.cpu === undefined ? undefined : (1000 * phase.cpu) / phase.casts,
          ),
          'CPU use (cores)': formatNumber(phase.cpu === undefined ? undefined : phase.cpu / phase.seconds, 2),
          'logins (s)': load === 'one at a time' ? formatNumber(r.loginSeconds, 1) : '',
          'peak RSS (MiB)': formatNumber(r.peakKiB === undefined ? undefined : r.peakKiB / 1024),
        });
      };
      row('one at a time', r.sequential);
      row(`${r.storm.lanes} at once`, r.storm);
      const acknowledged = r.sequential.casts + r.storm.casts;
      if (r.boardBallots !== acknowledged)
        console.error(
          `  ${backend.name}: ${acknowledged} casts answered 201 but ${r.boardBallots} ballots on the board!`,
        );
    }
    printTable(
      `Casting (${GROUP}, 1 question, 3 answers): ${SEQUENTIAL_CASTS} voters one at a time, then every remaining ballot at once (one lane per voter); ${clients} voters × ${perVoter} ballot(s) in all; server in its own process`,
      rows,
    );
    console.log(
      [
        '',
        `Target on 2 cores: ≥ 200 casts/s with p99 < 500 ms. With ${clients} voters each waiting for an answer before casting`,
        `again, latency ≈ ${clients} / throughput (Little's law): p99 < 500 ms at ${clients} at once needs ≥ ${2 * clients} casts/s.`,
        'Server CPU is summed over all its threads (main thread + ballot workers); the machine has 2 cores.',
        'Logins: each voter signs in from its own loopback address (127.77.x.y), within the 10-a-minute budget per address.',
      ].join('\n'),
    );
    if (profileRoot) {
      for (const backend of backends) {
        const dir = join(profileRoot, backend.name);
        if (existsSync(dir))
          printTable(
            `Where the ${backend.name} server's time went (ms of CPU in or under each function, whole run incl. logins)`,
            profileSummary(dir),
          );
      }
    }
  },
};
