/**
 * A 1,000-ballot election (one question, 3 answers, min = max = 1, one Single trustee) in
 * BELENIOS-2048, and a smaller one in RFC-3526-2048, built once by Scrutin's core and cached under
 * .cache/bench/ (git-ignored). Printed side by side with belenios-tool 2.0 on the same archives:
 * ballot generation, ballot verification, and full-archive verification before and after the tally
 * (both tools as command-line processes, so process start is included for both).
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { type Bench, formatNumber, load, now, printTable } from './harness.js';

const ROOT = fileURLToPath(new URL('../', import.meta.url));
const CACHE = join(ROOT, '.cache', 'bench');
const BELENIOS = '/usr/bin/belenios-tool';
const SCRUTIN = join(ROOT, 'bin', 'scrutin-tool.js');
const SIZES = { 'BELENIOS-2048': 1000, 'RFC-3526-2048': 100 } as const;
type GroupName = keyof typeof SIZES;

type M = {
  group: typeof import('../src/core/group.js');
  credential: typeof import('../src/core/credential.js');
  codec: typeof import('../src/core/codec.js');
  hash: typeof import('../src/core/hash.js');
  setup: typeof import('../src/protocol/setup.js');
  election: typeof import('../src/protocol/election.js');
  ballot: typeof import('../src/protocol/ballot.js');
  tally: typeof import('../src/protocol/tally.js');
  messages: typeof import('../src/protocol/messages.js');
  trustees: typeof import('../src/protocol/trustees.js');
  ballotBox: typeof import('../src/protocol/ballot-box.js');
  archive: typeof import('../src/protocol/archive/archive.js');
  platform: typeof import('../src/node/platform.js');
  pool: typeof import('../src/node/ballot-worker-pool.js');
};

async function modules(): Promise<M> {
  return {
    group: await load('core/group'),
    credential: await load('core/credential'),
    codec: await load('core/codec'),
    hash: await load('core/hash'),
    setup: await load('protocol/setup'),
    election: await load('protocol/election'),
    ballot: await load('protocol/ballot'),
    tally: await load('protocol/tally'),
    messages: await load('protocol/messages'),
    trustees: await load('protocol/trustees'),
    ballotBox: await load('protocol/ballot-box'),
    archive: await load('protocol/archive/archive'),
    platform: await load('node/platform'),
    pool: await load('node/ballot-worker-pool'),
  };
}

const TEMPLATE = {
  description: 'Benchmark election',
  name: 'Bench',
  questions: [{ answers: ['A', 'B', 'C'], min: 1, max: 1, question: 'Pick one' }],
};

interface Built {
  dir: string;
  voting: string; // archive with ballots only
  tallied: string; // complete archive
  credentialFile: string;
  generationPerSecond: number;
  ballots: string[];
  electionRaw: string;
}

/** Builds (or reuses) the election: folder with the voting-phase archive, the full archive and one credential. */
async function build(m: M, groupName: GroupName, count: number): Promise<Built> {
  const dir = join(CACHE, `${groupName}-${count}`);
  const meta = join(dir, 'meta.json');
  if (existsSync(meta)) {
    const cached = JSON.parse(readFileSync(meta, 'utf8')) as Omit<Built, 'ballots' | 'electionRaw'>;
    const extra = JSON.parse(readFileSync(join(dir, 'ballots.json'), 'utf8')) as {
      ballots: string[];
      electionRaw: string;
    };
    return { ...cached, ...extra };
  }
  rmSync(dir, { recursive: true, force: true });
  mkdirSync(dir, { recursive: true });
  const group = m.group.requireGroup(groupName);
  const uuid = m.setup.generateToken();
  const trustee = m.setup.generateTrusteeKey(group);
  const credentials = m.setup.generateCredentials(uuid, group, m.setup.votersByCount(count));
  const made = m.setup.makeElection(TEMPLATE, uuid, group, m.setup.makeTrustees([trustee.publicKey]));
  if (!made.ok) throw new Error(made.problem);
  const ctx = m.election.loadElection(made.raw);
  const appender = m.archive.ArchiveAppender.create(Math.floor(Date.now() / 1000));
  const setupData = {
    election: appender.addData(made.raw),
    trustees: appender.addData(
      m.codec.encode(m.messages.trusteesCodec, m.setup.makeTrustees([trustee.publicKey])),
    ),
    credentials: appender.addData(JSON.stringify(credentials.publicCredentials)),
  };
  appender.addEvent('Setup', appender.addData(m.codec.encode(m.messages.setupDataCodec, setupData)));
  console.error(`  generating ${count} ${groupName} ballots…`);
  const started = now();
  const ballots: string[] = [];
  const cast: { ballot: import('../src/protocol/messages.js').Ballot; weight: bigint }[] = [];
  for (const [i, { credential }] of credentials.privateCredentials.entries()) {
    const plaintext = [[0, 0, 0].map((_, j) => (j === i % 3 ? 1 : 0))];
    const ballot = m.ballot.createBallot(ctx, credential, plaintext);
    cast.push({ ballot, weight: 1n });
    const raw = m.ballot.serializeBallot(ballot);
    ballots.push(raw);
    appender.addEvent('Ballot', appender.addData(raw));
  }
  const generationPerSecond = (count * 1000) / (now() - started);
  const votingBytes = appender.take();
  const uuidFile = `${uuid}.bel`;
  mkdirSync(join(dir, 'voting'));
  writeFileSync(join(dir, 'voting', uuidFile), votingBytes);
  // Tally, decryption, result.
  const rest = m.archive.ArchiveAppender.after(m.archive.parseArchive(votingBytes));
  rest.addEvent('EndBallots');
  const tally = m.tally.computeEncryptedTally(ctx, cast);
  const tallyHash = rest.addData(m.codec.encode(m.messages.encryptedTallyCodec, tally));
  rest.addEvent(
    'EncryptedTally',
    rest.addData(
      m.codec.encode(m.messages.sizedEncryptedTallyCodec, {
        num_tallied: count,
        total_weight: BigInt(count),
        encrypted_tally: tallyHash,
      }),
    ),
  );
  const partial = m.tally.computePartialDecryption(ctx, tally, trustee.privateKey.reveal());
  const partialHash = rest.addData(m.codec.encode(m.messages.partialDecryptionCodec, partial));
  rest.addEvent(
    'PartialDecryption',
    rest.addData(m.codec.encode(m.messages.ownedCodec, { owner: 1, payload: partialHash })),
  );
  const trustees = m.trustees.checkTrustees(group, m.setup.makeTrustees([trustee.publicKey]));
  if (!trustees.ok) throw new Error(trustees.problem);
  const combined = m.tally.combineFactors(group, trustees.set, new Map([[1, partial]]), tally);
  if (!combined.ok) throw new Error(combined.problem);
  const result = m.tally.computeResult(ctx, tally, combined.factors, BigInt(count));
  if (!result.ok) throw new Error(result.problem);
  rest.addEvent('Result', rest.addData(JSON.stringify({ result: m.tally.resultToJson(result.result) })));
  mkdirSync(join(dir, 'tallied'));
  writeFileSync(join(dir, 'tallied', uuidFile), new Uint8Array([...votingBytes, ...rest.take()]));
  writeFileSync(join(dir, 'credential.txt'), `${credentials.privateCredentials[0]!.credential.reveal()}\n`);
  const built = {
    dir,
    voting: join(dir, 'voting'),
    tallied: join(dir, 'tallied'),
    credentialFile: join(dir, 'credential.txt'),
    generationPerSecond,
  };
  writeFileSync(join(dir, 'ballots.json'), JSON.stringify({ ballots, electionRaw: made.raw }));
  writeFileSync(meta, JSON.stringify(built));
  return { ...built, ballots, electionRaw: made.raw };
}

