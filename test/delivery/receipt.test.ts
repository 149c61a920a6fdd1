/**
 * The optional receipt after casting (issue 16 point 10; Belenios sends one): when the election
 * asks for it, each cast queues a mail to the voter's registered address with the ballot's tracker
 * and the public page to check it on; without the setting, nothing is sent. The receipt carries no
 * secret: neither the credential nor the password.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DeliverySender } from '../../src/delivery/sender.js';
import { type TestTransport, testTransport } from '../../src/delivery/transport.js';
import { Client, signedIn } from '../world/client.js';
import {
  advance,
  ballotOf,
  draftElection,
  organisationWithAdmin,
  type TestElection,
} from '../world/scenario.js';
import { startTestServer, type TestServer } from '../world/server.js';

const PLAINTEXT = [
  [1, 0, 0],
  [0, 1, 0, 0],
];

describe('the receipt mailed after casting', () => {
  let server: TestServer;
  let mail: TestTransport;
  let sender: DeliverySender;
  let admin: Client;
  let election: TestElection;

  beforeAll(async () => {
    server = await startTestServer();
    mail = testTransport('email');
    sender = new DeliverySender(server.store, { transports: { email: mail } });
    const org = await organisationWithAdmin(server, 'Federation');
    admin = await signedIn(new Client(server.app), org.admin);
    election = await draftElection(server, org.organisationId, org.admin, { voters: 2, serverKey: true });
    await advance(server, election, org.admin, 'open');
  });
  afterAll(async () => server?.close());

  const cast = async (index: number) => {
    const voter = election.voters[index]!;
    const client = new Client(server.app);
    const login = await client.post(`/api/v1/elections/${election.id}/voter/login`, {
      login: voter.login,
      password: voter.password,
    });
    expect(login.status).toBe(200);
    const ballot = await ballotOf(server, election.id, voter, PLAINTEXT);
    const answer = await client.post(`/api/v1/elections/${election.id}/voter/ballots`, { ballot });
    expect(answer.status, JSON.stringify(answer.json)).toBe(201);
    return answer.json.tracker as string;
  };

  it('sends nothing when the election does not ask for receipts', async () => {
    await cast(0);
    expect(await sender.drain()).toBe(0);
  });

  it('mails the tracker and the public page to the voter who cast, and nothing secret', async () => {
    const settings = (await admin.get(`/api/v1/elections/${election.id}/delivery/settings`)).json;
    expect(settings.receiptMail).toBe(false);
    const { mail: _mode, sms: _sms, ...current } = settings;
    expect(
      (
        await admin.put(`/api/v1/elections/${election.id}/delivery/settings`, {
          ...current,
          receiptMail: true,
        })
      ).status,
    ).toBe(200);
    const voter = election.voters[1]!;
    const tracker = await cast(1);
    expect(await sender.drain()).toBe(1);
    const [receipt] = mail.accepted;
    expect(receipt!.to).toBe(voter.email);
    expect(receipt!.text).toContain(tracker);
    expect(receipt!.text).toContain(`/elections/${election.id}`);
    expect(receipt!.text).not.toContain(voter.credential);
    expect(receipt!.text).not.toContain(voter.password);
    // A form that leaves the setting out keeps it.
    const { receiptMail: _kept, ...withoutReceipt } = current;
    await admin.put(`/api/v1/elections/${election.id}/delivery/settings`, withoutReceipt);
    expect((await admin.get(`/api/v1/elections/${election.id}/delivery/settings`)).json.receiptMail).toBe(
      true,
    );
  });
});
