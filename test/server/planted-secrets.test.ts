/**
 * Planted secrets (issue #3): a whole election through the HTTP API in which every secret is known
 * to the test — account and voter passwords, the passwords people mistype, password hashes, private
 * credentials and their exponents, the server's trustee key, an external trustee's key, session
 * tokens — with everything users get wrong along the way (wrong passwords, passwords in the wrong
 * field, a credential pasted as a ballot, a trustee's private key pasted as their public key or as
 * a partial decryption, invalid, stolen and replayed ballots, wrong states, missing roles, missing
 * CSRF tokens, oversized bodies). Every GET operation of the OpenAPI document is fetched as every
 * role at each stage, every export too. Then every answer (body and headers) and every log line is
 * searched for every secret in every encoding: none may appear, and a session token only in the
 * Set-Cookie of the sign-in that created it.
 */

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { credentialSecret, parsePrivateCredential } from '../../src/core/credential.js';
import { requireGroup } from '../../src/core/group.js';
import type { ElectionId } from '../../src/core/ids.js';
import { generateTrusteeKey, serializeTrusteePublicKey } from '../../src/protocol/setup.js';
import { tokenIn } from '../support/account-links.js';
import { Recorder, type RecordingClient } from '../world/recorder.js';
import {
  addAccount,
  advance,
  ballotOf,
  draftElection,
  grant,
  issueVoterSecrets,
  partialDecryptionOf,
  plantedPassword,
  QUESTIONS,
  type TestAccount,
  type TestVoter,
} from '../world/scenario.js';
import { startTestServer, type TestServer } from '../world/server.js';
import {
  bigintForms,
  credentialForms,
  findPlanted,
  type PlantedSecret,
  planted,
  textForms,
  tokenForms,
} from './secret-search.js';

/** A stored scrypt hash (scrypt$N$r$p$salt$hash): whole, and its salt and hash parts. */
const hashForms = (stored: string) => [
  ...textForms(stored),
  ...stored.split('$').slice(4).flatMap(textForms),
];

type Role =
  | 'operator'
  | 'orgAdmin'
  | 'electionAdmin'
  | 'credentialAuthority'
  | 'trustee'
  | 'scrutineer'
  | 'voter'
  | 'anonymous';

