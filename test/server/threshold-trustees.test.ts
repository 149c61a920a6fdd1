/**
 * Threshold (Pedersen) trustees through the HTTP API (spec §3.1.1, §4.6). A whole election: a server
 * key and a 2-of-3 group whose trustees run steps 1, 3 and 5 on their side (our tool functions, or
 * the real belenios-tool for one of them when installed) and exchange everything through the server;
 * voters cast, the admin closes and tallies, only two of the three threshold trustees decrypt (from
 * the sealed key the server gives back and the tally read from the public archive), and the
 * published result is the sum of the clear votes in an archive that both verifiers accept. Then the
 * refusals: forged messages (422, nothing changes), another trustee's slot (403), steps out of order
 * (409).
 */

import { randomBytes } from 'node:crypto';
import { mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { Check } from '@sinclair/typebox/value';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ThresholdStatus } from '../../src/contract/trustee.js';
import { decodeText, encode } from '../../src/core/codec.js';
import { requireGroup } from '../../src/core/group.js';
import { accountId, organisationId } from '../../src/core/ids.js';
import { secret } from '../../src/core/secret.js';
import { parseArchive } from '../../src/protocol/archive/archive.js';
import { createBallot, serializeBallot } from '../../src/protocol/ballot.js';
import { loadElection } from '../../src/protocol/election.js';
import {
  partialDecryptionCodec,
  polynomialCodec,
  signedMsgCodec,
  trusteesCodec,
  voutputCodec,
} from '../../src/protocol/messages.js';
import { generateCredentials } from '../../src/protocol/setup.js';
import { computePartialDecryption } from '../../src/protocol/tally.js';
import { decryptTrusteeShare } from '../../src/protocol/threshold/share.js';
import {
  type ToolStepResult,
  thresholdKeyStep1,
  thresholdKeyStep3,
  thresholdKeyStep5,
} from '../../src/protocol/threshold/tool-steps.js';
import { verifyArchive } from '../../src/protocol/verifier.js';
import { hashPassword } from '../../src/server/auth/index.js';
import { BELENIOS_TOOL, beleniosTool, hasBeleniosTool, run, tempDir } from '../support/tools.js';
import { Client } from '../world/client.js';
import { startTestServer, type TestServer } from '../world/server.js';

const PASSWORD = 'threshold-test-password';
const QUESTIONS = [
  { answers: ['Alice', 'Bruno', 'Chloé'], min: 1, max: 1, question: 'Chair?' },
  { answers: ['A', 'B', 'C'], blank: true, min: 1, max: 2, question: 'Budget lines?' },
];

const ok = (result: ToolStepResult) => {
  if (!result.ok) throw new Error(result.problem);
  return result;
};

interface Setup {
  electionId: string;
  admin: Client;
  trustees: Client[];
  accounts: { id: string; email: string }[];
  outsider: Client;
  /** The election's credential authority (the only one who uploads public credentials). */
  authority: Client;
}

