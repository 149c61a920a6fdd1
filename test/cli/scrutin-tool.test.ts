/**
 * scrutin-tool as a user meets it: exit codes and messages of `election verify` (plain and --json)
 * on valid and invalid archives, add-event refusing what does not fit without touching the file,
 * verify-diff, clear errors on bad input, and the counting methods on standard input.
 */
import { copyFileSync, existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { basename, join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { sha256Hex } from '../../src/core/hash.js';
import { archiveBytes, type ParsedArchive, parseArchive } from '../../src/protocol/archive/archive.js';
import { scrutinTool, tempDir } from '../support/tools.js';
import { archivePath, readVector, VECTORS } from '../support/vectors.js';

const NO_SHUFFLE = join(import.meta.dirname, '..', 'fixtures', 'nh-no-shuffle');
const noShuffleArchivePath = () => join(NO_SHUFFLE, readdirSync(NO_SHUFFLE).find((f) => f.endsWith('.bel'))!);

/** Data and events of an archive up to the event at `last` (included), in file order. */
function boardRecords(archive: ParsedArchive, last: number) {
  const keep = archive.events.slice(0, last + 1);
  const records: { kind: 'data' | 'event'; hash: string; raw: string }[] = [];
  for (const [hash, raw] of archive.data) records.push({ kind: 'data', hash, raw });
  for (const r of keep) records.push({ kind: 'event', hash: r.hash, raw: r.raw });
  return records;
}

function folderWith(archive: string, name = 'election.bel'): string {
  const dir = tempDir('cli');
  copyFileSync(archive, join(dir, name));
  return dir;
}

describe('scrutin-tool election verify', () => {
  it('passes a valid archive and prints a per-check JSON report', () => {
    const dir = folderWith(archivePath('BELENIOS-2048-single'));
    const { status, stdout, stderr } = scrutinTool(['election', 'verify', '--dir', dir, '--json']);
    expect(stderr).toContain('I: all checks passed');
    expect(status).toBe(0);
    const report = JSON.parse(stdout);
    expect(report.ok).toBe(true);
    expect(report.phase).toBe('result');
    expect(report.counts).toMatchObject({ ballots: 6, tallied: 5, partialDecryptions: 2 });
    expect(report.result).toEqual(JSON.parse(readVector('BELENIOS-2048-single', 'expected-result.json')));
    const statuses = Object.fromEntries(
      report.checks.map((c: { name: string; status: string }) => [c.name, c.status]),
    );
    expect(statuses).toMatchObject({
      ballots: 'pass',
      'encrypted-tally': 'pass',
      'partial-decryptions': 'pass',
      result: 'pass',
      shuffles: 'not-applicable',
    });
    expect(typeof report.ms).toBe('number');
  });

  it('fails with exit code 124 and names the ballot, like belenios-tool', () => {
    const dir = folderWith(join(VECTORS, 'invalid-ballot-bad-signature.bel'));
    const { status, stderr, stdout } = scrutinTool(['election', 'verify', '--dir', dir, '--json']);
    expect(status).toBe(124);
    const tracker = /casting ballot (\S+):/.exec(
      readVector('.', 'invalid-ballot-bad-signature.verify.txt'),
    )![1]!;
    expect(stderr).toContain(`ballot ${tracker}`);
    expect(stderr).toContain('invalid signature');
    expect(JSON.parse(stdout).failure).toMatchObject({ check: 'ballots', ballot: tracker, height: 1 });
  });

  it('verifies the non-homomorphic vector: both shuffles by belenios-tool check', () => {
    const dir = folderWith(archivePath('RFC-3526-2048-nh-mixnet'));
    const { status, stdout, stderr } = scrutinTool(['election', 'verify', '--dir', dir, '--json']);
    expect(stderr).toContain('I: all checks passed');
    expect(status).toBe(0);
    const report = JSON.parse(stdout);
    expect(report).toMatchObject({ ok: true, outcome: 'verified', phase: 'result' });
    expect(report.checks.find((c: { name: string }) => c.name === 'shuffles')).toMatchObject({
      status: 'pass',
      count: 2,
    });
  });

  it('shuffles (election shuffle) a third time on the vector cut before EndShuffles: the shuffle is accepted by add-event and verifies', () => {
    const source = parseArchive(new Uint8Array(readFileSync(archivePath('RFC-3526-2048-nh-mixnet'))));
    const firstShuffle = source.events.findIndex((r) => r.event.type === 'Shuffle');
    const dir = tempDir('shuffle');
    const name = basename(archivePath('RFC-3526-2048-nh-mixnet'));
    // Cut after trustee 1's shuffle: trustee 2 shuffles with scrutin-tool instead of belenios-tool.
    writeFileSync(
      join(dir, name),
      archiveBytes(Number(source.header.timestamp), boardRecords(source, firstShuffle)),
    );
    const again = scrutinTool(['election', 'shuffle', '--dir', dir, '--trustee-id', '1']);
    expect(again.status).toBe(124);
    expect(again.stderr).toContain('trustee 1 has already shuffled');
    const unknown = scrutinTool(['election', 'shuffle', '--dir', dir, '--trustee-id', '3']);
    expect(unknown.stderr).toContain('there is no trustee 3');
    const shuffled = scrutinTool(['election', 'shuffle', '--dir', dir, '--trustee-id=2']);
    expect(shuffled.status).toBe(0);
    const [shuffle, owned] = shuffled.stdout.trimEnd().split('\n');
    expect(JSON.parse(owned!)).toEqual({ owner: 2, payload: sha256Hex(shuffle!) });
    expect(shuffle).toMatch(/^\{"ciphertexts":\[\[\{"alpha":"\d+","beta":"\d+"\}/);
    const added = scrutinTool(['archive', 'add-event', '--dir', dir, '--type=Shuffle'], {
      input: shuffled.stdout,
    });
    expect(added.stderr).toBe('');
    expect(added.status).toBe(0);
    expect(scrutinTool(['archive', 'add-event', '--dir', dir, '--type=EndShuffles']).status).toBe(0);
    const verified = scrutinTool(['election', 'verify', '--dir', dir]);
    expect(verified.stderr).toContain('I: all checks passed');
    const closed = scrutinTool(['election', 'shuffle', '--dir', dir, '--trustee-id', '1']);
    expect(closed.stderr).toContain('the shuffles are closed');
  });

  it('rejects non-homomorphic ciphertexts decrypted without a shuffle, naming the shuffles check', () => {
    const dir = folderWith(noShuffleArchivePath());
    const { status, stdout, stderr } = scrutinTool(['election', 'verify', '--dir', dir, '--json']);
    expect(status).toBe(124);
    expect(stderr).toContain('E: failed check: shuffles');
    expect(stderr).toMatch(
      /non-homomorphic ciphertexts decrypted without a shuffle: PartialDecryption at height 6/,
    );
    expect(JSON.parse(stdout)).toMatchObject({
      ok: false,
      outcome: 'invalid',
      failure: { check: 'shuffles', height: 6 },
    });
  });

  it('will not make an election with non-homomorphic questions (setup make-election), writing nothing', () => {
    const dir = tempDir('nh-make');
    const template = join(VECTORS, 'RFC-3526-2048-nh-mixnet', 'template.json');
    const uuid = basename(archivePath('RFC-3526-2048-nh-mixnet'), '.bel');
    const { status, stderr } = scrutinTool([
      'setup',
      'make-election',
      '--dir',
      dir,
      '--group',
      'RFC-3526-2048',
      '--uuid',
      uuid,
      '--template',
      template,
    ]);
    expect(status).toBe(124);
    expect(stderr).toMatch(/non-homomorphic questions are not supported yet \(question 2\)/);
    expect(existsSync(join(dir, 'election.json'))).toBe(false);
  });

  it('will not decrypt unshuffled non-homomorphic ciphertexts (election decrypt)', () => {
    // The fixture cut after its EncryptedTally: what a trustee would be asked to decrypt.
    const dir = tempDir('nh-decrypt');
    const archive = parseArchive(new Uint8Array(readFileSync(noShuffleArchivePath())));
    const tallied = archive.events.findIndex((r) => r.event.type === 'EncryptedTally');
    writeFileSync(
      join(dir, `${basename(noShuffleArchivePath())}`),
      archiveBytes(Number(archive.header.timestamp), boardRecords(archive, tallied)),
    );
    writeFileSync(join(dir, 'any.privkey'), '"12345"');
    const { status, stderr, stdout } = scrutinTool([
      'election',
      'decrypt',
      '--dir',
      dir,
      '--privkey',
      join(dir, 'any.privkey'),
      '--trustee-id',
      '1',
    ]);
    expect(status).toBe(124);
    expect(stderr).toMatch(/non-homomorphic questions: their ciphertexts must be shuffled/);
    expect(stdout).toBe('');
  });

  it('says clearly when there is no archive', () => {
    const { status, stderr } = scrutinTool(['election', 'verify', '--dir', tempDir('empty')]);
    expect(status).toBe(124);
    expect(stderr).toMatch(/no election archive \(UUID\.bel\)/);
  });
});

describe('scrutin-tool archive add-event', () => {
  it('refuses an invalid ballot and a replayed one, leaving the archive byte for byte unchanged', () => {
    // The voting-phase prefix of a vector: cut the archive right after its 3rd ballot event.
    const dir = tempDir('add');
    const source = new Uint8Array(readFileSync(archivePath('BELENIOS-2048-single')));
    const tar = Buffer.from(source);
    const names: { name: string; end: number }[] = [];
    for (let offset = 0; offset < tar.length; ) {
      const name = tar
        .subarray(offset, offset + 100)
        .toString('latin1')
        .replace(/\0.*$/s, '');
      const size = Number.parseInt(
        tar
          .subarray(offset + 124, offset + 136)
          .toString('latin1')
          .replace(/\0.*$/s, ''),
        8,
      );
      offset += 512 + Math.ceil(size / 512) * 512;
      names.push({ name, end: offset });
    }
    const cut = names.filter((n) => n.name.endsWith('.event.json'))[3]!.end;
    writeFileSync(join(dir, 'election.bel'), tar.subarray(0, cut));
    const ballots = names.filter((n) => n.name.endsWith('.data.json')).map((n) => n.name);
    const firstBallotName = ballots[4]!; // after election, trustees, credentials, setup data
    const firstBallot = execTarFile(tar, firstBallotName);
    const before = sha256Hex(readFileSync(join(dir, 'election.bel')));

    const replay = scrutinTool(['archive', 'add-event', '--dir', dir, '--type=Ballot'], {
      input: `${firstBallot}\n`,
    });
    expect(replay.status).toBe(124);
    expect(replay.stderr).toMatch(/already cast \(replay\)/);
    const tampered = firstBallot.replace(
      /"response":"(\d)/,
      (_m, d: string) => `"response":"${(Number(d) + 1) % 10 || 1}`,
    );
    const invalid = scrutinTool(['archive', 'add-event', '--dir', dir, '--type=Ballot'], {
      input: `${tampered}\n`,
    });
    expect(invalid.status).toBe(124);
    expect(invalid.stderr).toMatch(/refusing Ballot event/);
    const junk = scrutinTool(['archive', 'add-event', '--dir', dir, '--type=Ballot'], {
      input: '{"not":"a ballot"}\n',
    });
    expect(junk.status).toBe(124);
    const result = scrutinTool(['archive', 'add-event', '--dir', dir, '--type=Result'], {
      input: '{"result":[]}\n',
    });
    expect(result.status).toBe(124);
    expect(sha256Hex(readFileSync(join(dir, 'election.bel')))).toBe(before);

    // What fits is accepted: closing the ballot box.
    const end = scrutinTool(['archive', 'add-event', '--dir', dir, '--type=EndBallots']);
    expect(end.status).toBe(0);
    expect(sha256Hex(readFileSync(join(dir, 'election.bel')))).not.toBe(before);
  });
});

/** Reads one file out of a tar held in memory. */
function execTarFile(tar: Buffer, wanted: string): string {
  for (let offset = 0; offset < tar.length; ) {
    const name = tar
      .subarray(offset, offset + 100)
      .toString('latin1')
      .replace(/\0.*$/s, '');
    const size = Number.parseInt(
      tar
        .subarray(offset + 124, offset + 136)
        .toString('latin1')
        .replace(/\0.*$/s, ''),
      8,
    );
    if (name === wanted) return tar.subarray(offset + 512, offset + 512 + size).toString('utf8');
    offset += 512 + Math.ceil(size / 512) * 512;
  }
  throw new Error(`${wanted} not found`);
}

describe('scrutin-tool verify-diff', () => {
  it('accepts a later snapshot and refuses one with an event removed', () => {
    const older = folderWith(archivePath('BELENIOS-2048-single'));
    const same = folderWith(archivePath('BELENIOS-2048-single'));
    expect(scrutinTool(['election', 'verify-diff', '--dir1', older, '--dir2', same]).status).toBe(0);
    const truncated = folderWith(join(VECTORS, 'invalid-chain-missing-event.bel'));
    const diff = scrutinTool(['election', 'verify-diff', '--dir1', older, '--dir2', truncated]);
    expect(diff.status).toBe(124);
    expect(diff.stderr).toMatch(/missing or changed in the second/);
  });
});

describe('scrutin-tool input errors', () => {
  it('explains a bad voter file line and a missing group', () => {
    const dir = tempDir('creds');
    writeFileSync(join(dir, 'voters.txt'), 'a@example.org,a,1\nb@example.org,b,zero\n');
    const bad = scrutinTool([
      'setup',
      'generate-credentials',
      '--uuid',
      'AAAAAAAAAAAAAA',
      '--group',
      'BELENIOS-2048',
      '--file',
      join(dir, 'voters.txt'),
      '--dir',
      dir,
    ]);
    expect(bad.status).toBe(124);
    expect(bad.stderr).toMatch(/line 2: weight must be a positive integer/);
    const noGroup = scrutinTool([
      'setup',
      'generate-credentials',
      '--uuid',
      'AAAAAAAAAAAAAA',
      '--count',
      '2',
    ]);
    expect(noGroup.status).toBe(124);
    expect(noGroup.stderr).toMatch(/--group is mandatory/);
  });

  it('refuses a credential with a typing error', () => {
    const dir = folderWith(archivePath('BELENIOS-2048-single'));
    writeFileSync(join(dir, 'cred'), 'eFr-NyA-cxN-YYZ-a8n\n');
    writeFileSync(join(dir, 'choices'), '[[1,0,0],[0,1,0,0]]');
    const { status, stderr } = scrutinTool([
      'election',
      'generate-ballot',
      '--dir',
      dir,
      '--privcred',
      join(dir, 'cred'),
      '--ballot',
      join(dir, 'choices'),
    ]);
    expect(status).toBe(124);
    expect(stderr).toMatch(/checksum/);
  });
});

describe('scrutin-tool method', () => {
  it('computes Schulze winners from clear ballots on standard input', () => {
    const { status, stdout } = scrutinTool(['method', 'schulze', '--blank-allowed', 'false'], {
      input: '[[1,2,3],[1,3,2],[2,1,3]]',
    });
    expect(status).toBe(0);
    expect(JSON.parse(stdout).winners).toEqual([[0], [1], [2]]);
  });
});

describe('scrutin-tool method seats (issue 17)', () => {
  const seats = (input: string, ...args: string[]) => scrutinTool(['method', 'seats', ...args], { input });

  it("prints seats per list: Wikipedia's D'Hondt, Sainte-Laguë (with a 10 % threshold) and Hare cases", () => {
    // Wikipedia, "D'Hondt method": 100,000 / 80,000 / 30,000 / 20,000 for 8 seats.
    expect(seats('[100000, 80000, 30000, 20000]', '--method', 'dhondt', '--seats', '8')).toMatchObject({
      status: 0,
      stdout: '[4,3,1,0]\n',
    });
    // Wikipedia, "Sainte-Laguë method": 3 / 3 / 1 / 1; with 10 %, the fourth list (8.7 %) is out.
    expect(seats('[100000, 80000, 30000, 20000]', '--method', 'sainte-lague', '--seats', '8').stdout).toBe(
      '[3,3,1,1]\n',
    );
    expect(
      seats('[100000, 80000, 30000, 20000]', '--method', 'sainte-lague', '--seats', '8', '--threshold', '10')
        .stdout,
    ).toBe('[4,3,1,0]\n');
    // Wikipedia, "Largest remainders method": Hare quota 10,000, 10 seats.
    expect(seats('[47000,16000,15800,12000,6100,3100]', '--method', 'hare', '--seats', '10').stdout).toBe(
      '[5,2,1,1,1,0]\n',
    );
  });

  it('reads totals beyond 2^53 exactly, as numbers or as Belenios-style strings', () => {
    expect(seats('[9007199254740993, 9007199254740992]', '--method', 'dhondt', '--seats', '1').stdout).toBe(
      '[1,0]\n',
    );
    expect(seats('[9007199254740992, "9007199254740993"]', '--method', 'hare', '--seats', '1').stdout).toBe(
      '[0,1]\n',
    );
  });

  it('exits 3 naming the tied lists when a seat is undecided', () => {
    const { status, stdout, stderr } = seats('[100, 100, 50]', '--method', 'dhondt', '--seats', '3');
    expect(status).toBe(3);
    expect(stdout).toBe('');
    expect(stderr).toMatch(/a seat is undecided between lists 1 and 2 .*equal averages and equal votes/);
    expect(seats('[10, 10, 10]', '--method', 'sainte-lague', '--seats', '2').stderr).toMatch(
      /2 seats are undecided between lists 1, 2 and 3/,
    );
    expect(seats('[50, 50]', '--method', 'hare', '--seats', '3').stderr).toMatch(/equal remainders/);
  });

  it('exits 2 with a clear message on bad input', () => {
    const cases: [string, string[], RegExp][] = [
      ['{"a": 1}', [], /must be a JSON array of list totals/],
      ['not json', [], /not JSON/],
      ['[]', [], /no list/],
      ['[10, -2]', [], /total 2 is negative/],
      ['[10, 2.5]', [], /total 2 is not a whole number/],
      ['[10, "x"]', [], /total 2 is not a whole number/],
      ['[10, [2]]', [], /total 2 is not a number/],
      ['[10, 2]', ['--seats', '0'], /--seats must be an integer from 1/],
      ['[10, 2]', ['--seats', '1.5'], /--seats must be an integer from 1/],
      ['[10, 2]', ['--threshold', '101'], /--threshold must be a percentage from 0 to 100/],
      ['[10, 2]', ['--threshold', '-1'], /--threshold must be a percentage/],
      ['[10, 2]', ['--method', 'webster'], /--method must be dhondt, sainte-lague or hare/],
    ];
    for (const [input, args, message] of cases) {
      const options = new Map([
        ['--method', 'dhondt'],
        ['--seats', '2'],
      ]);
      for (let i = 0; i < args.length; i += 2) options.set(args[i]!, args[i + 1]!);
      const { status, stdout, stderr } = seats(input, ...[...options].flat());
      expect({ input, args, status, stdout }).toEqual({ input, args, status: 2, stdout: '' });
      expect(stderr).toMatch(message);
    }
  });

  it('leaves seats out with a warning when no list has votes', () => {
    expect(seats('[0, 0]', '--method', 'dhondt', '--seats', '2')).toMatchObject({
      status: 0,
      stdout: '[0,0]\n',
      stderr: expect.stringMatching(/2 of 2 seats not allocated/),
    });
  });
});