/** The cached bench election (built on first use): folders `voting` and `tallied`, each with UUID.bel. */
export async function benchElection(groupName: GroupName, count: number): Promise<Built> {
  return build(await modules(), groupName, count);
}

function timeCommand(command: string, args: string[], cwd?: string): number {
  const started = now();
  const result = spawnSync(command, args, { cwd, encoding: 'utf8', input: '' });
  const ms = now() - started;
  if (result.status !== 0) throw new Error(`${command} ${args.join(' ')} failed: ${result.stderr}`);
  return ms;
}

/** Ballot generation as a voter's command: one process per ballot, `repeat` times. */
function generationPerSecondCli(
  command: string[],
  dir: string,
  credentialFile: string,
  repeat: number,
): number {
  const choices = join(dir, 'choices.json');
  writeFileSync(choices, '[[1,0,0]]');
  const started = now();
  for (let i = 0; i < repeat; i++) {
    timeCommand(command[0]!, [
      ...command.slice(1),
      'election',
      'generate-ballot',
      '--dir',
      join(dir, 'voting'),
      '--privcred',
      credentialFile,
      '--ballot',
      choices,
    ]);
  }
  return (repeat * 1000) / (now() - started);
}

const ratio = (ours: number, theirs: number) => `${(ours / theirs).toFixed(2)}×`;

