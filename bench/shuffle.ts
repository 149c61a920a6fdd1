/**
 * Verifiable shuffles (issue 18, spec §6): time to shuffle and prove (GenShuffle + GenShuffleProof)
 * and to check (CheckShuffleProof) N ciphertexts in-process with the OpenSSL engine, for BELENIOS-2048
 * (100 and 1,000) and RFC-3526-2048 (100; the group non-homomorphic questions need). Then, unless
 * --quick, one RFC-3526-2048 election of 1,000 ballots ranking 5 candidates, shuffled and checked by
 * scrutin-tool and by belenios-tool (when installed) on the same archive, side by side. Both tools
 * replay the whole board before shuffling, so each tool's shuffle (and check) time is its `election
 * shuffle` (and `election verify` after the Shuffle event) minus its `election verify` before it.
 * Independent generators (SHA256(ggen|i)^((p−1)/q)) are computed once per process, timed apart.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { type Bench, formatNumber, load, now, printTable } from './harness.js';

type Modules = {
  group: typeof import('../src/core/group.js');
  shuffle: typeof import('../src/protocol/proofs/shuffle.js');
  platform: typeof import('../src/node/platform.js');
  archive: typeof import('../src/protocol/archive/archive.js');
  setup: typeof import('../src/protocol/setup.js');
  election: typeof import('../src/protocol/election.js');
  ballot: typeof import('../src/protocol/ballot.js');
  box: typeof import('../src/protocol/ballot-box.js');
  credentials: typeof import('../src/protocol/public-credentials.js');
  tally: typeof import('../src/protocol/tally.js');
  messages: typeof import('../src/protocol/messages.js');
  codec: typeof import('../src/core/codec.js');
};

const BELENIOS_TOOL = '/usr/bin/belenios-tool';
const SCRUTIN_TOOL = fileURLToPath(new URL('../bin/scrutin-tool.js', import.meta.url));

async function modules(): Promise<Modules> {
  return {
    group: await load('core/group'),
    shuffle: await load('protocol/proofs/shuffle'),
    platform: await load('node/platform'),
    archive: await load('protocol/archive/archive'),
    setup: await load('protocol/setup'),
    election: await load('protocol/election'),
    ballot: await load('protocol/ballot'),
    box: await load('protocol/ballot-box'),
    credentials: await load('protocol/public-credentials'),
    tally: await load('protocol/tally'),
    messages: await load('protocol/messages'),
    codec: await load('core/codec'),
  };
}

function inProcess(
  m: Modules,
  groupName: 'BELENIOS-2048' | 'RFC-3526-2048',
  n: number,
): Record<string, string> {
  const group = m.group.requireGroup(groupName);
  const y = group.gPow(group.randomExponent());
  group.precompute(y);
  const input = Array.from({ length: n }, () => {
    const r = group.randomExponent();
    return { alpha: group.gPow(r), beta: group.mul(group.pow(y, r), group.g) };
  });
  let started = now();
  m.shuffle.shuffleGenerators(group, n);
  const generators = now() - started;
  started = now();
  const shuffled = m.shuffle.genShuffle(group, y, input);
  const proof = m.shuffle.genShuffleProof(group, 'bench', y, input, shuffled);
  const prove = now() - started;
  started = now();
  const problem = m.shuffle.checkShuffleProof(group, 'bench', y, input, shuffled.output, proof);
  const check = now() - started;
  if (problem) throw new Error(`bench shuffle does not check: ${problem.problem}`);
  return {
    group: groupName,
    ciphertexts: formatNumber(n),
    'generators (once), s': formatNumber(generators / 1000, 2),
    'shuffle + proof, s': formatNumber(prove / 1000, 2),
    'ciphertexts shuffled/s': formatNumber((n * 1000) / prove, 1),
    'check, s': formatNumber(check / 1000, 2),
    'ciphertexts checked/s': formatNumber((n * 1000) / check, 1),
  };
}

/** An RFC-3526-2048 archive up to its EncryptedTally: `n` ballots ranking 5 candidates, one Single trustee. */
function electionDir(m: Modules, n: number): string {
  const group = m.group.requireGroup('RFC-3526-2048');
  const uuid = m.setup.generateToken();
  const parsed = m.setup.parseVoterLines(Array.from({ length: n }, (_, i) => `v${i}@example.org,v${i}`));
  if (!parsed.ok) throw new Error(parsed.problem);
  const credentials = m.setup.generateCredentials(uuid, group, parsed.voters);
  const trustee = m.setup.generateTrusteeKey(group);
  const kinds = m.setup.makeTrustees([trustee.publicKey]);
  const made = m.setup.makeElection(
    {
      description: 'Shuffle bench',
      name: 'Shuffle bench',
      questions: [
        { type: 'NonHomomorphic', value: { answers: ['A', 'B', 'C', 'D', 'E'], question: 'Rank' } },
      ],
    },
    uuid,
    group,
    kinds,
  );
  if (!made.ok) throw new Error(made.problem);
  const ctx = m.election.loadElection(made.raw);
  const eligibility = m.credentials.parsePublicCredentials(group, credentials.publicCredentials);
  if (!eligibility.ok) throw new Error(eligibility.problem);
  const box = new m.box.BallotBox(eligibility.eligibility);
  const { encode } = m.codec;
  const msg = m.messages;
  const archive = m.archive.ArchiveAppender.create(1_767_225_600);
  const election = archive.addData(made.raw);
  const trustees = archive.addData(encode(msg.trusteesCodec, kinds));
  const creds = archive.addData(encode(msg.publicCredentialsCodec, credentials.publicCredentials));
  archive.addEvent(
    'Setup',
    archive.addData(encode(msg.setupDataCodec, { election, trustees, credentials: creds })),
  );
  for (let i = 0; i < n; i++) {
    const ranking = [1, 2, 3, 4, 5].sort(() => Math.random() - 0.5);
    const raw = m.ballot.serializeBallot(
      m.ballot.createBallot(ctx, credentials.privateCredentials[i]!.credential, [ranking]),
    );
    const ballot = m.box.parseBallot(raw);
    if (!ballot.ok) throw new Error(ballot.problem);
    box.add(ballot.ballot, ballot.tracker);
    archive.addEvent('Ballot', archive.addData(raw));
  }
  archive.addEvent('EndBallots');
  const tallied = box.tallied();
  const tally = archive.addData(encode(msg.encryptedTallyCodec, m.tally.computeEncryptedTally(ctx, tallied)));
  archive.addEvent(
    'EncryptedTally',
    archive.addData(
      encode(msg.sizedEncryptedTallyCodec, {
        num_tallied: n,
        total_weight: BigInt(n),
        encrypted_tally: tally,
      }),
    ),
  );
  const dir = mkdtempSync(join(tmpdir(), 'scrutin-bench-shuffle-'));
  writeFileSync(join(dir, `${uuid}.bel`), archive.take());
  return dir;
}

