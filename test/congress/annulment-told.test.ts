/**
 * Annulment told (issue 16 point 5): when an annulled box is re-run, each of its voters gets a mail
 * in their language with the annulment's reason and the link to the re-run's voting page; the
 * re-run's credential mail says it replaces the annulled vote's credential.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DeliverySender } from '../../src/delivery/sender.js';
import { type TestTransport, testTransport } from '../../src/delivery/transport.js';
import { Client, signedIn } from '../world/client.js';
import { CONGRESS_QUESTIONS } from '../world/consultation.js';
import { organisationWithAdmin } from '../world/scenario.js';
import { startTestServer, type TestServer } from '../world/server.js';

const REASON = 'Roll of the North federation was out of date';

describe('the voters of an annulled box are told, and the re-run says what it replaces', () => {
  let server: TestServer;
  let client: Client;
  let mail: TestTransport;
  let sender: DeliverySender;
  let north: { id: string; electionId: string };
  let consultationId: string;

  beforeAll(async () => {
    server = await startTestServer();
    mail = testTransport('email');
    sender = new DeliverySender(server.store, { transports: { email: mail } });
    const { organisationId, admin } = await organisationWithAdmin(server, 'Federations');
    client = await signedIn(new Client(server.app), admin);
    const created = await client.post(`/api/v1/organisations/${organisationId}/consultations`, {
      name: 'Congrès 2027',
      description: '',
      timeZone: 'Europe/Paris',
      questions: CONGRESS_QUESTIONS,
      boxes: [{ label: 'North' }, { label: 'South' }],
      serverTrustee: true,
    });
    expect(created.status, JSON.stringify(created.json)).toBe(201);
    consultationId = created.json.id;
    north = created.json.boxes.find((b: { label: string }) => b.label === 'North');
    const roll = [
      'federation,email,login,weight,name,language',
      'North,ana@example.org,ana,1,Ana,fr',
      'North,ben@example.org,ben,1,Ben,en',
      'South,sam@example.org,sam,1,Sam,fr',
    ].join('\n');
    expect((await client.put(`/api/v1/consultations/${consultationId}/voters`, roll)).status).toBe(200);
    expect((await client.post(`/api/v1/elections/${north.electionId}/delivery/credentials`)).status).toBe(
      200,
    );
    await sender.drain();
  });
  afterAll(async () => server?.close());

  it('mails the reason and the re-run link to every voter of the annulled box, in their language', async () => {
    const before = mail.accepted.length;
    const annul = await client.post(`/api/v1/consultations/${consultationId}/boxes/${north.id}/annul`, {
      reason: REASON,
    });
    expect(annul.status, JSON.stringify(annul.json)).toBe(200);
    const rerun = await client.post(`/api/v1/consultations/${consultationId}/boxes/${north.id}/rerun`);
    expect(rerun.status).toBe(201);
    const replacement = rerun.json.boxes.find((b: { replaces: string | null }) => b.replaces === north.id);
    await sender.drain();
    const notices = mail.accepted.slice(before);
    expect(notices.map((m) => m.to).sort()).toEqual(['ana@example.org', 'ben@example.org']);
    const ana = notices.find((m) => m.to === 'ana@example.org')!;
    const ben = notices.find((m) => m.to === 'ben@example.org')!;
    expect(ana.subject).toMatch(/^Vote annulé – /);
    expect(ana.text).toContain(`Motif indiqué\u00a0: ${REASON}`);
    expect(ana.text).toContain(`/vote/${replacement.electionId}`);
    expect(ben.subject).toMatch(/^Vote annulled – /);
    expect(ben.text).toContain(`Reason given: ${REASON}`);
    expect(ben.text).toContain(`${server.config.baseUrl}/vote/${replacement.electionId}`);
    // Not to the other box's voters; and a second drain sends nothing again.
    expect(await sender.drain()).toBe(0);

    const issued = await client.post(`/api/v1/elections/${replacement.electionId}/delivery/credentials`);
    expect(issued.status).toBe(200);
    await sender.drain();
    const credentialToBen = mail.accepted.filter((m) => m.to === 'ben@example.org').at(-1)!;
    expect(credentialToBen.subject).toMatch(/credential/);
    expect(credentialToBen.text).toMatch(
      /This credential is for the new vote that replaces the annulled vote “[^”]+”: the credential of the annulled vote no longer works\./,
    );
  });
});