/** An organisation, its admin and `count` trustee accounts (plus one more who is nobody here), and a draft election. */
async function draftElection(server: TestServer, count: number): Promise<Setup> {
  const now = new Date().toISOString();
  const organisation = {
    id: organisationId(randomBytes(9).toString('base64url')),
    name: 'Threshold org',
    createdAt: now,
  };
  await server.store.accounts.createOrganisation(organisation);
  const passwordHash = await hashPassword(secret(PASSWORD, 'password'));
  const account = async (name: string) => {
    const row = {
      id: accountId(randomBytes(9).toString('base64url')),
      email: `${name}-${organisation.id}@test.invalid`,
      displayName: name,
      passwordHash,
      isOperator: false,
      createdAt: now,
    };
    await server.store.accounts.createAccount(row);
    return row;
  };
  const signIn = async (email: string) => {
    const client = new Client(server.app);
    const answer = await client.post('/api/v1/auth/login', { email, password: PASSWORD });
    expect(answer.status).toBe(200);
    return client;
  };
  const adminAccount = await account('admin');
  await server.store.accounts.addMembership({
    organisationId: organisation.id,
    accountId: adminAccount.id,
    role: 'org-admin',
  });
  const accounts = [];
  for (let i = 1; i <= count; i++) accounts.push(await account(`trustee${i}`));
  const outsiderAccount = await account('outsider');
  const authorityAccount = await account('authority');
  const admin = await signIn(adminAccount.email);
  const created = await admin.post(`/api/v1/organisations/${organisation.id}/elections`, {
    name: 'Threshold vote',
    description: 'Test',
    timeZone: 'Europe/Paris',
  });
  expect(created.status).toBe(201);
  const electionId = created.json.id as string;
  expect(
    (await admin.put(`/api/v1/elections/${electionId}/questions`, { questions: QUESTIONS })).status,
  ).toBe(200);
  const trustees = [];
  for (const a of accounts) trustees.push(await signIn(a.email));
  await server.store.elections.addRole({
    electionId,
    accountId: authorityAccount.id,
    role: 'credential-authority',
  });
  return {
    electionId,
    admin,
    trustees,
    accounts,
    outsider: await signIn(outsiderAccount.email),
    authority: await signIn(authorityAccount.email),
  };
}

/** One trustee's side: files it keeps (the seed never leaves), and the three steps it computes. */
interface TrusteeSide {
  cert: string;
  key: string;
  polynomial(certs: string, threshold: number): string;
  voutput(certs: string, vinput: string): string;
}

function ourTrustee(groupName: string): TrusteeSide {
  const group = requireGroup(groupName);
  const step1 = thresholdKeyStep1(group);
  const [certFile, keyFile] = step1.files;
  const key = typeof keyFile!.content === 'string' ? keyFile!.content : keyFile!.content.reveal();
  return {
    cert: certFile!.content as string,
    key,
    polynomial: (certs, threshold) => ok(thresholdKeyStep3(group, { certs, key, threshold })).stdout,
    voutput: (certs, vinput) => ok(thresholdKeyStep5(group, { certs, key, vinput })).stdout,
  };
}

/** The same trustee using Inria's belenios-tool in its own directory. */
function beleniosTrustee(groupName: string): TrusteeSide {
  const dir = tempDir('belenios-trustee');
  const tool = (args: string[], input = '') => {
    const result = run(
      BELENIOS_TOOL,
      ['setup', 'generate-trustee-key-threshold', '--group', groupName, ...args],
      { cwd: dir, input, env: { BELENIOS_USE_URANDOM: '1' } },
    );
    if (result.status !== 0) throw new Error(result.stderr);
    return result.stdout;
  };
  tool(['--step', '1']);
  const id = readdirSync(dir)
    .find((name) => name.endsWith('.cert'))!
    .slice(0, -'.cert'.length);
  const read = (name: string) => readFileSync(join(dir, name), 'utf8');
  return {
    cert: read(`${id}.cert`),
    key: read(`${id}.key`),
    polynomial: (certs, threshold) => {
      writeFileSync(join(dir, 'certs.jsons'), certs);
      return tool([
        '--certs',
        'certs.jsons',
        '--key',
        `${id}.key`,
        '--step',
        '3',
        '--threshold',
        String(threshold),
      ]);
    },
    voutput: (certs, vinput) => {
      writeFileSync(join(dir, 'certs.jsons'), certs);
      return tool(['--certs', 'certs.jsons', '--key', `${id}.key`, '--step', '5'], vinput);
    },
  };
}

