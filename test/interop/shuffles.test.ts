/**
 * Issue 18, against Inria's belenios-tool 2.0: verifiable shuffles interoperate both ways.
 * - one RFC-3526-2048 election (5 voters, a question of each kind, two trustees) is shuffled by
 *   the two tools in turn, in both orders; both tools verify it after the shuffles and at the end,
 *   each decrypts for one trustee, and the result is the clear votes (the rankings as a multiset);
 * - every invalid-shuffle archive of test/fixtures/shuffles gets the same verdict from both tools,
 *   except the one where Scrutin is knowingly stricter (a shuffle by a trustee who does not exist).
 */
import {
  copyFileSync,
  mkdirSync,
  readdirSync,
  readFileSync,
  renameSync,
  rmSync,
  writeFileSync,
} from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { beleniosTool, hasBeleniosTool, ROOT, scrutinTool, tempDir } from '../support/tools.js';

const SHUFFLES = join(ROOT, 'test', 'fixtures', 'shuffles');

type Tool = 'belenios' | 'scrutin';
const tools = { belenios: beleniosTool, scrutin: scrutinTool };

/** One command by one tool in the election folder; its stdout (it must succeed). */
function step(tool: Tool, args: string[], dir: string, input?: string): string {
  const result = tools[tool](args, { cwd: dir, input });
  if (result.status !== 0)
    throw new Error(`${tool} ${args.join(' ')}: exit ${result.status}\n${result.stderr}`);
  return result.stdout;
}

/** Both tools verify the folder and pass. */
function verifyBoth(dir: string): void {
  for (const tool of ['belenios', 'scrutin'] as const) {
    const { status, stderr } = tools[tool](['election', 'verify', '--dir', dir]);
    expect(stderr, `${tool} election verify`).toContain('I: all checks passed');
    expect(status).toBe(0);
  }
}

/** Clear votes: [Q1 (0/1 of 2), Q2 (blank slot + 2), Q3 (ranking of 3)], one per voter. */
const VOTES = [
  [
    [1, 0],
    [0, 1, 0],
    [1, 2, 3],
  ],
  [
    [0, 1],
    [0, 0, 1],
    [3, 1, 2],
  ],
  [
    [1, 0],
    [1, 0, 0],
    [2, 3, 1],
  ],
  [
    [0, 0],
    [0, 1, 0],
    [1, 3, 2],
  ],
  [
    [1, 0],
    [0, 0, 1],
    [1, 2, 3],
  ],
];

/**
 * A whole RFC-3526-2048 election set up by belenios-tool (two Single trustees, one question of each
 * kind): `first` computes the encrypted tally and shuffles for trustee 1, `second` shuffles for
 * trustee 2; each tool decrypts for one trustee, `second` computes the result; both verify after
 * the shuffles and at the end. Returns the published result.
 */
function election(first: Tool, second: Tool): unknown[][] {
  const dir = tempDir(`shuffle-${first}-${second}`);
  copyFileSync(join(ROOT, 'test', 'fixtures', 'demo', 'questions-nh.json'), join(dir, 'questions-nh.json'));
  const uuid = step('belenios', ['setup', 'generate-token'], dir).trim();
  const common = ['--uuid', uuid, '--group', 'RFC-3526-2048'];
  step('belenios', ['setup', 'generate-credentials', ...common, '--count', String(VOTES.length)], dir);
  const files = () => readdirSync(dir).sort();
  const privcreds = readFileSync(join(dir, files().find((f) => f.endsWith('.privcreds'))!), 'utf8');
  renameSync(join(dir, files().find((f) => f.endsWith('.pubcreds'))!), join(dir, 'public_creds.json'));
  step('belenios', ['setup', 'generate-trustee-key', '--group', 'RFC-3526-2048'], dir);
  step('belenios', ['setup', 'generate-trustee-key', '--group', 'RFC-3526-2048'], dir);
  // Trustee ids follow the order of public_keys.jsons: the pubkey files in name order.
  const keys = files().filter((f) => f.endsWith('.pubkey'));
  writeFileSync(join(dir, 'public_keys.jsons'), keys.map((f) => readFileSync(join(dir, f), 'utf8')).join(''));
  step('belenios', ['setup', 'make-trustees'], dir);
  step('belenios', ['setup', 'make-election', ...common, '--template', 'questions-nh.json'], dir);
  step('belenios', ['archive', 'init'], dir);
  for (const f of ['election.json', 'trustees.json', 'public_creds.json', 'public_keys.jsons'])
    rmSync(join(dir, f));
  privcreds
    .trim()
    .split('\n')
    .forEach((line, i) => {
      writeFileSync(join(dir, 'cred'), line.split(' ')[1]!);
      writeFileSync(join(dir, 'vote.json'), JSON.stringify(VOTES[i]));
      const ballot = step(
        'belenios',
        ['election', 'generate-ballot', '--privcred', 'cred', '--ballot', 'vote.json'],
        dir,
      );
      step('belenios', ['archive', 'add-event', '--type=Ballot'], dir, ballot);
    });
  step('belenios', ['archive', 'add-event', '--type=EndBallots'], dir);
  const tally = step(first, ['election', 'compute-encrypted-tally'], dir);
  step('belenios', ['archive', 'add-event', '--type=EncryptedTally'], dir, tally);
  step(
    first,
    ['archive', 'add-event', '--type=Shuffle'],
    dir,
    step(first, ['election', 'shuffle', '--trustee-id=1'], dir),
  );
  step(
    second,
    ['archive', 'add-event', '--type=Shuffle'],
    dir,
    step(second, ['election', 'shuffle', '--trustee-id=2'], dir),
  );
  step('belenios', ['archive', 'add-event', '--type=EndShuffles'], dir);
  verifyBoth(dir);
  keys.forEach((pub, i) => {
    const tool = i === 0 ? first : second;
    const privkey = pub.replace(/\.pubkey$/, '.privkey');
    const partial = step(
      tool,
      ['election', 'decrypt', '--privkey', privkey, '--trustee-id', String(i + 1)],
      dir,
    );
    step('belenios', ['archive', 'add-event', '--type=PartialDecryption'], dir, partial);
  });
  const result = step(second, ['election', 'compute-result'], dir);
  step('belenios', ['archive', 'add-event', '--type=Result'], dir, result);
  verifyBoth(dir);
  return (JSON.parse(result) as { result: unknown[][] }).result;
}

