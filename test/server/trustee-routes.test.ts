/**
 * The routes the trustee page and the public page add: a trustee's duties (their Single key with its
 * owner number and fingerprints), the upload of their own Single public key (bound to the account,
 * write-once, draft only, checked), and the public encrypted tally with the owners who decrypted.
 */
import { Check } from '@sinclair/typebox/value';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PublicTally, TrusteeDuties } from '../../src/contract/trustee.js';
import { requireGroup } from '../../src/core/group.js';
import { generateTrusteeKey, serializeTrusteePublicKey } from '../../src/protocol/setup.js';
import { Client, signedIn } from '../world/client.js';
import {
  addAccount,
  advance,
  draftElection,
  grant,
  organisationWithAdmin,
  partialDecryptionOf,
  type TestAccount,
} from '../world/scenario.js';
import { startTestServer, type TestServer } from '../world/server.js';

describe('trustee page routes', () => {
  let server: TestServer;
  let admin: TestAccount;
  let organisationId: string;

  beforeAll(async () => {
    server = await startTestServer();
    ({ organisationId, admin } = await organisationWithAdmin(server, 'Org'));
  });
  afterAll(async () => server?.close());

  it('binds the public key a trustee made to the account, once, and tells the trustee its owner number', async () => {
    const election = await draftElection(server, organisationId, admin, { voters: 2 });
    const trustee = await addAccount(server, 'trustee');
    const outsider = await addAccount(server, 'outsider');
    await grant(server, election.id, trustee, 'trustee');
    const client = await signedIn(server.app, trustee);
    const base = `/api/v1/elections/${election.id}`;

    const before = await client.get(`${base}/trustee`);
    expect(before.status).toBe(200);
    expect(before.json).toMatchObject({
      singles: [],
      threshold: null,
      decrypted: [],
      election: { state: 'draft' },
    });
    expect((await (await signedIn(server.app, outsider)).get(`${base}/trustee`)).status).toBe(404);
    expect((await new Client(server.app).get(`${base}/trustee`)).status).toBe(401);

    const group = requireGroup('BELENIOS-2048');
    const key = generateTrusteeKey(group);
    const publicKey = serializeTrusteePublicKey(key.publicKey);
    const forged = serializeTrusteePublicKey({ ...key.publicKey, public_key: group.gPow(2n) });
    const refused = await client.post(`${base}/trustees/single/own`, { publicKey: forged });
    expect(refused.status).toBe(422);
    expect(refused.json.error.code).toBe('SCR_INVALID_TRUSTEE_DATA');
    expect(await server.store.trustees.list(election.id)).toHaveLength(1); // the server key only

    const sent = await client.post(`${base}/trustees/single/own`, { publicKey: `${publicKey}\n` });
    expect(sent.status).toBe(200);
    // The server key is owner 1; this key comes second.
    expect(sent.json.key).toMatchObject({ owner: 2, keyId: key.id, displayName: trustee.displayName });
    expect((await client.post(`${base}/trustees/single/own`, { publicKey })).status).toBe(200);
    const other = serializeTrusteePublicKey(generateTrusteeKey(group).publicKey);
    const second = await client.post(`${base}/trustees/single/own`, { publicKey: other });
    expect(second.status).toBe(409);
    const rows = await server.store.trustees.list(election.id);
    expect(rows.map((r) => [r.kind, r.accountId, r.publicJson])).toEqual([
      ['server', null, rows[0]!.publicJson],
      ['single', trustee.id, publicKey],
    ]);
    expect((await client.get(`${base}/trustee`)).json.singles).toEqual([sent.json.key]);

    // Public: no tally before the board exists; after the tally, the trustee decrypts and is listed.
    const anyone = new Client(server.app);
    expect((await anyone.get(`${base}/tally`)).status).toBe(404);
    await advance(server, { ...election, singles: [] }, admin, 'tallied', [
      [
        [1, 0, 0],
        [0, 1, 0, 0],
      ],
    ]);
    expect((await client.post(`${base}/trustees/single/own`, { publicKey })).status).toBe(409);
    const tally = await anyone.get(`${base}/tally`);
    expect(tally.status).toBe(200);
    expect(JSON.parse(tally.json.encryptedTally)).toHaveLength(2);
    expect(JSON.parse(tally.json.trustees)).toHaveLength(2);
    expect(tally.json.decrypted).toEqual([]);
    const partial = await partialDecryptionOf(server, election.id, {
      owner: 2,
      publicKey,
      privateKey: key.privateKey.reveal(),
    });
    expect(
      (await client.post(`${base}/partial-decryptions`, { owner: 2, partialDecryption: partial })).status,
    ).toBe(200);
    const tallyAfter = (await anyone.get(`${base}/tally`)).json;
    const dutiesAfter = (await client.get(`${base}/trustee`)).json;
    expect(tallyAfter.decrypted).toEqual([2]);
    expect(dutiesAfter.decrypted).toEqual([2]);
    // The answers pass the checks the trustee page makes (the contract's schemas).
    expect(Check(PublicTally, tallyAfter)).toBe(true);
    expect(Check(TrusteeDuties, dutiesAfter)).toBe(true);
    expect(Check(TrusteeDuties, { ...dutiesAfter, decrypted: ['2'] })).toBe(false);
  });
});