describe('threshold trustees through the HTTP API', () => {
  let server: TestServer;
  beforeAll(async () => {
    server = await startTestServer();
  });
  afterAll(async () => server?.close());

  it('runs a whole election with a server key and a 2-of-3 group where only two trustees decrypt', async () => {
    const { electionId, admin, trustees, accounts, authority } = await draftElection(server, 3);
    const base = `/api/v1/elections/${electionId}`;
    const group = requireGroup('BELENIOS-2048');

    // Voters, their credentials (made here, as an external credential authority would) and passwords.
    const logins = ['v1', 'v2', 'v3'];
    expect(
      (await admin.put(`${base}/voters`, logins.map((l) => `${l}@test.invalid,${l},1,Voter ${l}`).join('\n')))
        .status,
    ).toBe(200);
    const credentials = generateCredentials(
      electionId,
      group,
      logins.map((login) => ({ id: login, login, weight: 1n })),
    );
    expect(
      (
        await authority.post(`${base}/credentials/public`, {
          publicCredentials: credentials.publicWithLogins,
        })
      ).status,
    ).toBe(200);
    const voterRows = await server.store.voters.list(electionId);
    const passwordHash = await hashPassword(secret(PASSWORD, 'password'));
    await server.store.voters.setSecrets(
      electionId,
      voterRows.map((v) => ({ voterId: v.id, passwordHash })),
    );

    // Trustees: the server key first (owner 1), then the group (owners 2, 3, 4).
    expect((await admin.post(`${base}/trustees/server`)).status).toBe(200);
    const declared = await admin.post(`${base}/trustees/threshold`, {
      threshold: 2,
      trustees: accounts.map((a, i) => ({ displayName: `Trustee ${i + 1}`, accountId: a.id })),
    });
    expect(declared.status, JSON.stringify(declared.json)).toBe(201);
    expect(declared.json).toMatchObject({
      group: 'BELENIOS-2048',
      threshold: 2,
      step: 'certificates',
      missing: [1, 2, 3],
    });
    expect(declared.json.trustees.map((t: { owner: number }) => t.owner)).toEqual([2, 3, 4]);

    const sides = [
      ourTrustee('BELENIOS-2048'),
      ourTrustee('BELENIOS-2048'),
      hasBeleniosTool ? beleniosTrustee('BELENIOS-2048') : ourTrustee('BELENIOS-2048'),
    ];

    // The election cannot open while the key establishment is unfinished.
    const early = await admin.post(`${base}/open`);
    expect(early.status).toBe(422);
    expect(JSON.stringify(early.json.error.detail)).toContain('waiting for certificates');

    // Steps 1–2: the three certificates, sent at the same time.
    const certAnswers = await Promise.all(
      trustees.map((client, i) =>
        client.post(`${base}/trustees/threshold/${i + 1}/cert`, { cert: sides[i]!.cert }),
      ),
    );
    for (const answer of certAnswers) expect(answer.status, JSON.stringify(answer.json)).toBe(200);
    const afterCerts = await trustees[0]!.get(`${base}/trustees/threshold`);
    expect(afterCerts.json).toMatchObject({ step: 'polynomials', missing: [1, 2, 3] });
    expect(afterCerts.json.trustees.map((t: { you: boolean }) => t.you)).toEqual([true, false, false]);
    const certs = (await trustees[1]!.get(`${base}/trustees/threshold/certs`)).json.certs as string;
    expect(certs).toBe(sides.map((s) => s.cert).join(''));

    // Step 3, checked at 3c.
    for (const [i, client] of trustees.entries()) {
      const answer = await client.post(`${base}/trustees/threshold/${i + 1}/polynomial`, {
        polynomial: sides[i]!.polynomial(certs, 2),
      });
      expect(answer.status, JSON.stringify(answer.json)).toBe(200);
    }
    // Steps 4–5: each trustee's vinput, and its voutput checked at 5d; the last one completes step 6.
    for (const [i, client] of trustees.entries()) {
      const vinput = await client.get(`${base}/trustees/threshold/${i + 1}/vinput`);
      expect(vinput.status).toBe(200);
      const answer = await client.post(`${base}/trustees/threshold/${i + 1}/voutput`, {
        voutput: sides[i]!.voutput(certs, vinput.json.vinput),
      });
      expect(answer.status, JSON.stringify(answer.json)).toBe(200);
    }
    const done = await admin.get(`${base}/trustees/threshold`);
    expect(done.json).toMatchObject({ step: 'done', missing: [] });
    // Each answer passes the check the trustee page makes (the contract's schema).
    expect(Check(ThresholdStatus, afterCerts.json)).toBe(true);
    expect(Check(ThresholdStatus, done.json)).toBe(true);
    expect(Check(ThresholdStatus, { ...done.json, step: 'finished' })).toBe(false);

    const opened = await admin.post(`${base}/open`);
    expect(opened.status, JSON.stringify(opened.json)).toBe(200);
    // Frozen once open.
    expect(
      (await trustees[0]!.post(`${base}/trustees/threshold/1/cert`, { cert: sides[0]!.cert })).status,
    ).toBe(409);
    const electionJson = (await new Client(server.app).get(base)).json.election as string;
    const ctx = loadElection(electionJson);

    // The archive's trustees.json holds the server key and the Pedersen group.
    const setupArchive = parseArchive(
      new Uint8Array((await new Client(server.app).get(`${base}/archive.bel`)).body),
    );
    const setupReport = await verifyArchive(setupArchive);
    expect(setupReport.failure).toBeUndefined();
    expect(setupReport.state!.trustees.kinds.map((k) => k[0])).toEqual(['Single', 'Pedersen']);
    expect(setupReport.state!.trustees.members.map((m) => m.owner)).toEqual([1, 2, 3, 4]);
    const trusteesRaw = encode(trusteesCodec, setupReport.state!.trustees.kinds);
    expect(decodeText(trusteesCodec, trusteesRaw, 'trustees')[1]![0]).toBe('Pedersen');

    // Voters cast.
    const votes = [
      [
        [1, 0, 0],
        [0, 1, 1, 0],
      ],
      [
        [0, 1, 0],
        [1, 0, 0, 0],
      ],
      [
        [0, 1, 0],
        [0, 0, 0, 1],
      ],
    ];
    for (const [i, entry] of credentials.privateCredentials.entries()) {
      const voter = new Client(server.app);
      expect(
        (await voter.post(`${base}/voter/login`, { login: entry.voter.login, password: PASSWORD })).status,
      ).toBe(200);
      const ballot = serializeBallot(createBallot(ctx, entry.credential, votes[i]!));
      expect((await voter.post(`${base}/voter/ballots`, { ballot })).status).toBe(201);
    }

    for (const step of ['close', 'tally']) {
      const answer = await admin.post(`${base}/${step}`);
      expect(answer.status, `${step}: ${JSON.stringify(answer.json)}`).toBe(200);
    }

    // Trustees 1 and 3 decrypt on their side: tally from the public archive, share from their seed
    // and the sealed key the server gives back to them only.
    const decrypt = async (index: number) => {
      const archive = parseArchive(
        new Uint8Array((await new Client(server.app).get(`${base}/archive.bel`)).body),
      );
      const report = await verifyArchive(archive);
      expect(report.failure).toBeUndefined();
      const status = (await trustees[index]!.get(`${base}/trustees/threshold`)).json;
      const mine = status.trustees[index] as { owner: number; you: boolean; id: string };
      expect(mine.you).toBe(true);
      const dkey = await trustees[index]!.get(`${base}/trustees/threshold/${index + 1}/decryption-key`);
      expect(dkey.status).toBe(200);
      expect(dkey.json.id).toBe(mine.id);
      const share = decryptTrusteeShare(group, sides[index]!.key, dkey.json.decryptionKey);
      if (!share.ok) throw new Error(share.problem);
      const member = report.state!.trustees.members.find((m) => m.owner === mine.owner)!;
      expect(share.publicKey).toBe(member.publicKey);
      const partial = computePartialDecryption(report.state!.ctx, report.state!.tally!, share.share.reveal());
      // A trustee acts for their own keys only: the same file posted as another owner is refused.
      const otherOwner = status.trustees[(index + 1) % status.trustees.length].owner as number;
      const asOther = await trustees[index]!.post(`${base}/partial-decryptions`, {
        owner: otherOwner,
        partialDecryption: encode(partialDecryptionCodec, partial),
      });
      expect(asOther.status).toBe(403);
      return trustees[index]!.post(`${base}/partial-decryptions`, {
        owner: mine.owner,
        partialDecryption: encode(partialDecryptionCodec, partial),
      });
    };
    expect((await decrypt(0)).status).toBe(200);
    // One of two is not enough: the result cannot be published yet.
    const tooEarly = await admin.post(`${base}/publish`);
    expect(tooEarly.status).toBe(422);
    expect(JSON.stringify(tooEarly.json.error.detail)).toContain('only 1 of the 2');
    expect((await decrypt(2)).status).toBe(200);

    const published = await admin.post(`${base}/publish`);
    expect(published.status, JSON.stringify(published.json)).toBe(200);
    const expected = [
      [1, 2, 0],
      [1, 1, 1, 1],
    ];
    expect((await new Client(server.app).get(base)).json.result).toEqual(expected);

    const archive = (await new Client(server.app).get(`${base}/archive.bel`)).body;
    const report = await verifyArchive(parseArchive(new Uint8Array(archive)));
    expect(report.failure).toBeUndefined();
    expect(report.result).toEqual(expected);
    expect(report.counts.partialDecryptions).toBe(3);
    if (hasBeleniosTool) {
      const dir = tempDir('threshold-served');
      mkdirSync(dir, { recursive: true });
      writeFileSync(join(dir, `${electionId}.bel`), archive);
      const verdict = beleniosTool(['election', 'verify', '--dir', dir]);
      expect(verdict.stderr).toContain('all checks passed');
      expect(verdict.status).toBe(0);
    }
  });

  it('refuses forged messages (422, nothing changes), other slots (403) and steps out of order (409)', async () => {
    const { electionId, admin, trustees, accounts, outsider } = await draftElection(server, 3);
    const base = `/api/v1/elections/${electionId}`;
    const path = (slot: number, what: string) => `${base}/trustees/threshold/${slot}/${what}`;
    const status = async () => (await admin.get(`${base}/trustees/threshold`)).json;
    const row = async () =>
      (await server.store.trustees.list(electionId)).find((r) => r.kind === 'pedersen')?.publicJson;
    /** Sends, and expects the request to be refused with `code` and the group's stored state to be unchanged. */
    const refused = async (send: () => ReturnType<Client['request']>, httpStatus: number, code: string) => {
      const before = await row();
      const got = await send();
      expect(got.status, JSON.stringify(got.json)).toBe(httpStatus);
      expect(got.json.error.code).toBe(code);
      expect(await row()).toBe(before);
      return got.json.error;
    };

    // Declaring: nobody but the admin; accounts must exist and be distinct; sizes must make sense.
    const members = accounts.map((a, i) => ({ displayName: `T${i + 1}`, accountId: a.id }));
    // (Before the declaration, a future trustee has nothing to do with this tenant: 404, as guards.ts says.)
    await refused(
      () => trustees[0]!.post(`${base}/trustees/threshold`, { threshold: 2, trustees: members }),
      404,
      'SCR_NOT_FOUND',
    );
    await refused(
      () =>
        admin.post(`${base}/trustees/threshold`, {
          threshold: 2,
          trustees: [...members.slice(0, 2), { displayName: 'Ghost', accountId: 'no-such-account' }],
        }),
      422,
      'SCR_INVALID_TRUSTEE_DATA',
    );
    await refused(
      () =>
        admin.post(`${base}/trustees/threshold`, {
          threshold: 2,
          trustees: [members[0]!, members[0]!, members[1]!],
        }),
      422,
      'SCR_INVALID_TRUSTEE_DATA',
    );
    await refused(
      () => admin.post(`${base}/trustees/threshold`, { threshold: 4, trustees: members }),
      422,
      'SCR_INVALID_TRUSTEE_DATA',
    );
    expect((await admin.get(`${base}/trustees/threshold`)).status).toBe(404);
    expect((await admin.post(`${base}/trustees/threshold`, { threshold: 2, trustees: members })).status).toBe(
      201,
    );
    await refused(
      () => admin.post(`${base}/trustees/threshold`, { threshold: 2, trustees: members }),
      409,
      'SCR_WRONG_STATE',
    );
    await refused(
      () => trustees[0]!.post(`${base}/trustees/threshold`, { threshold: 2, trustees: members }),
      403,
      'SCR_FORBIDDEN',
    );
    // Someone without a role on the election learns nothing (not even that the group exists).
    expect((await outsider.get(`${base}/trustees/threshold`)).status).toBe(404);

    const sides = [0, 1, 2].map(() => ourTrustee('BELENIOS-2048'));
    const certOf = (i: number) => decodeText(signedMsgCodec, sides[i]!.cert.trim(), 'cert');

    // Certificates: a forged signature, a certificate someone else signed, another's slot, the admin.
    const forgedSignature = {
      ...certOf(0),
      signature: { ...certOf(0).signature, response: certOf(0).signature.response + 1n },
    };
    await refused(
      () => trustees[0]!.post(path(1, 'cert'), { cert: encode(signedMsgCodec, forgedSignature) }),
      422,
      'SCR_INVALID_TRUSTEE_DATA',
    );
    const swapped = { message: certOf(1).message, signature: certOf(0).signature };
    await refused(
      () => trustees[0]!.post(path(1, 'cert'), { cert: encode(signedMsgCodec, swapped) }),
      422,
      'SCR_INVALID_TRUSTEE_DATA',
    );
    await refused(
      () => trustees[0]!.post(path(1, 'cert'), { cert: '{"not":"a certificate"}' }),
      422,
      'SCR_INVALID_TRUSTEE_DATA',
    );
    await refused(() => trustees[0]!.post(path(2, 'cert'), { cert: sides[1]!.cert }), 403, 'SCR_FORBIDDEN');
    await refused(() => admin.post(path(1, 'cert'), { cert: sides[0]!.cert }), 403, 'SCR_FORBIDDEN');
    await refused(() => trustees[0]!.post(path(9, 'cert'), { cert: sides[0]!.cert }), 403, 'SCR_FORBIDDEN');
    // Out of order: nothing but certificates yet.
    await refused(() => trustees[0]!.get(`${base}/trustees/threshold/certs`), 409, 'SCR_WRONG_STATE');
    expect((await trustees[0]!.post(path(1, 'cert'), { cert: sides[0]!.cert })).status).toBe(200);
    // Sent again identical: accepted (a retry); different: refused; the same key in another slot: refused.
    expect((await trustees[0]!.post(path(1, 'cert'), { cert: sides[0]!.cert })).status).toBe(200);
    await refused(() => trustees[0]!.post(path(1, 'cert'), { cert: sides[1]!.cert }), 409, 'SCR_WRONG_STATE');
    await refused(
      () => trustees[1]!.post(path(2, 'cert'), { cert: sides[0]!.cert }),
      422,
      'SCR_INVALID_TRUSTEE_DATA',
    );
    const placeholder = encode(polynomialCodec, { polynomial: '{}', secrets: [], coefexps: certOf(0) });
    await refused(
      () => trustees[0]!.post(path(1, 'polynomial'), { polynomial: placeholder }),
      409,
      'SCR_WRONG_STATE',
    );
    await refused(() => trustees[0]!.get(path(1, 'vinput')), 409, 'SCR_WRONG_STATE');
    await refused(() => trustees[0]!.get(path(1, 'decryption-key')), 409, 'SCR_WRONG_STATE');
    expect((await status()).missing).toEqual([2, 3]);
    for (const i of [1, 2])
      expect((await trustees[i]!.post(path(i + 1, 'cert'), { cert: sides[i]!.cert })).status).toBe(200);
    await refused(() => trustees[2]!.post(path(3, 'cert'), { cert: sides[1]!.cert }), 409, 'SCR_WRONG_STATE');

    // Polynomials: one signed by another trustee, one with the wrong threshold, another's slot.
    const certs = (await trustees[0]!.get(`${base}/trustees/threshold/certs`)).json.certs as string;
    const polynomials = sides.map((s) => s.polynomial(certs, 2));
    await refused(
      () => trustees[0]!.post(path(1, 'polynomial'), { polynomial: polynomials[1]! }),
      422,
      'SCR_INVALID_TRUSTEE_DATA',
    );
    await refused(
      () => trustees[0]!.post(path(1, 'polynomial'), { polynomial: sides[0]!.polynomial(certs, 3) }),
      422,
      'SCR_INVALID_TRUSTEE_DATA',
    );
    const tampered = decodeText(polynomialCodec, polynomials[0]!.trim(), 'polynomial');
    tampered.coefexps = {
      ...tampered.coefexps,
      message: tampered.coefexps.message.replace(/"coefexps":\["\d+"/, '"coefexps":["1"'),
    };
    await refused(
      () => trustees[0]!.post(path(1, 'polynomial'), { polynomial: encode(polynomialCodec, tampered) }),
      422,
      'SCR_INVALID_TRUSTEE_DATA',
    );
    await refused(
      () => trustees[1]!.post(path(1, 'polynomial'), { polynomial: polynomials[0]! }),
      403,
      'SCR_FORBIDDEN',
    );
    await refused(() => trustees[0]!.post(path(1, 'voutput'), { voutput: '{}' }), 409, 'SCR_WRONG_STATE');
    for (const [i, client] of trustees.entries())
      expect((await client.post(path(i + 1, 'polynomial'), { polynomial: polynomials[i]! })).status).toBe(
        200,
      );
    expect((await status()).step).toBe('voutputs');

    // Vinputs go to their trustee only; voutputs: another's key, a forged proof, another's slot.
    await refused(() => trustees[1]!.get(path(1, 'vinput')), 403, 'SCR_FORBIDDEN');
    await refused(() => admin.get(path(1, 'vinput')), 403, 'SCR_FORBIDDEN');
    const vinputs = await Promise.all(
      trustees.map(async (client, i) => (await client.get(path(i + 1, 'vinput'))).json.vinput as string),
    );
    const outs = sides.map((s, i) => s.voutput(certs, vinputs[i]!));
    await refused(
      () => trustees[0]!.post(path(1, 'voutput'), { voutput: outs[1]! }),
      422,
      'SCR_INVALID_TRUSTEE_DATA',
    );
    const forgedPok = decodeText(voutputCodec, outs[0]!.trim(), 'voutput');
    forgedPok.public_key = {
      ...forgedPok.public_key,
      pok: { ...forgedPok.public_key.pok, challenge: forgedPok.public_key.pok.challenge + 1n },
    };
    await refused(
      () => trustees[0]!.post(path(1, 'voutput'), { voutput: encode(voutputCodec, forgedPok) }),
      422,
      'SCR_INVALID_TRUSTEE_DATA',
    );
    await refused(() => trustees[0]!.post(path(2, 'voutput'), { voutput: outs[1]! }), 403, 'SCR_FORBIDDEN');
    for (const [i, client] of trustees.entries())
      expect((await client.post(path(i + 1, 'voutput'), { voutput: outs[i]! })).status).toBe(200);
    expect((await status()).step).toBe('done');

    // Sealed keys: each to its own trustee only.
    expect((await trustees[1]!.get(path(2, 'decryption-key'))).status).toBe(200);
    await refused(() => trustees[1]!.get(path(1, 'decryption-key')), 403, 'SCR_FORBIDDEN');
    await refused(() => admin.get(path(1, 'decryption-key')), 403, 'SCR_FORBIDDEN');
    // Finished: nothing more is accepted.
    await refused(() => trustees[0]!.post(path(1, 'voutput'), { voutput: outs[1]! }), 409, 'SCR_WRONG_STATE');
    // The group no longer stops the election from opening (it has no voters: that is the only reason).
    const notReady = await admin.post(`${base}/open`);
    expect(notReady.status).toBe(422);
    expect(JSON.stringify(notReady.json.error.detail)).not.toContain('threshold');
  });
});