/** The result the clear votes give: counts for Q1, Q2 (blank first), the rankings of Q3 as a multiset. */
function expectTheClearVotes(result: unknown[][]): void {
  const sum = (q: number) => VOTES[0]![q]!.map((_, j) => VOTES.reduce((n, v) => n + v[q]![j]!, 0));
  expect(result[0]).toEqual(sum(0));
  expect(result[1]).toEqual(sum(1));
  const sorted = (rows: unknown[]) => rows.map((r) => JSON.stringify(r)).sort();
  expect(sorted(result[2]!)).toEqual(sorted(VOTES.map((v) => v[2])));
}

describe.skipIf(!hasBeleniosTool)('one election, shuffled by belenios-tool and scrutin-tool in turn', () => {
  it('belenios-tool tallies and shuffles first, scrutin-tool second and computes the result; both verify; the result is the clear votes', () => {
    expectTheClearVotes(election('belenios', 'scrutin'));
  }, 600_000);

  it('scrutin-tool tallies and shuffles first, belenios-tool second and computes the result; both verify; the result is the clear votes', () => {
    expectTheClearVotes(election('scrutin', 'belenios'));
  }, 600_000);
});

/** What each tool says on each invalid archive (belenios-tool stops at the first error, exit 124). */
const VERDICTS: Record<string, { belenios: string | 'accepted'; check: string; reason: string }> = {
  'invalid-shuffle-tampered-ciphertext': {
    belenios: 'shuffle #0 failed tests',
    check: 'shuffles',
    reason: 'invalid-proof',
  },
  'invalid-shuffle-tampered-proof': {
    belenios: 'shuffle #0 failed tests',
    check: 'shuffles',
    reason: 'invalid-proof',
  },
  'invalid-shuffle-out-of-order': {
    belenios: 'shuffle #0 failed tests',
    check: 'shuffles',
    reason: 'invalid-proof',
  },
  'invalid-shuffle-missing': {
    belenios: 'shuffle #0 failed tests',
    check: 'shuffles',
    reason: 'invalid-proof',
  },
  'invalid-shuffle-decrypted-unshuffled': {
    belenios: 'check_result failed',
    check: 'shuffles',
    reason: 'not-shuffled',
  },
  // belenios-tool 2.0 does not check who shuffled (nor num_tallied): Scrutin is stricter here.
  'invalid-shuffle-unknown-trustee': { belenios: 'accepted', check: 'shuffles', reason: 'unknown-trustee' },
};

describe.skipIf(!hasBeleniosTool)(
  'invalid shuffles: belenios-tool and scrutin-tool on the same archives',
  () => {
    const files = readdirSync(SHUFFLES).filter((f) => f.endsWith('.bel'));

    it('covers every fixture', () => {
      expect(files.map((f) => f.replace(/\.bel$/, '')).sort()).toEqual(Object.keys(VERDICTS).sort());
    });

    for (const [name, verdict] of Object.entries(VERDICTS)) {
      it(`${name}: belenios-tool ${verdict.belenios === 'accepted' ? 'accepts it (Scrutin is stricter)' : `says "${verdict.belenios}"`}; scrutin-tool fails ${verdict.check} (${verdict.reason})`, () => {
        const dir = join(tempDir('shuffle-invalid'), 'election');
        mkdirSync(dir);
        copyFileSync(join(SHUFFLES, `${name}.bel`), join(dir, `${name}.bel`));
        const belenios = beleniosTool(['election', 'verify', '--dir', dir]);
        if (verdict.belenios === 'accepted') {
          expect(belenios.stderr).toContain('all checks passed');
          expect(belenios.status).toBe(0);
        } else {
          expect(belenios.stderr).toContain(verdict.belenios);
          expect(belenios.status).toBe(124);
        }
        const ours = scrutinTool(['election', 'verify', '--dir', dir, '--json']);
        expect(ours.status).toBe(124);
        expect(ours.stderr).toContain(`E: failed check: ${verdict.check}`);
        expect(ours.stderr).not.toContain('all checks passed');
        expect(JSON.parse(ours.stdout)).toMatchObject({
          ok: false,
          outcome: 'invalid',
          failure: { check: verdict.check, reason: verdict.reason },
        });
      });
    }
  },
);