export const electionBench: Bench = {
  name: 'election',
  description:
    '1,000-ballot election: Scrutin vs belenios-tool (generation, ballot and archive verification)',
  async run() {
    const m = await modules();
    m.platform.installNodePlatform();
    const haveBelenios = existsSync(BELENIOS);
    const rows: Record<string, string>[] = [];
    for (const groupName of Object.keys(SIZES) as GroupName[]) {
      const count = SIZES[groupName];
      const built = await build(m, groupName, count);
      const ctx = m.election.loadElection(built.electionRaw);
      // Ballot verification in-process: one thread, then the worker pool over all cores.
      const sample = built.ballots.slice(0, Math.min(count, groupName === 'BELENIOS-2048' ? 200 : 20));
      let started = now();
      for (const raw of sample) {
        const parsed = m.ballotBox.parseBallot(raw);
        if (!parsed.ok || !m.ballot.checkBallot(ctx, parsed.ballot).ok)
          throw new Error('bench ballot rejected');
      }
      const oneThread = (sample.length * 1000) / (now() - started);
      const pool = new m.pool.BallotWorkerPool();
      await pool.check(ctx, sample.slice(0, 4)); // warm the workers
      started = now();
      await pool.check(ctx, built.ballots);
      const pooled = (count * 1000) / (now() - started);
      await pool.close();
      const tools: [string, string[]][] = [['scrutin-tool', [process.execPath, SCRUTIN]]];
      if (haveBelenios) tools.push(['belenios-tool', [BELENIOS]]);
      const figures: Record<string, { gen: number; before: number; after: number }> = {};
      for (const [name, command] of tools) {
        const repeat = groupName === 'BELENIOS-2048' ? 20 : 5;
        const gen = generationPerSecondCli(command, built.dir, built.credentialFile, repeat);
        const before = timeCommand(command[0]!, [
          ...command.slice(1),
          'election',
          'verify',
          '--dir',
          built.voting,
        ]);
        const after = timeCommand(command[0]!, [
          ...command.slice(1),
          'election',
          'verify',
          '--dir',
          built.tallied,
        ]);
        figures[name] = { gen, before, after };
      }
      const ours = figures['scrutin-tool']!;
      const theirs = figures['belenios-tool'];
      const perSecond = (ms: number) => (count * 1000) / ms;
      const add = (what: string, scrutin: string, belenios: string, r: string) =>
        rows.push({
          group: groupName,
          ballots: String(count),
          measure: what,
          'scrutin-tool': scrutin,
          'belenios-tool': belenios,
          ratio: r,
        });
      add(
        'generation, in-process (ballots/s, 1 thread)',
        formatNumber(built.generationPerSecond, 1),
        '–',
        '–',
      );
      add(
        'generation, one process per ballot (ballots/s)',
        formatNumber(ours.gen, 1),
        formatNumber(theirs?.gen, 1),
        theirs ? ratio(ours.gen, theirs.gen) : '–',
      );
      add('ballot verification, 1 thread (ballots/s)', formatNumber(oneThread, 1), '–', '–');
      add(
        `ballot verification, pool of ${availableParallelism()} (ballots/s)`,
        formatNumber(pooled, 1),
        '–',
        '–',
      );
      add(
        'archive verify before tally (s)',
        formatNumber(ours.before / 1000, 2),
        formatNumber(theirs && theirs.before / 1000, 2),
        theirs ? ratio(theirs.before, ours.before) : '–',
      );
      add(
        'archive verify before tally (ballots/s)',
        formatNumber(perSecond(ours.before), 1),
        formatNumber(theirs && perSecond(theirs.before), 1),
        theirs ? ratio(theirs.before, ours.before) : '–',
      );
      add(
        'archive verify, tallied (s)',
        formatNumber(ours.after / 1000, 2),
        formatNumber(theirs && theirs.after / 1000, 2),
        theirs ? ratio(theirs.after, ours.after) : '–',
      );
      add(
        'archive verify, tallied (ballots/s)',
        formatNumber(perSecond(ours.after), 1),
        formatNumber(theirs && perSecond(theirs.after), 1),
        theirs ? ratio(theirs.after, ours.after) : '–',
      );
    }
    printTable('Full election, Scrutin vs belenios-tool 2.0 (ratio > 1: Scrutin faster)', rows);
  },
};
