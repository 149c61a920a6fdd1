/**
 * The RecoveryService's rules at its seam (the sending is captured, not mailed), on SQLite and
 * PostgreSQL: which mode allows what, what a refused request changes (nothing), and the
 * self-service rate limit over HTTP. The whole flow through the API is in flow.test.ts.
 */

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { systemClock } from '../../src/core/clock.js';
import { decodeText, encode } from '../../src/core/codec.js';
import { parsePrivateCredential, publicCredential } from '../../src/core/credential.js';
import { requireGroup } from '../../src/core/group.js';
import type { OrganisationId } from '../../src/core/ids.js';
import {
  credentialEscrowCodec,
  generateOfficerKey,
  serializeOfficerPrivateKey,
  serializeOfficerPublicKey,
} from '../../src/protocol/credential-escrow.js';
import { generateCredentials } from '../../src/protocol/setup.js';
import { decryptBatch, escrowBatchCodec } from '../../src/recovery/batch-files.js';
import {
  assertRecoveryDecided,
  type CredentialMessage,
  RecoveryService,
} from '../../src/recovery/service.js';
import { RECOVERY_REQUESTS_PER_MINUTE } from '../../src/server/routes/recovery.js';
import { freshSchema, pgProblem, type TestSchema } from '../support/postgres.js';
import { addAccount, addOrganisation, grant, QUESTIONS, type TestAccount } from '../world/scenario.js';
import { startTestServer, type TestServer } from '../world/server.js';

const group = requireGroup('BELENIOS-2048');

