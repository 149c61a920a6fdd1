/**
 * Issue 18, the server's shuffle phase over HTTP: after the tally of an election with a ranking
 * question, each trustee in turn posts a shuffle of the ciphertexts the server gives out; a shuffle
 * out of turn, for another trustee's key, or tampered is refused with a coded error and the board
 * does not change; nothing is decrypted (or published) before EndShuffles; the published rankings
 * are the last shuffle's output decrypted in its order; the archive passes belenios-tool.
 * Non-homomorphic questions are enabled for this server only (config.nonHomomorphic).
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { Check } from '@sinclair/typebox/value';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ShufflePhase } from '../../src/contract/trustee.js';
import { decodeText, encode } from '../../src/core/codec.js';
import { requireGroup } from '../../src/core/group.js';
import { parseArchive } from '../../src/protocol/archive/archive.js';
import { loadElection } from '../../src/protocol/election.js';
import { nhCiphertextsCodec, partialDecryptionCodec } from '../../src/protocol/messages.js';
import { serializeShuffle, shuffleCiphertexts } from '../../src/protocol/mixnet.js';
import { decodeNonHomomorphic } from '../../src/protocol/nh-encoding.js';
import { generateTrusteeKey, serializeTrusteePublicKey } from '../../src/protocol/setup.js';
import { computePartialDecryption } from '../../src/protocol/tally.js';
import { verifyArchive } from '../../src/protocol/verifier.js';
import { beleniosTool, hasBeleniosTool, tempDir } from '../support/tools.js';
import { Client, signedIn } from '../world/client.js';
import {
  addAccount,
  ballotOf,
  grant,
  issueVoterSecrets,
  organisationWithAdmin,
  type TestAccount,
} from '../world/scenario.js';
import { startTestServer, type TestServer } from '../world/server.js';

const APPROVE = { answers: ['Yes', 'No'], min: 1, max: 1, question: 'Approve the minutes?' };
const RANKING = { type: 'NonHomomorphic', value: { answers: ['Ana', 'Bo', 'Cy'], question: 'Rank them' } };
const VOTES = [
  [
    [1, 0],
    [1, 2, 3],
  ],
  [
    [0, 1],
    [3, 2, 1],
  ],
  [
    [1, 0],
    [2, 1, 3],
  ],
];

describe('the shuffle phase through the HTTP API', () => {
  let server: TestServer;

  beforeAll(async () => {
    server = await startTestServer({ config: { nonHomomorphic: true } });
  });
  afterAll(async () => server?.close());

  it('takes shuffles in turn, refuses bad ones, decrypts only after EndShuffles, in the shuffled order', async () => {
    const { organisationId, admin } = await organisationWithAdmin(server);
    const row = await server.elections.create(organisationId, admin, {
      name: 'Ranked',
      description: 'Ranked',
      timeZone: 'Europe/Paris',
      groupName: 'RFC-3526-2048',
    });
    const id = row.id;
    await grant(server, id, admin, 'election-admin');
    await server.elections.setQuestions(id, admin, [APPROVE, RANKING]);
    await server.elections.importVoters(
      id,
      admin,
      VOTES.map((_, i) => `v${i}@example.org,v${i},1,Voter ${i}`).join('\n'),
      'en',
    );
    const group = requireGroup('RFC-3526-2048');
    const trustees: { account: TestAccount; x: bigint }[] = [];
    for (const label of ['t1', 't2']) {
      const account = await addAccount(server, label);
      const key = generateTrusteeKey(group);
      await server.elections.addSingleTrustee(id, admin, {
        displayName: label,
        accountId: account.id,
        publicKey: serializeTrusteePublicKey(key.publicKey),
      });
      await grant(server, id, account, 'trustee');
      trustees.push({ account, x: key.privateKey.reveal() });
    }
    const voters = await issueVoterSecrets(server, id, admin);
    await server.elections.open(id, admin);
    for (const [i, vote] of VOTES.entries())
      await server.elections.castBallot(id, voters[i]!.id, await ballotOf(server, id, voters[i]!, vote));

    const adminClient = await signedIn(server.app, admin);
    for (const step of ['close', 'tally'])
      expect((await adminClient.post(`/api/v1/elections/${id}/${step}`)).status).toBe(200);
    const ctx = loadElection((await server.elections.get(id)).electionJson!);
    const [t1, t2] = [
      await signedIn(server.app, trustees[0]!.account),
      await signedIn(server.app, trustees[1]!.account),
    ];
    const anonymous = new Client(server.app);
    const archive = async () => (await anonymous.get(`/api/v1/elections/${id}/archive.bel`)).body;

    let phase = await anonymous.get(`/api/v1/elections/${id}/shuffles`);
    expect(phase.status).toBe(200);
    expect(phase.json).toMatchObject({ needed: true, ended: false, next: 1 });
    expect(phase.json.shufflers).toEqual([
      { owner: 1, kind: 'single', status: 'next' },
      { owner: 2, kind: 'single', status: 'waiting' },
    ]);
    // The answer passes the check the trustee page makes (the contract's schema).
    expect(Check(ShufflePhase, phase.json)).toBe(true);
    expect(Check(ShufflePhase, { ...phase.json, next: 'one' })).toBe(false);
    const input = decodeText(nhCiphertextsCodec, phase.json.input, 'input');

    // Nothing decrypted, nothing published before EndShuffles.
    const { state } = await server.elections.board.state(id);
    const early = encode(
      partialDecryptionCodec,
      computePartialDecryption(ctx, state!.tally!, trustees[0]!.x),
    );
    const before = await archive();
    const refusedDecryption = await t1.post(`/api/v1/elections/${id}/partial-decryptions`, {
      owner: 1,
      partialDecryption: early,
    });
    expect(refusedDecryption.status).toBe(409);
    expect(refusedDecryption.json.error.code).toBe('SCR_SHUFFLES_PENDING');
    const refusedPublish = await adminClient.post(`/api/v1/elections/${id}/publish`);
    expect(refusedPublish.json.error.code).toBe('SCR_SHUFFLES_PENDING');

    const first = shuffleCiphertexts(ctx, input);
    const outOfTurn = await t2.post(`/api/v1/elections/${id}/shuffles`, {
      owner: 2,
      shuffle: serializeShuffle(first),
    });
    expect(outOfTurn.status).toBe(409);
    expect(outOfTurn.json.error).toMatchObject({
      code: 'SCR_SHUFFLE_OUT_OF_TURN',
      detail: { owner: 2, next: 1 },
    });
    const othersKey = await t2.post(`/api/v1/elections/${id}/shuffles`, {
      owner: 1,
      shuffle: serializeShuffle(first),
    });
    expect(othersKey.status).toBe(403);
    const [a, b, ...rest] = first.ciphertexts[0]!;
    const tampered = await t1.post(`/api/v1/elections/${id}/shuffles`, {
      owner: 1,
      shuffle: serializeShuffle({ ...first, ciphertexts: [[b!, a!, ...rest]] }),
    });
    expect(tampered.status).toBe(422);
    expect(tampered.json.error).toMatchObject({ code: 'SCR_INVALID_SHUFFLE', detail: { check: 'shuffles' } });
    expect(Buffer.compare(await archive(), before)).toBe(0);
    const skipByTrustee = await t1.post(`/api/v1/elections/${id}/shuffles/skip`, { owner: 1 });
    expect(skipByTrustee.status).toBe(403);

    phase = await t1.post(`/api/v1/elections/${id}/shuffles`, { owner: 1, shuffle: serializeShuffle(first) });
    expect(phase.status).toBe(200);
    expect(phase.json).toMatchObject({ ended: false, next: 2 });
    const last = shuffleCiphertexts(ctx, decodeText(nhCiphertextsCodec, phase.json.input, 'input'));
    phase = await t2.post(`/api/v1/elections/${id}/shuffles`, { owner: 2, shuffle: serializeShuffle(last) });
    expect(phase.json).toMatchObject({ ended: true, next: null, input: null });

    // The tally given out to trustees is now the shuffled one; each decrypts it.
    const tally = await anonymous.get(`/api/v1/elections/${id}/tally`);
    const shuffledTally = JSON.parse(tally.json.encryptedTally) as unknown[];
    expect(JSON.stringify(shuffledTally[1])).toBe(encode(nhCiphertextsCodec, last.ciphertexts).slice(1, -1));
    const after = (await server.elections.board.state(id)).state!;
    for (const [i, client] of [t1, t2].entries()) {
      const answer = await client.post(`/api/v1/elections/${id}/partial-decryptions`, {
        owner: i + 1,
        partialDecryption: encode(
          partialDecryptionCodec,
          computePartialDecryption(ctx, after.tally!, trustees[i]!.x),
        ),
      });
      expect(answer.status, JSON.stringify(answer.json)).toBe(200);
    }
    expect((await adminClient.post(`/api/v1/elections/${id}/publish`)).status).toBe(200);
    const published = await anonymous.get(`/api/v1/elections/${id}`);
    const x = (trustees[0]!.x + trustees[1]!.x) % group.q;
    const inOrder = last.ciphertexts[0]!.map((c) =>
      decodeNonHomomorphic(group, group.div(c.beta, group.pow(c.alpha, x)), 3),
    );
    expect(published.json.result[1]).toEqual(inOrder);
    expect(inOrder.map(String).sort()).toEqual(VOTES.map((v) => String(v[1])).sort());

    const bytes = await archive();
    const report = await verifyArchive(parseArchive(new Uint8Array(bytes)));
    expect(report.outcome).toBe('verified');
    const types = report.checks.filter((c) => c.name === 'shuffles');
    expect(types[0]).toMatchObject({ status: 'pass', count: 2 });
    if (hasBeleniosTool) {
      const dir = tempDir('shuffle-phase');
      mkdirSync(dir, { recursive: true });
      writeFileSync(join(dir, `${id}.bel`), bytes);
      const verdict = beleniosTool(['election', 'verify', '--dir', dir]);
      expect(verdict.stderr).toContain('all checks passed');
      expect(verdict.status).toBe(0);
    }
  });
});
