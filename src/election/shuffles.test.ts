/**
 * The server's shuffle phase (issue 18, spec §3.4 step 3): after the tally of an election with a
 * ranking question, the trustees shuffle in turn (owners 1, 2), each shuffle checked as it arrives
 * (out of turn, malformed or tampered: a coded error, nothing written); nothing is decrypted before
 * EndShuffles; the decrypted rankings come in the last shuffle's output order; the archive verifies
 * with our verifier and with belenios-tool. A server-held key shuffles on its turn, and the admin
 * may skip a trustee who does not come; threshold (Pedersen) members shuffle under their own owner
 * numbers, one may be skipped, and 2 of 3 decrypt.
 */

import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { beleniosTool, hasBeleniosTool } from '../../test/support/tools.js';
import { systemClock } from '../core/clock.js';
import { decodeText, encode } from '../core/codec.js';
import { parsePrivateCredential } from '../core/credential.js';
import { requireGroup } from '../core/group.js';
import { accountId, organisationId } from '../core/ids.js';
import { DomainError } from '../errors/catalogue.js';
import { installNodePlatform } from '../node/platform.js';
import { parseArchive } from '../protocol/archive/archive.js';
import { createBallot, type Plaintext, serializeBallot } from '../protocol/ballot.js';
import { loadElection } from '../protocol/election.js';
import { nhCiphertextsCodec, partialDecryptionCodec, trusteePublicKeyCodec } from '../protocol/messages.js';
import { serializeShuffle, shuffleCiphertexts } from '../protocol/mixnet.js';
import { decodeNonHomomorphic } from '../protocol/nh-encoding.js';
import { generateTrusteeKey } from '../protocol/setup.js';
import { computePartialDecryption } from '../protocol/tally.js';
import { decryptTrusteeShare } from '../protocol/threshold/share.js';
import {
  type ToolStepResult,
  thresholdKeyStep1,
  thresholdKeyStep3,
  thresholdKeyStep5,
} from '../protocol/threshold/tool-steps.js';
import { inProcessChecker, verifyArchive } from '../protocol/verifier.js';
import { openStore } from '../store/open-store.js';
import type { Store } from '../store/store.js';
import { BoardService } from './board.js';
import { ElectionService } from './service.js';
import { ThresholdService } from './threshold.js';

const APPROVE = { answers: ['Yes', 'No'], min: 1, max: 1, question: 'Approve the minutes?' };
const RANKING = {
  type: 'NonHomomorphic',
  value: { answers: ['Ana', 'Bo', 'Cy'], question: 'Rank the candidates' },
};
/** Each voter: Q1 approve (one of two), Q2 a ranking of three (rank per candidate). */
const VOTES: Plaintext[] = [
  [
    [1, 0],
    [1, 2, 3],
  ],
  [
    [0, 1],
    [2, 1, 3],
  ],
  [
    [1, 0],
    [3, 1, 2],
  ],
  [
    [1, 0],
    [1, 3, 2],
  ],
];

const code = async (promise: Promise<unknown>) => {
  const error = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(DomainError);
  return error as DomainError;
};