function timed(command: string, args: string[], input?: string): { seconds: number; stdout: string } {
  const started = now();
  const result = spawnSync(command, args, { input: input ?? '', encoding: 'utf8', maxBuffer: 1 << 30 });
  const seconds = (now() - started) / 1000;
  if (result.status !== 0) throw new Error(`${command} ${args.join(' ')}: ${result.stderr}`);
  return { seconds, stdout: result.stdout };
}

/** One tool's figures on its own copy of the archive: verify, shuffle, add it, verify again. */
function toolRun(tool: 'scrutin-tool' | 'belenios-tool', source: string): Record<string, string> {
  const dir = mkdtempSync(join(tmpdir(), `scrutin-bench-${tool}-`));
  spawnSync('cp', ['-r', `${source}/.`, dir]);
  const run = (args: string[], input?: string) =>
    tool === 'belenios-tool'
      ? timed(BELENIOS_TOOL, args, input)
      : timed(process.execPath, [SCRUTIN_TOOL, ...args], input);
  const before = run(['election', 'verify', '--dir', dir]);
  const shuffle = run(['election', 'shuffle', '--dir', dir, '--trustee-id', '1']);
  run(['archive', 'add-event', '--dir', dir, '--type=Shuffle'], shuffle.stdout);
  const after = run(['election', 'verify', '--dir', dir]);
  return {
    tool,
    'verify before, s': formatNumber(before.seconds, 1),
    'election shuffle, s': formatNumber(shuffle.seconds, 1),
    'verify after, s': formatNumber(after.seconds, 1),
    'shuffle + proof ≈, s': formatNumber(shuffle.seconds - before.seconds, 1),
    'check ≈, s': formatNumber(after.seconds - before.seconds, 1),
  };
}

export const shuffleBench: Bench = {
  name: 'shuffle',
  description:
    'verifiable shuffles: shuffle + proof and check of 100 and 1,000 ciphertexts; 1,000 ballots vs belenios-tool',
  async run(options) {
    const m = await modules();
    m.platform.installNodePlatform();
    const quick = options.runs === 1 && options.seconds < 1;
    const rows = [
      inProcess(m, 'BELENIOS-2048', 100),
      inProcess(m, 'BELENIOS-2048', 1000),
      inProcess(m, 'RFC-3526-2048', 100),
    ];
    printTable('Shuffles in-process (OpenSSL engine, one thread)', rows);
    if (quick) return;
    const ballots = 1000;
    console.error(`shuffle: building an RFC-3526-2048 election of ${ballots} ranking ballots…`);
    const dir = electionDir(m, ballots);
    const toolRows = [toolRun('scrutin-tool', dir)];
    if (existsSync(BELENIOS_TOOL)) toolRows.push(toolRun('belenios-tool', dir));
    else console.error('shuffle: belenios-tool is not installed, its row is left out');
    printTable(
      `${ballots} ballots ranking 5 candidates, RFC-3526-2048, one shuffle (whole commands)`,
      toolRows,
    );
  },
};