describe('planted secrets never leave the server', () => {
  let server: TestServer;
  let http: Recorder;
  const as = {} as Record<Role, RecordingClient>;
  const accounts = {} as Record<Exclude<Role, 'voter' | 'anonymous'>, TestAccount>;
  let electionId: ElectionId;
  let organisationId: string;
  const voters: TestVoter[] = [];
  let externalKey: bigint;
  const mistyped: string[] = [];
  /** Invitation and reset tokens: each may appear in its one mail only. */
  const linkTokens: string[] = [];
  let getOperations: string[] = [];

  const e = (path = '') => `/api/v1/elections/${electionId}${path}`;
  /** Every GET of the API, as every role (ids filled in). */
  const sweep = async () => {
    for (const client of Object.values(as)) {
      for (const path of getOperations) {
        await client.get(
          path
            .replace('{electionId}', electionId)
            .replace('{organisationId}', organisationId)
            .replace('{slot}', '1'),
        );
      }
    }
  };

  beforeAll(async () => {
    server = await startTestServer();
    http = new Recorder(server.app);
    const spec = (await http.client().get('/api/openapi.json')).json as {
      paths: Record<string, Record<string, unknown>>;
    };
    getOperations = Object.entries(spec.paths).flatMap(([path, methods]) => ('get' in methods ? [path] : []));

    // The operator creates the organisation and its admin through the API; the admin is mailed an
    // invitation and chooses their password on its link (issue 15: a password and a link token in
    // request bodies, the token in one mail).
    accounts.operator = await addAccount(server, 'operator', { isOperator: true });
    as.operator = await http.client().signIn(accounts.operator.email, accounts.operator.password);
    const orgAdminPassword = plantedPassword('org-admin');
    const created = await as.operator.post('/api/v1/organisations', {
      name: 'Federation',
      admin: { email: 'org-admin@example.org', displayName: 'Org admin' },
    });
    expect(created.status).toBe(201);
    organisationId = created.json.organisation.id;
    const invitation = tokenIn(server.mails!.accepted.at(-1)!.text)!;
    linkTokens.push(invitation);
    // A password people would pick is refused first; the link survives that.
    expect(
      (await http.client().post('/api/v1/auth/password-link', { token: invitation, password: 'qwertyuiop' }))
        .status,
    ).toBe(422);
    expect(
      (
        await http
          .client()
          .post('/api/v1/auth/password-link', { token: invitation, password: orgAdminPassword })
      ).status,
    ).toBe(200);
    // Spent: a second use is refused.
    expect(
      (
        await http
          .client()
          .post('/api/v1/auth/password-link', { token: invitation, password: orgAdminPassword })
      ).status,
    ).toBe(410);
    accounts.orgAdmin = {
      id: created.json.admin.id,
      email: 'org-admin@example.org',
      displayName: 'Org admin',
      password: orgAdminPassword,
    };
    as.orgAdmin = await http.client().signIn(accounts.orgAdmin.email, orgAdminPassword);
    // Near misses of a password, a password typed into the login field, malformed and oversized bodies.
    const wrong = http.client();
    for (const password of [`${accounts.operator.password}x`, plantedPassword('typo')]) {
      mistyped.push(password);
      expect(
        (await wrong.post('/api/v1/auth/login', { email: accounts.operator.email, password })).status,
      ).toBe(401);
    }
    expect(
      (await wrong.post('/api/v1/auth/login', { email: orgAdminPassword, password: orgAdminPassword }))
        .status,
    ).toBe(401);
    expect(
      (
        await wrong.post('/api/v1/auth/login', {
          email: accounts.orgAdmin.email,
          password: orgAdminPassword.repeat(100),
        })
      ).status,
    ).toBe(400);
    expect(
      (
        await wrong.post('/api/v1/auth/login', {
          email: accounts.orgAdmin.email,
          password: orgAdminPassword,
          remember: orgAdminPassword,
        })
      ).status,
    ).toBe(400);
    expect(
      (
        await wrong.request('POST', '/api/v1/auth/login', {
          text: `{"email":"${orgAdminPassword}","password":`,
          contentType: 'application/json',
        })
      ).status,
    ).toBe(400);
    expect(
      (
        await wrong.request('POST', '/api/v1/auth/login', {
          text: `email=x&password=${orgAdminPassword}`,
          contentType: 'application/x-www-form-urlencoded',
        })
      ).status,
    ).toBe(415);
    expect(
      (
        await wrong.request('POST', '/api/v1/auth/login', {
          text: orgAdminPassword,
          contentType: 'text/plain',
        })
      ).status,
    ).toBe(400);
    expect(
      (
        await wrong.request('GET', '/api/v1/auth/me', {
          headers: { authorization: `Basic ${Buffer.from(`x:${orgAdminPassword}`).toString('base64')}` },
        })
      ).json,
    ).toEqual({ kind: 'anonymous' });
    const huge = await wrong.post('/api/v1/auth/login', {
      email: 'x@example.org',
      password: orgAdminPassword,
      padding: 'x'.repeat(1024 * 1024),
    });
    expect(huge.status).toBe(413);

    // The org admin sets the election up through the API.
    const election = await as.orgAdmin.post(`/api/v1/organisations/${organisationId}/elections`, {
      name: 'Board election',
      description: 'Planted secrets',
      timeZone: 'Europe/Paris',
    });
    expect(election.status).toBe(201);
    electionId = election.json.id;
    expect((await as.orgAdmin.put(e('/questions'), { questions: QUESTIONS })).status).toBe(200);
    const roll = Array.from(
      { length: 4 },
      (_, i) => `voter${i + 1}@example.org,voter${i + 1},1,Voter ${i + 1}`,
    ).join('\n');
    expect((await as.orgAdmin.request('PUT', e('/voters'), { text: roll })).status).toBe(200);
    expect((await as.orgAdmin.post(e('/trustees/server'))).status).toBe(200);
    const group = requireGroup('BELENIOS-2048');
    const external = generateTrusteeKey(group);
    externalKey = external.privateKey.reveal();
    // The trustee's mistakes first: their private key where the public key goes.
    expect(
      (
        await as.orgAdmin.post(e('/trustees/single'), {
          displayName: 'External trustee',
          publicKey: externalKey.toString(),
        })
      ).status,
    ).toBe(422);
    const voutputLike = JSON.stringify({
      private_key: externalKey.toString(),
      public_key: JSON.parse(serializeTrusteePublicKey(external.publicKey)),
    });
    expect(
      (
        await as.orgAdmin.post(e('/trustees/single'), {
          displayName: 'External trustee',
          publicKey: voutputLike,
        })
      ).status,
    ).toBe(422);
    expect(
      (
        await as.orgAdmin.post(e('/trustees/single'), {
          displayName: 'External trustee',
          publicKey: serializeTrusteePublicKey(external.publicKey),
        })
      ).status,
    ).toBe(200);

    // Roles, each signed in through the API.
    for (const [role, grantRole] of [
      ['electionAdmin', 'election-admin'],
      ['credentialAuthority', 'credential-authority'],
      ['trustee', 'trustee'],
      ['scrutineer', 'scrutineer'],
    ] as const) {
      accounts[role] = await addAccount(server, role);
      await grant(server, electionId, accounts[role], grantRole);
      as[role] = await http.client().signIn(accounts[role].email, accounts[role].password);
    }
    as.anonymous = http.client();

    // People added by the org admin are invited; one forgets their password and resets it; the
    // org admin changes theirs (the session that asks stays open).
    const added = await as.orgAdmin.post(`/api/v1/organisations/${organisationId}/members`, {
      email: 'invited-person@example.org',
      displayName: 'Invited person',
      orgAdmin: false,
    });
    expect(added.status).toBe(201);
    linkTokens.push(tokenIn(server.mails!.accepted.at(-1)!.text)!);
    expect(
      (await as.orgAdmin.post(`/api/v1/organisations/${organisationId}/members/${added.json.id}/invitation`))
        .status,
    ).toBe(200);
    linkTokens.push(tokenIn(server.mails!.accepted.at(-1)!.text)!);
    const mailed = server.mails!.accepted.length;
    expect(
      (await as.anonymous.post('/api/v1/auth/password-reset', { email: accounts.scrutineer.email })).status,
    ).toBe(202);
    // The reset is mailed after the answer (its timing tells nothing): wait for it.
    for (let i = 0; i < 100 && server.mails!.accepted.length === mailed; i++)
      await new Promise((resolve) => setTimeout(resolve, 20));
    const reset = tokenIn(server.mails!.accepted.at(-1)!.text)!;
    linkTokens.push(reset);
    accounts.scrutineer = { ...accounts.scrutineer, password: plantedPassword('scrutineer-after-reset') };
    expect(
      (
        await as.anonymous.post('/api/v1/auth/password-link', {
          token: reset,
          password: accounts.scrutineer.password,
        })
      ).status,
    ).toBe(200);
    as.scrutineer = await http.client().signIn(accounts.scrutineer.email, accounts.scrutineer.password);
    const newOrgAdminPassword = plantedPassword('org-admin-changed');
    mistyped.push(accounts.orgAdmin.password);
    expect(
      (
        await as.orgAdmin.post('/api/v1/account/password', {
          currentPassword: accounts.orgAdmin.password,
          newPassword: newOrgAdminPassword,
        })
      ).status,
    ).toBe(204);
    accounts.orgAdmin = { ...accounts.orgAdmin, password: newOrgAdminPassword };

    // Server-mode credentials (handed out once, outside the API) and voter passwords.
    voters.push(...(await issueVoterSecrets(server, electionId, accounts.orgAdmin)));
    // Issue 15: per-voter changes of the roll once credentials exist (a new credential goes to the
    // outbox only), and a planted password typed where the address goes.
    const addedVoter = await as.orgAdmin.post(e('/voters'), { email: 'voter5@example.org', login: 'voter5' });
    expect(addedVoter.json).toMatchObject({ credential: 'issued' });
    const fifth = e(`/voters/${addedVoter.json.voterId}`);
    expect((await as.orgAdmin.post(`${fifth}/address`, { email: 'voter5b@example.org' })).status).toBe(200);
    expect((await as.orgAdmin.post(`${fifth}/address`, { email: voters[0]!.password })).status).toBe(422);
    expect((await as.orgAdmin.post(`${fifth}/weight`, { weight: '2' })).status).toBe(200);
    expect((await as.orgAdmin.post(`${fifth}/remove`)).status).toBe(200);
    expect(
      (await as.orgAdmin.request('PUT', e('/voters'), { text: `${voters[0]!.password}@x.org,voter1,1,V` }))
        .status,
    ).toBe(409);
    // The credential authority pastes private credentials where public ones go.
    const pasted = await as.credentialAuthority.post(e('/credentials/public'), {
      publicCredentials: voters.map((v) => `${v.credential},1,${v.login}`),
    });
    expect(pasted.status).toBe(422);
    await sweep();
    expect((await as.orgAdmin.post(e('/open'))).status).toBe(200);
    // After opening: no recovery here, so an address correction is refused; a voter's password
    // typed into the self-service request's address field is not echoed; no mass replacement.
    expect(
      (await as.orgAdmin.post(e(`/voters/${voters[3]!.id}/address`), { email: 'elsewhere@example.org' })).json
        .error.code,
    ).toBe('SCR_ROLL_NO_RECOVERY');
    expect(
      (
        await as.anonymous.post(e('/voter/password-request'), {
          login: voters[0]!.login,
          email: voters[0]!.password,
        })
      ).status,
    ).toBe(202);
    expect((await as.orgAdmin.post(e('/delivery/passwords'), { immediately: true })).status).toBe(409);
  });
  afterAll(async () => server?.close());

  it('runs the election: ballots good and bad, tally, external decryption, publication, every GET as every role', async () => {
    const [v1, v2, v3, v4] = voters as [TestVoter, TestVoter, TestVoter, TestVoter];
    // A wrong password, then the right one; a password for another election.
    const booth = http.client();
    mistyped.push(`${v1.password}!`);
    expect(
      (await booth.post(e('/voter/login'), { login: v1.login, password: `${v1.password}!` })).status,
    ).toBe(401);
    expect((await booth.post(e('/voter/login'), { login: v1.password, password: v1.password })).status).toBe(
      401,
    );
    expect(
      (
        await booth.post('/api/v1/elections/NoSuchE1ection99/voter/login', {
          login: v1.login,
          password: v1.password,
        })
      ).status,
    ).toBe(401);
    as.voter = await booth.signInVoter(electionId, v1.login, v1.password);
    // A credential pasted into the ballot field, in several shapes.
    for (const ballot of [
      v1.credential,
      v1.credential.replaceAll('-', ''),
      JSON.stringify({ credential: v1.credential }),
    ]) {
      const answer = await as.voter.post(e('/voter/ballots'), { ballot });
      expect(answer.status).toBe(400);
    }
    // A ballot whose signature does not verify.
    const good = await ballotOf(server, electionId, v1, [
      [1, 0, 0],
      [0, 1, 0, 0],
    ]);
    const forged = JSON.parse(good) as { signature: { proof: { response: string } } };
    forged.signature.proof.response = (BigInt(forged.signature.proof.response) + 1n).toString();
    expect((await as.voter.post(e('/voter/ballots'), { ballot: JSON.stringify(forged) })).status).toBe(422);
    // Cast, replay, revote; a ballot of another voter's credential.
    expect((await as.voter.post(e('/voter/ballots'), { ballot: good })).status).toBe(201);
    expect((await as.voter.post(e('/voter/ballots'), { ballot: good })).status).toBe(409);
    expect(
      (
        await as.voter.post(e('/voter/ballots'), {
          ballot: await ballotOf(server, electionId, v1, [
            [0, 1, 0],
            [1, 0, 0, 0],
          ]),
        })
      ).status,
    ).toBe(201);
    expect(
      (
        await as.voter.post(e('/voter/ballots'), {
          ballot: await ballotOf(server, electionId, v2, [
            [0, 0, 1],
            [1, 0, 0, 0],
          ]),
        })
      ).status,
    ).toBe(403);
    for (const [voter, plaintext] of [
      [
        v2,
        [
          [0, 0, 1],
          [0, 0, 1, 1],
        ],
      ],
      [
        v3,
        [
          [1, 0, 0],
          [1, 0, 0, 0],
        ],
      ],
    ] as const) {
      const client = await http.client().signInVoter(electionId, voter.login, voter.password);
      expect(
        (
          await client.post(e('/voter/ballots'), {
            ballot: await ballotOf(server, electionId, voter, plaintext as unknown as number[][]),
          })
        ).status,
      ).toBe(201);
      // Another voter replays v1's ballot.
      expect((await client.post(e('/voter/ballots'), { ballot: good })).status).toBe(403);
      expect((await client.post(e('/voter/logout'))).status).toBe(204);
    }
    // v4 signs in and leaves without voting; a voter session elsewhere.
    await (await http.client().signInVoter(electionId, v4.login, v4.password)).post('/api/v1/auth/logout');
    await sweep();

    // Wrong roles, wrong states, no CSRF token, not found.
    expect((await as.scrutineer.post(e('/close'))).status).toBe(403);
    expect((await as.orgAdmin.post(e('/close'), {}, { csrf: null })).status).toBe(403);
    expect((await as.orgAdmin.post(e('/close'), {}, { csrf: accounts.orgAdmin.password })).status).toBe(403);
    expect((await as.orgAdmin.post(e('/open'))).status).toBe(409);
    expect((await as.orgAdmin.post(e('/publish'))).status).toBe(409);
    expect(
      (await as.trustee.post(e('/partial-decryptions'), { owner: 2, partialDecryption: '{}' })).status,
    ).toBe(409);
    expect((await as.scrutineer.get(e('/sign-in-list'))).status).toBe(409);
    expect((await as.anonymous.get(e('/exports/result.json'))).status).toBe(409);
    expect((await as.orgAdmin.get('/api/v1/elections/NoSuchE1ection99/admin')).status).toBe(404);
    expect((await as.orgAdmin.get('/api/v1/no-such-route')).status).toBe(404);

    expect((await as.orgAdmin.post(e('/close'))).status).toBe(200);
    await sweep();
    expect((await as.electionAdmin.post(e('/tally'))).status).toBe(200);
    await sweep();
    // The external trustee pastes their private key first, then sends the real partial decryption.
    expect(
      (
        await as.trustee.post(e('/partial-decryptions'), {
          owner: 2,
          partialDecryption: externalKey.toString(),
        })
      ).status,
    ).toBe(422);
    expect(
      (
        await as.trustee.post(e('/partial-decryptions'), {
          owner: 2,
          partialDecryption: `{"private_key":"${externalKey}"}`,
        })
      ).status,
    ).toBe(422);
    expect((await as.orgAdmin.post(e('/publish'))).status).toBe(422);
    const partial = await partialDecryptionOf(server, electionId, {
      owner: 2,
      publicKey: '',
      privateKey: externalKey,
    });
    expect(
      (await as.trustee.post(e('/partial-decryptions'), { owner: 2, partialDecryption: partial })).status,
    ).toBe(200);
    expect((await as.orgAdmin.post(e('/publish'))).status).toBe(200);
    expect((await as.orgAdmin.post(e('/annul'), { reason: 'too late to annul' })).status).toBe(409);
    await sweep();
    const result = await as.anonymous.get(e('/exports/result.json'));
    expect(result.status).toBe(200);
    // v1's last vote (Bruno, blank), v2 (Chloé, B and C), v3 (Alice, blank).
    expect((await as.anonymous.get(e())).json.result).toEqual([
      [1, 1, 1],
      [2, 0, 1, 1],
    ]);
    for (const client of Object.values(as)) await client.post('/api/v1/auth/logout');
  });

  /** Every secret of the election, in every form the search looks for. */
  async function plantedSecrets(): Promise<PlantedSecret[]> {
    const secrets: PlantedSecret[] = [];
    for (const [role, account] of Object.entries(accounts)) {
      secrets.push(planted(`password of ${role}`, textForms(account.password)));
      const stored = await server.store.accounts.findAccountByEmail(account.email);
      secrets.push(planted(`password hash of ${role}`, hashForms(stored!.passwordHash)));
    }
    const group = requireGroup('BELENIOS-2048');
    const stored = new Map((await server.store.voters.list(electionId)).map((v) => [v.id, v]));
    for (const voter of voters) {
      secrets.push(planted(`password of ${voter.login}`, textForms(voter.password)));
      const hash = stored.get(voter.id)!.passwordHash!;
      secrets.push(planted(`password hash of ${voter.login}`, hashForms(hash)));
      secrets.push(planted(`private credential of ${voter.login}`, credentialForms(voter.credential)));
      const parsed = parsePrivateCredential(voter.credential);
      if (!parsed.ok) throw new Error('bad credential');
      secrets.push(
        planted(
          `credential exponent of ${voter.login}`,
          bigintForms(credentialSecret(parsed.credential, electionId, group).reveal()),
        ),
      );
    }
    for (const [i, password] of mistyped.entries())
      secrets.push(planted(`mistyped password ${i}`, textForms(password)));
    const serverKey = (await server.store.trustees.list(electionId)).find(
      (t) => t.kind === 'server',
    )?.serverPrivateKey;
    if (!serverKey) throw new Error('no server key');
    secrets.push(planted("server trustee's private key", bigintForms(BigInt(serverKey))));
    secrets.push(planted("external trustee's private key", bigintForms(externalKey)));
    for (const [i, token] of linkTokens.entries()) {
      secrets.push(planted(`invitation or reset token ${i}`, tokenForms(token)));
      // …present in exactly one mail, to one person, and stored only as a hash.
      expect(server.mails!.accepted.filter((m) => m.text.includes(token)).length).toBe(1);
      const tables = await server.store.accounts.findLiveToken(token, '0000');
      expect(tables).toBeUndefined();
    }
    for (const [i, token] of http.sessionTokens.entries()) {
      secrets.push(planted(`session token ${i}`, tokenForms(token), { allowedInLoginCookie: true }));
    }
    return secrets;
  }

  it('finds none of them in any answer, header or log line', async () => {
    const secrets = await plantedSecrets();
    // Enough of everything was planted and recorded for the search to mean something.
    expect(http.sessionTokens.length).toBeGreaterThanOrEqual(10);
    expect(secrets.length).toBeGreaterThan(40);
    expect(http.responses.length).toBeGreaterThan(500);
    expect(server.logs.length).toBeGreaterThan(1000);
    const statuses = new Set(http.responses.map((r) => r.status));
    for (const status of [200, 201, 204, 400, 401, 403, 404, 409, 413, 415, 422])
      expect(statuses).toContain(status);
    for (const name of ['voters', 'sign-in-list', 'audit', 'result']) {
      for (const format of ['csv', 'json']) {
        const fetched = http.responses.filter(
          (r) => r.url.endsWith(`/exports/${name}.${format}`) && r.status === 200,
        );
        expect(fetched.length, `${name}.${format}`).toBeGreaterThan(0);
      }
    }
    expect(findPlanted({ responses: http.responses, logs: server.logs }, secrets)).toEqual([]);
  });

  it('would find each of them, in each form, wherever it was written (the search itself works)', async () => {
    const secrets = await plantedSecrets();
    const login = http.responses.find((r) => r.isLogin)!;
    for (const secret of secrets) {
      for (const text of secret.forms) {
        const embedded = `{"msg":"oops","value":"..${text}.."}`;
        const body = { ...login, isLogin: false, body: embedded, headers: {} };
        expect(findPlanted({ responses: [body], logs: [] }, [secret]), secret.name).toEqual([
          {
            secret: secret.name,
            form: expect.any(Number),
            where: expect.stringMatching(/^body of response 0/),
          },
        ]);
        expect(findPlanted({ responses: [], logs: [embedded] }, [secret])).toHaveLength(1);
        expect(
          findPlanted(
            { responses: [{ ...login, isLogin: false, headers: { 'x-debug': embedded } }], logs: [] },
            [secret],
          ),
        ).toHaveLength(1);
      }
      // A secret base64-encoded inside a larger blob, at any alignment, is found too.
      for (const prefix of ['', 'a', 'ab']) {
        const blob = Buffer.from(`${prefix}${secret.forms[0]}-trailing`).toString('base64');
        expect(
          findPlanted({ responses: [], logs: [blob] }, [secret]),
          `${secret.name} after ${prefix.length}`,
        ).toHaveLength(1);
      }
    }
    // Session tokens: allowed in the Set-Cookie of their sign-in, refused in any other header.
    const token = secrets.find((s) => s.allowedInLoginCookie)!;
    const cookie = { 'set-cookie': `scrutin_session=${token.forms[0]}; Path=/; HttpOnly; SameSite=Strict` };
    expect(findPlanted({ responses: [{ ...login, headers: cookie }], logs: [] }, [token])).toEqual([]);
    expect(
      findPlanted({ responses: [{ ...login, isLogin: false, headers: cookie }], logs: [] }, [token]),
    ).toHaveLength(1);
    expect(
      findPlanted({ responses: [{ ...login, headers: { location: `/?t=${token.forms[0]}` } }], logs: [] }, [
        token,
      ]),
    ).toHaveLength(1);
  });

  /** Runs `act` and searches only what it added to the answers and the log. */
  async function leaksOf(act: () => Promise<unknown>) {
    const responses = http.responses.length;
    const logs = server.logs.length;
    await act();
    const secrets = await plantedSecrets();
    return findPlanted(
      { responses: http.responses.slice(responses), logs: server.logs.slice(logs) },
      secrets,
    );
  }

  // Two leaks this test found (request URLs logged whole; field names echoed in errors), now closed.
  it('never writes a secret sent in a URL to the log (a voting link mistyped with ? instead of #)', async () => {
    const [v1] = voters as [TestVoter];
    const leaks = await leaksOf(async () => {
      await http.client().get(`/vote/${electionId}?credential=${v1.credential}`);
      await http.client().get(`/api/v1/no-such-route/${accounts.orgAdmin.password}`);
    });
    // The request log line keeps the path only (src/server/app.ts requestForLog).
    expect(leaks).toEqual([]);
  });

  it('never echoes a field name of a request into an error detail (a credential pasted as a JSON key)', async () => {
    const open = await draftElection(server, organisationId, accounts.orgAdmin, { voters: 1 });
    await advance(server, open, accounts.orgAdmin, 'open');
    const [voter] = open.voters as [TestVoter];
    const responses = http.responses.length;
    const client = await http.client().signInVoter(open.id, voter.login, voter.password);
    const answer = await client.post(`/api/v1/elections/${open.id}/voter/ballots`, {
      ballot: `{"${voter.credential}":1}`,
    });
    expect(answer.status).toBe(400);
    // Decoding errors name the expected fields, never the unexpected key (src/core/codec.ts).
    const secret = planted(`private credential of ${voter.login}`, credentialForms(voter.credential));
    expect(findPlanted({ responses: http.responses.slice(responses), logs: [] }, [secret])).toEqual([]);
  });
});