describe('the shuffle phase of an election with a ranking question', () => {
  let store: Store;
  let elections: ElectionService;
  const admin = { id: accountId('admin') };

  beforeAll(async () => {
    installNodePlatform();
    store = await openStore(`sqlite:${join(mkdtempSync(join(tmpdir(), 'scrutin-shuffles-')), 'db.sqlite')}`);
    const now = new Date().toISOString();
    await store.accounts.createOrganisation({ id: organisationId('org'), name: 'Org', createdAt: now });
    await store.accounts.createAccount({
      id: admin.id,
      email: 'admin@test.invalid',
      displayName: 'Admin',
      passwordHash: 'unused',
      isOperator: false,
      createdAt: now,
    });
    elections = new ElectionService(
      store,
      new BoardService(store),
      systemClock,
      inProcessChecker,
      {},
      {
        nonHomomorphic: true,
      },
    );
  });
  afterAll(async () => store?.close());

  /** An open election with the two questions, the voters' ballots cast, closed and tallied. */
  async function tallied(trustees: ('server' | 'single')[]) {
    const row = await elections.create(organisationId('org'), admin, {
      name: 'Ranked',
      description: 'Ranked',
      timeZone: 'UTC',
      groupName: 'RFC-3526-2048',
    });
    await elections.setQuestions(row.id, admin, [APPROVE, RANKING]);
    const csv = VOTES.map((_, i) => `v${i}@test.invalid,v${i},1,Voter ${i}`).join('\n');
    await elections.importVoters(row.id, admin, csv, 'en');
    const keys: bigint[] = [];
    for (const [i, kind] of trustees.entries()) {
      if (kind === 'server') {
        await elections.useServerTrustee(row.id, admin);
        continue;
      }
      const key = generateTrusteeKey(requireGroup('RFC-3526-2048'));
      keys[i] = key.privateKey.reveal();
      await elections.addSingleTrustee(row.id, admin, {
        displayName: `Trustee ${i + 1}`,
        accountId: null,
        publicKey: encode(trusteePublicKeyCodec, key.publicKey),
      });
    }
    const issued = await elections.generateServerCredentials(row.id, admin);
    const opened = await elections.open(row.id, admin);
    const ctx = loadElection(opened.electionJson!);
    for (const [i, credential] of issued.entries()) {
      const parsed = parsePrivateCredential(credential.credential);
      if (!parsed.ok) throw new Error('bad credential');
      await elections.castBallot(
        row.id,
        credential.voterId,
        serializeBallot(createBallot(ctx, parsed.credential, VOTES[i]!)),
      );
    }
    await elections.close(row.id, admin);
    await elections.tally(row.id, admin);
    return { id: row.id, ctx, keys };
  }

  const eventTypes = async (id: string) =>
    (await store.board.read(id))
      .filter((r) => r.kind === 'event')
      .map((r) => (JSON.parse(r.raw) as { type: string }).type);

  it('takes the trustees’ shuffles in turn, checked, then decrypts the last shuffle’s output in its order', async () => {
    const { id, ctx, keys } = await tallied(['single', 'single']);

    let phase = await elections.shufflePhase(id);
    expect(phase).toMatchObject({ needed: true, ended: false, next: 1 });
    expect(phase.shufflers.map((s) => [s.owner, s.status])).toEqual([
      [1, 'next'],
      [2, 'waiting'],
    ]);
    const input = decodeText(nhCiphertextsCodec, phase.input!, 'input');
    expect(input[0]).toHaveLength(VOTES.length);

    // Nothing is decrypted before EndShuffles: a partial decryption is refused, nothing stored.
    const early = computePartialDecryption(ctx, (await elections.board.state(id)).state!.tally!, keys[0]!);
    const before = await eventTypes(id);
    expect(
      (await code(elections.submitPartialDecryption(id, admin, 1, encode(partialDecryptionCodec, early))))
        .code,
    ).toBe('SCR_SHUFFLES_PENDING');
    expect((await code(elections.publish(id, admin))).code).toBe('SCR_SHUFFLES_PENDING');

    // Out of turn, malformed, tampered: coded errors naming why, nothing written.
    const first = shuffleCiphertexts(ctx, input);
    const outOfTurn = await code(elections.submitShuffle(id, admin, 2, serializeShuffle(first)));
    expect(outOfTurn.code).toBe('SCR_SHUFFLE_OUT_OF_TURN');
    expect(outOfTurn.detail).toMatchObject({ owner: 2, next: 1 });
    const malformed = await code(elections.submitShuffle(id, admin, 1, '{"ciphertexts":[]}'));
    expect(malformed.code).toBe('SCR_INVALID_SHUFFLE');
    expect(malformed.detail).toMatchObject({ check: 'shuffles', reason: 'malformed' });
    const swapped = {
      ...first,
      ciphertexts: [
        [first.ciphertexts[0]![1]!, first.ciphertexts[0]![0]!, ...first.ciphertexts[0]!.slice(2)],
      ],
    };
    const tampered = await code(elections.submitShuffle(id, admin, 1, serializeShuffle(swapped)));
    expect(tampered.code).toBe('SCR_INVALID_SHUFFLE');
    expect(tampered.detail).toMatchObject({ check: 'shuffles' });
    expect((tampered.detail as { problem: string }).problem).toMatch(/not a proven shuffle/);
    expect(await eventTypes(id)).toEqual(before);

    phase = await elections.submitShuffle(id, admin, 1, serializeShuffle(first));
    expect(phase).toMatchObject({ ended: false, next: 2 });
    expect(decodeText(nhCiphertextsCodec, phase.input!, 'input')).toEqual(first.ciphertexts);
    // Trustee 1 cannot shuffle twice; decryption still waits.
    expect((await code(elections.submitShuffle(id, admin, 1, serializeShuffle(first)))).code).toBe(
      'SCR_SHUFFLE_OUT_OF_TURN',
    );
    expect((await code(elections.publish(id, admin))).code).toBe('SCR_SHUFFLES_PENDING');
    // A shuffle of the tally's ciphertexts rather than of shuffle 1's output is refused.
    const stale = await code(
      elections.submitShuffle(id, admin, 2, serializeShuffle(shuffleCiphertexts(ctx, input))),
    );
    expect(stale.code).toBe('SCR_INVALID_SHUFFLE');

    const last = shuffleCiphertexts(ctx, first.ciphertexts);
    phase = await elections.submitShuffle(id, admin, 2, serializeShuffle(last));
    expect(phase).toMatchObject({ ended: true, next: null, input: null });
    expect(await eventTypes(id)).toEqual([...before, 'Shuffle', 'Shuffle', 'EndShuffles']);

    const { state } = await elections.board.state(id);
    expect(state!.tally![1]).toEqual(last.ciphertexts[0]); // trustees decrypt the last output
    for (const [i, x] of keys.entries())
      await elections.submitPartialDecryption(
        id,
        admin,
        i + 1,
        encode(partialDecryptionCodec, computePartialDecryption(ctx, state!.tally!, x)),
      );
    const published = await elections.publish(id, admin);
    const result = JSON.parse(published.resultJson!).result as unknown[][];
    expect(result[0]).toEqual([3, 1]);
    // The decrypted list is the last shuffle's output, decrypted one by one, in that order.
    const x = keys.reduce((a, b) => (a + b) % ctx.group.q, 0n);
    const inOrder = last.ciphertexts[0]!.map((c) =>
      decodeNonHomomorphic(ctx.group, ctx.group.div(c.beta, ctx.group.pow(c.alpha, x)), 3),
    );
    expect(result[1]).toEqual(inOrder);
    expect([...inOrder].map(String).sort()).toEqual(VOTES.map((v) => String(v[1])).sort());

    const bytes = await elections.board.archive(id, published.archiveTimestamp!);
    const report = await verifyArchive(parseArchive(bytes));
    expect(report.failure).toBeUndefined();
    expect(report.outcome).toBe('verified');
    if (hasBeleniosTool) {
      const dir = mkdtempSync(join(tmpdir(), 'scrutin-shuffles-bel-'));
      mkdirSync(dir, { recursive: true });
      writeFileSync(join(dir, `${id}.bel`), bytes);
      const verdict = beleniosTool(['election', 'verify', '--dir', dir]);
      expect(verdict.stderr).toContain('all checks passed');
      expect(verdict.status).toBe(0);
    }
  });

  it('lets the admin skip an absent trustee; the server-held key shuffles on its turn; EndShuffles follows', async () => {
    const { id, ctx, keys } = await tallied(['single', 'server']);
    let phase = await elections.shufflePhase(id);
    expect(phase.next).toBe(1);
    // Only the trustee whose turn it is may be skipped.
    expect((await code(elections.skipShuffler(id, admin, 2))).code).toBe('SCR_SHUFFLE_OUT_OF_TURN');
    phase = await elections.skipShuffler(id, admin, 1);
    expect(phase.ended).toBe(true);
    expect(phase.shufflers.map((s) => [s.owner, s.kind, s.status])).toEqual([
      [1, 'single', 'skipped'],
      [2, 'server', 'shuffled'],
    ]);
    const audit = (await store.audit.list({ organisationId: 'org', electionId: id })).map((e) => e.action);
    expect(audit).toEqual(
      expect.arrayContaining(['election.shuffle-skip', 'trustee.shuffle', 'election.end-shuffles']),
    );
    const { state } = await elections.board.state(id);
    await elections.submitPartialDecryption(
      id,
      admin,
      1,
      encode(partialDecryptionCodec, computePartialDecryption(ctx, state!.tally!, keys[0]!)),
    );
    const published = await elections.publish(id, admin);
    const rankings = (JSON.parse(published.resultJson!).result as unknown[][])[1]!;
    expect(rankings.map(String).sort()).toEqual(VOTES.map((v) => String(v[1])).sort());
    const report = await verifyArchive(
      parseArchive(await elections.board.archive(id, published.archiveTimestamp!)),
    );
    expect(report.outcome).toBe('verified');
  });

  it('does not skip the last trustee when no one has shuffled', async () => {
    const { id } = await tallied(['single']);
    const refused = await code(elections.skipShuffler(id, admin, 1));
    expect(refused.code).toBe('SCR_SHUFFLE_OUT_OF_TURN');
    expect((await elections.shufflePhase(id)).next).toBe(1);
  });

  it('takes shuffles from threshold (Pedersen) members under their owner numbers, skipping one, then decrypts with 2 of 3', async () => {
    const group = requireGroup('RFC-3526-2048');
    const members = ['m1', 'm2', 'm3'].map(accountId);
    for (const id of members)
      await store.accounts.createAccount({
        id,
        email: `${id}@test.invalid`,
        displayName: id,
        passwordHash: 'unused',
        isOperator: false,
        createdAt: new Date().toISOString(),
      });
    const threshold = new ThresholdService(store, systemClock);
    const row = await elections.create(organisationId('org'), admin, {
      name: 'Ranked, threshold',
      description: 'T',
      timeZone: 'UTC',
      groupName: 'RFC-3526-2048',
    });
    const id = row.id;
    await elections.setQuestions(id, admin, [APPROVE, RANKING]);
    await elections.importVoters(
      id,
      admin,
      VOTES.map((_, i) => `v${i}@test.invalid,v${i},1,Voter ${i}`).join('\n'),
      'en',
    );
    await threshold.declare(id, admin, {
      threshold: 2,
      trustees: members.map((accountId, i) => ({ accountId, displayName: `M${i + 1}` })),
    });
    const ok = (result: ToolStepResult) => {
      if (!result.ok) throw new Error(result.problem);
      return result.stdout;
    };
    const steps1 = members.map(() => thresholdKeyStep1(group));
    const keys = steps1.map((step) => {
      const content = step.files[1]!.content;
      return typeof content === 'string' ? content : content.reveal();
    });
    for (const [i, m] of members.entries())
      await threshold.submitCertificate(id, { id: m }, i + 1, steps1[i]!.files[0]!.content as string);
    const certs = await threshold.certificates(id);
    for (const [i, m] of members.entries())
      await threshold.submitPolynomial(
        id,
        { id: m },
        i + 1,
        ok(thresholdKeyStep3(group, { certs, key: keys[i]!, threshold: 2 })),
      );
    for (const [i, m] of members.entries()) {
      const { vinput } = await threshold.vinput(id, { id: m }, i + 1);
      await threshold.submitVoutput(
        id,
        { id: m },
        i + 1,
        ok(thresholdKeyStep5(group, { certs, key: keys[i]!, vinput })),
      );
    }
    const issued = await elections.generateServerCredentials(id, admin);
    const opened = await elections.open(id, admin);
    const ctx = loadElection(opened.electionJson!);
    for (const [i, credential] of issued.entries()) {
      const parsed = parsePrivateCredential(credential.credential);
      if (!parsed.ok) throw new Error('bad credential');
      await elections.castBallot(
        id,
        credential.voterId,
        serializeBallot(createBallot(ctx, parsed.credential, VOTES[i]!)),
      );
    }
    await elections.close(id, admin);
    await elections.tally(id, admin);

    let phase = await elections.shufflePhase(id);
    expect(phase.shufflers.map((s) => [s.owner, s.kind, s.displayName, s.status])).toEqual([
      [1, 'pedersen', 'M1', 'next'],
      [2, 'pedersen', 'M2', 'waiting'],
      [3, 'pedersen', 'M3', 'waiting'],
    ]);
    const rows = () => decodeText(nhCiphertextsCodec, phase.input!, 'input');
    phase = await elections.submitShuffle(
      id,
      { id: 'm1' },
      1,
      serializeShuffle(shuffleCiphertexts(ctx, rows())),
    );
    phase = await elections.skipShuffler(id, admin, 2); // member 2 is away: a threshold election goes on
    expect(phase.next).toBe(3);
    phase = await elections.submitShuffle(
      id,
      { id: 'm3' },
      3,
      serializeShuffle(shuffleCiphertexts(ctx, rows())),
    );
    expect(phase.ended).toBe(true);

    const tally = (await elections.board.state(id)).state!;
    expect(tally.shufflers).toEqual([1, 3]);
    for (const slot of [1, 3]) {
      const { decryptionKey } = await threshold.decryptionKey(id, { id: members[slot - 1]! }, slot);
      const share = decryptTrusteeShare(group, keys[slot - 1]!, decryptionKey);
      if (!share.ok) throw new Error(share.problem);
      const partial = computePartialDecryption(tally.ctx, tally.tally!, share.share.reveal());
      await elections.submitPartialDecryption(
        id,
        { id: members[slot - 1]! },
        slot,
        encode(partialDecryptionCodec, partial),
      );
    }
    const published = await elections.publish(id, admin);
    const rankings = (JSON.parse(published.resultJson!).result as unknown[][])[1]!;
    expect(rankings.map(String).sort()).toEqual(VOTES.map((v) => String(v[1])).sort());
    const bytes = await elections.board.archive(id, published.archiveTimestamp!);
    expect((await verifyArchive(parseArchive(bytes))).outcome).toBe('verified');
    if (hasBeleniosTool) {
      const dir = mkdtempSync(join(tmpdir(), 'scrutin-shuffles-threshold-'));
      writeFileSync(join(dir, `${id}.bel`), bytes);
      const verdict = beleniosTool(['election', 'verify', '--dir', dir]);
      expect(verdict.stderr).toContain('all checks passed');
      expect(verdict.status).toBe(0);
    }
  });
});