function suite(name: string, databaseUrl: () => Promise<string | undefined>) {
  describe(`recovery rules (${name})`, () => {
    let server: TestServer;
    let admin: TestAccount;
    let officer: TestAccount;
    let organisationId: OrganisationId;
    const sent: CredentialMessage[] = [];
    let recovery: RecoveryService;

    beforeAll(async () => {
      const url = await databaseUrl();
      server = await startTestServer(url === undefined ? {} : { databaseUrl: url });
      admin = await addAccount(server, 'admin');
      officer = await addAccount(server, 'officer');
      organisationId = await addOrganisation(server, 'Org', admin);
      recovery = new RecoveryService(server.store, systemClock, async (message) => void sent.push(message));
    });
    afterAll(async () => server?.close());

    async function draft(credentialMode: 'server' | 'external' = 'server') {
      const row = await server.elections.create(organisationId, admin, {
        name: 'E',
        description: '',
        timeZone: 'UTC',
        credentialMode,
      });
      await server.elections.setQuestions(row.id, admin, QUESTIONS);
      await server.elections.importVoters(row.id, admin, 'a@example.org,a,1,A\nb@example.org,b,1,B', 'en');
      await server.elections.useServerTrustee(row.id, admin);
      return row.id;
    }
    const requestsOf = async (id: string) =>
      (await recovery.listRequests(id)).map((r) => [r.login, r.origin, r.state]);

    it('external authority: nothing to replace or recover on the server; requests are not recorded', async () => {
      const id = await draft('external');
      const voters = await server.store.voters.list(id);
      const generated = generateCredentials(
        id,
        group,
        voters.map((v) => ({ id: v.id, login: v.login, weight: 1n })),
      );
      await server.elections.setExternalPublicCredentials(id, admin, generated.publicWithLogins);
      await expect(recovery.replaceCredential(id, admin, voters[0]!.id)).rejects.toMatchObject({
        code: 'SCR_RECOVERY_NOT_AVAILABLE',
      });
      await recovery.requestBySelfService(id, 'a', 'a@example.org');
      expect(await requestsOf(id)).toEqual([]);
      expect((await recovery.status(id)).modeId).toBe('external');
      await expect(
        recovery.setOfficerKey(id, officer, serializeOfficerPublicKey(generateOfficerKey(group).publicKey)),
      ).rejects.toMatchObject({ code: 'SCR_RECOVERY_NOT_AVAILABLE' });
      await assertRecoveryDecided(server.store, id);
    });

    it('before opening: a self-service request is answered by a replacement, sealed again for the officer', async () => {
      const id = await draft();
      await expect(assertRecoveryDecided(server.store, id)).rejects.toMatchObject({
        code: 'SCR_RECOVERY_CHOICE_NEEDED',
      });
      const officerKey = generateOfficerKey(group);
      await recovery.setOfficerKey(id, officer, serializeOfficerPublicKey(officerKey.publicKey));
      await assertRecoveryDecided(server.store, id);
      await server.elections.generateServerCredentials(id, admin);
      expect((await recovery.status(id)).escrowed).toBe(2);
      await recovery.requestBySelfService(id, ' a ', 'A@Example.org');
      await recovery.requestBySelfService(id, 'a', 'a@example.org'); // already pending: not twice
      expect(await requestsOf(id)).toEqual([['a', 'voter', 'pending']]);
      const voter = (await server.store.voters.findByLogin(id, 'a'))!;
      sent.length = 0;
      await recovery.replaceCredential(id, admin, voter.id);
      expect(sent.map((m) => [m.voterId, m.purpose])).toEqual([[voter.id, 'credential-replacement']]);
      const fresh = sent[0]!.credential;
      const after = (await server.store.voters.get(voter.id))!;
      expect(after.publicCredential).toBe(publicCredential(fresh, id, group).toString());
      expect(await requestsOf(id)).toEqual([['a', 'voter', 'completed']]);
      // The new escrow opens to the new credential with the officer's key.
      const [sealed] = await server.store.recovery.listEscrows(id, [voter.id]);
      expect(sealed!.publicCredential).toBe(after.publicCredential);
      const batch = {
        kind: 'scrutin-recovery-batch' as const,
        version: 1,
        electionId: id,
        group: group.name,
        items: [
          {
            requestId: 'r',
            voterId: voter.id,
            login: 'a',
            publicCredential: BigInt(sealed!.publicCredential),
            escrow: decodeText(credentialEscrowCodec, sealed!.escrowJson, 'escrow'),
          },
        ],
      };
      const opened = decryptBatch(
        serializeOfficerPrivateKey(group, officerKey.privateKey),
        encode(escrowBatchCodec, batch),
      );
      expect(opened.ok && JSON.parse(opened.output).credentials[0].credential).toBe(fresh.reveal());
      // The choice cannot change once credentials exist.
      await expect(recovery.chooseNoRecovery(id, admin)).rejects.toMatchObject({
        code: 'SCR_RECOVERY_TOO_LATE',
      });
    });

    it('an appointed officer must send their key before credentials are issued to voters', async () => {
      const id = await draft();
      await grant(server, id, officer, 'credential-authority');
      const delivery = {
        store: server.store,
        clock: systemClock,
        config: { baseUrl: 'http://127.0.0.1:8080' },
      };
      await expect(server.elections.issueServerCredentials(id, admin, delivery)).rejects.toMatchObject({
        code: 'SCR_RECOVERY_CHOICE_NEEDED',
      });
      expect((await server.store.voters.list(id)).map((v) => v.publicCredential)).toEqual([null, null]);
      await recovery.setOfficerKey(
        id,
        officer,
        serializeOfficerPublicKey(generateOfficerKey(group).publicKey),
      );
      expect((await server.elections.issueServerCredentials(id, admin, delivery)).count).toBe(2);
      expect((await recovery.status(id)).escrowed).toBe(2);
    });

    it('"no recovery": after opening, requests are not recorded and the help desk is told so', async () => {
      const id = await draft();
      await recovery.chooseNoRecovery(id, admin);
      await server.elections.generateServerCredentials(id, admin);
      expect(await recovery.status(id)).toMatchObject({
        recovery: 'none',
        modeId: 'server-no-recovery',
        escrowed: 0,
      });
      const voter = (await server.store.voters.findByLogin(id, 'b'))!;
      // Replacement before opening still works, without an escrow.
      sent.length = 0;
      await recovery.replaceCredential(id, admin, voter.id);
      expect(sent).toHaveLength(1);
      expect(await server.store.recovery.listEscrows(id)).toEqual([]);
      await server.elections.open(id, admin);
      await recovery.requestBySelfService(id, 'b', 'b@example.org');
      expect(await requestsOf(id)).toEqual([]);
      await expect(recovery.requestByHelpDesk(id, admin, voter.id)).rejects.toMatchObject({
        code: 'SCR_RECOVERY_NOT_AVAILABLE',
      });
      await expect(recovery.replaceCredential(id, admin, voter.id)).rejects.toMatchObject({
        code: 'SCR_WRONG_STATE',
      });
      await server.elections.close(id, admin);
      await expect(recovery.requestBySelfService(id, 'b', 'b@example.org')).rejects.toMatchObject({
        code: 'SCR_VOTING_CLOSED',
      });
    });

    it('refuses a bad upload as a whole: pending request, duplicate entry, other election, not a credential', async () => {
      const id = await draft();
      const officerKey = generateOfficerKey(group);
      await recovery.setOfficerKey(id, officer, serializeOfficerPublicKey(officerKey.publicKey));
      const issued = await server.elections.generateServerCredentials(id, admin);
      await server.elections.open(id, admin);
      const [a, b] = issued;
      const ra = await recovery.requestByHelpDesk(id, admin, a!.voterId);
      const rb = await recovery.requestByHelpDesk(id, admin, b!.voterId);
      // The help desk cannot approve its own request, even if it later became the officer.
      await expect(recovery.decide(id, admin, ra.id, true)).rejects.toMatchObject({
        code: 'SCR_RECOVERY_SEPARATION',
      });
      await recovery.decide(id, officer, ra.id, true);
      const file = (entries: object[], electionId: string = id) =>
        JSON.stringify({
          kind: 'scrutin-recovered-credentials',
          version: 1,
          electionId,
          credentials: entries,
        });
      const good = { requestId: ra.id, voterId: a!.voterId, credential: a!.credential };
      sent.length = 0;
      for (const [text, code] of [
        [
          file([good, { requestId: rb.id, voterId: b!.voterId, credential: b!.credential }]),
          'SCR_RECOVERY_INVALID_FILE',
        ],
        [file([good, good]), 'SCR_RECOVERY_INVALID_FILE'],
        [file([good], 'Other1E1ection'), 'SCR_RECOVERY_INVALID_FILE'],
        [file([{ ...good, credential: 'not a credential' }]), 'SCR_RECOVERY_INVALID_FILE'],
        [file([{ ...good, voterId: b!.voterId }]), 'SCR_RECOVERY_INVALID_FILE'],
        [file([{ ...good, credential: b!.credential }]), 'SCR_RECOVERY_MISMATCH'],
        ['{"kind":"scrutin-recovered-credentials"', 'SCR_RECOVERY_INVALID_FILE'],
      ] as const) {
        await expect(recovery.completeRecovery(id, officer, text)).rejects.toMatchObject({ code });
      }
      expect(sent).toEqual([]);
      expect((await recovery.listRequests(id)).map((r) => r.state)).toEqual(['approved', 'pending']);
      expect(await recovery.completeRecovery(id, officer, file([good]))).toEqual({ sent: 1, alreadySent: 0 });
      expect(sent.map((m) => [m.voterId, m.purpose, m.credential.reveal()])).toEqual([
        [a!.voterId, 'credential-recovery', a!.credential],
      ]);
      const parsed = parsePrivateCredential(sent[0]!.credential.reveal());
      expect(parsed.ok).toBe(true);
      // A completed request does not block a new one for the same voter.
      await recovery.requestBySelfService(id, 'a', 'a@example.org');
      expect((await recovery.listRequests(id)).map((r) => [r.login, r.state])).toEqual([
        ['a', 'completed'],
        ['b', 'pending'],
        ['a', 'pending'],
      ]);
    });

    it(`limits self-service requests to ${RECOVERY_REQUESTS_PER_MINUTE} a minute per address`, async () => {
      const id = await draft();
      const ask = () =>
        server.app.inject({
          method: 'POST',
          url: `/api/v1/elections/${id}/recovery/requests`,
          payload: { login: 'a', email: 'x@example.org' },
          remoteAddress: '10.9.8.7',
        });
      for (let i = 0; i < RECOVERY_REQUESTS_PER_MINUTE; i++) expect((await ask()).statusCode).toBe(202);
      const limited = await ask();
      expect(limited.statusCode).toBe(429);
      expect(limited.json().error.code).toBe('SCR_RATE_LIMITED');
    });
  });
}

suite('SQLite', async () => undefined);

const schemas: TestSchema[] = [];
const problem = await pgProblem();
if (problem === undefined) {
  suite('PostgreSQL', async () => {
    const schema = await freshSchema('recovery_service');
    schemas.push(schema);
    return schema.url;
  });
  afterAll(async () => {
    for (const schema of schemas) await schema.drop();
  });
}
