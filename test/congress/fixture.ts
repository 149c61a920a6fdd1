/**
 * A small published consultation for whole-API tests (the role matrix): two boxes, one online and
 * published with two ballots, the other annulled in draft and replaced by a paper box. Returns the
 * ids the routes need; `boxId` is the annulled box, on which every write is refused by state.
 */
import type { TestServer } from '../server/harness.js';
import type { TestAccount } from '../server/scenario.js';
import { CONGRESS_QUESTIONS, castVotes, issueCredentials, rollCsv, type Vote } from './support.js';

export async function publishedConsultation(
  server: TestServer,
  organisationId: string,
  admin: TestAccount,
  grants: { electionAdmin?: TestAccount; scrutineer?: TestAccount } = {},
): Promise<{ consultationId: string; boxId: string }> {
  const { app } = server;
  const { Client } = await import('../server/harness.js');
  const { signedIn } = await import('./support.js');
  const client = await signedIn(new Client(app), admin);
  const created = await client.post(`/api/v1/organisations/${organisationId}/consultations`, {
    name: 'Matrix congress',
    description: '',
    timeZone: 'Europe/Paris',
    questions: CONGRESS_QUESTIONS,
    boxes: [{ label: 'North' }, { label: 'South' }],
    serverTrustee: true,
  });
  if (created.status !== 201)
    throw new Error(`create answered ${created.status} ${JSON.stringify(created.json)}`);
  const id = created.json.id as string;
  const [north, south] = created.json.boxes as { id: string; electionId: string }[];
  const votes: Vote[] = [
    { box: 'North', login: 'n1', weight: 1, choice: 0 },
    { box: 'North', login: 'n2', weight: 1, choice: 1 },
  ];
  await client.put(`/api/v1/consultations/${id}/voters`, rollCsv(votes));
  if (grants.electionAdmin)
    await server.store.elections.addRole({
      electionId: north!.electionId,
      accountId: grants.electionAdmin.id,
      role: 'election-admin',
    });
  if (grants.scrutineer)
    await server.store.elections.addRole({
      electionId: north!.electionId,
      accountId: grants.scrutineer.id,
      role: 'scrutineer',
    });
  const credentials = await issueCredentials(server, north!.electionId, admin);
  await client.post(`/api/v1/consultations/${id}/boxes/${south!.id}/annul`, {
    reason: 'vote moved to paper',
  });
  await client.post(`/api/v1/consultations/${id}/advance`, { step: 'open' });
  await castVotes(server, north!.electionId, credentials, votes);
  for (const step of ['close', 'tally', 'publish'])
    await client.post(`/api/v1/consultations/${id}/advance`, { step });
  const paper = await client.post(`/api/v1/consultations/${id}/boxes/paper`, {
    label: 'South',
    replaces: south!.id,
    enteredBy: 'Returning officer South',
    figures: { registeredVoters: 10, ballotsCounted: 4, counts: [['1', '1', '1', '1']] },
    report: { fileName: 'south.pdf', contentBase64: Buffer.from('%PDF south report').toString('base64') },
  });
  if (paper.status !== 201)
    throw new Error(`paper box answered ${paper.status} ${JSON.stringify(paper.json)}`);
  return { consultationId: id, boxId: south!.id };
}
