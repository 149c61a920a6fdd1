/**
 * The consultation side of the test-situation builder (./scenario.ts): a consultation driven through the HTTP API (as an org admin
 * would), with the voters' private credentials issued by the server kept here so the test can cast
 * ballots made by the core, as the booth makes them, through the election service.
 */
import { parsePrivateCredential } from '../../src/core/credential.js';
import type { ElectionId } from '../../src/core/ids.js';
import { createBallot, serializeBallot } from '../../src/protocol/ballot.js';
import { loadElection } from '../../src/protocol/election.js';
import { signedIn } from './client.js';
import type { TestAccount } from './scenario.js';
import type { TestServer } from './server.js';

export const CANDIDATES = ['Alice Martin', 'Bruno Diallo', 'Chloé Nguyen'];

export const CONGRESS_QUESTIONS = [
  { answers: CANDIDATES, blank: true, min: 1, max: 1, question: 'Who should lead the party?' },
];

export interface Vote {
  readonly box: string;
  readonly login: string;
  readonly weight: number;
  /** Index of the candidate, or 'blank'; null: registered but does not vote. */
  readonly choice: number | 'blank' | null;
}

/** One question, blank slot first: `answers` candidates. */
export const plaintextOf = (choice: number | 'blank', answers = CANDIDATES.length) =>
  choice === 'blank'
    ? [[1, ...Array.from({ length: answers }, () => 0)]]
    : [[0, ...Array.from({ length: answers }, (_, i) => (i === choice ? 1 : 0))]];

export function rollCsv(votes: readonly Vote[]): string {
  return [
    'federation,email,login,weight,name',
    ...votes.map((v) => `${v.box},${v.login}@example.org,${v.login},${v.weight},"Member ${v.login}"`),
  ].join('\n');
}

/** Issues credentials (server mode) for a draft box and returns them by login. */
export async function issueCredentials(server: TestServer, electionId: ElectionId, admin: TestAccount) {
  const issued = await server.elections.generateServerCredentials(electionId, admin);
  return new Map(issued.map((c) => [c.login, c]));
}

/** Casts the votes of one open box through the election service, ballots made by the core. */
export async function castVotes(
  server: TestServer,
  electionId: ElectionId,
  credentials: Map<string, { voterId: string; credential: string }>,
  votes: readonly Vote[],
): Promise<void> {
  const row = await server.elections.get(electionId);
  const ctx = loadElection(row.electionJson!);
  for (const vote of votes) {
    if (vote.choice === null) continue;
    const issued = credentials.get(vote.login)!;
    const parsed = parsePrivateCredential(issued.credential);
    if (!parsed.ok) throw new Error('bad credential');
    const ballot = serializeBallot(
      createBallot(
        ctx,
        parsed.credential,
        plaintextOf(vote.choice, (ctx.election.questions[0] as { answers: string[] }).answers.length),
      ),
    );
    await server.elections.castBallot(electionId, issued.voterId, ballot);
  }
}

/** Σ weights per slot (blank first) of the votes cast: what the consolidated counts must be. */
export function expectedCounts(votes: readonly Vote[]): bigint[] {
  const counts = [0n, ...CANDIDATES.map(() => 0n)];
  for (const vote of votes) {
    if (vote.choice === null) continue;
    counts[vote.choice === 'blank' ? 0 : vote.choice + 1]! += BigInt(vote.weight);
  }
  return counts;
}

/**
 * A small published consultation for whole-API tests (the role matrix): two boxes, one online and
 * published with two ballots, the other annulled in draft and replaced by a paper box. Returns the
 * ids the routes need; `boxId` is the annulled box, on which every write is refused by state.
 */
export async function publishedConsultation(
  server: TestServer,
  organisationId: string,
  admin: TestAccount,
  grants: { electionAdmin?: TestAccount; scrutineer?: TestAccount } = {},
): Promise<{ consultationId: string; boxId: string }> {
  const client = await signedIn(server.app, admin);
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
  const [north, south] = created.json.boxes as { id: string; electionId: ElectionId }[];
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
