/**
 * Building blocks for congress tests: a consultation driven through the HTTP API (as an org admin
 * would), with the voters' private credentials issued by the server kept here so the test can cast
 * ballots made by the core, as the booth makes them, through the election service.
 */
import { parsePrivateCredential } from '../../src/core/credential.js';
import { createBallot, serializeBallot } from '../../src/protocol/ballot.js';
import { loadElection } from '../../src/protocol/election.js';
import type { Client, TestServer } from '../server/harness.js';
import type { TestAccount } from '../server/scenario.js';

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
export async function issueCredentials(server: TestServer, electionId: string, admin: TestAccount) {
  const issued = await server.elections.generateServerCredentials(electionId, admin);
  return new Map(issued.map((c) => [c.login, c]));
}

/** Casts the votes of one open box through the election service, ballots made by the core. */
export async function castVotes(
  server: TestServer,
  electionId: string,
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

export async function signedIn(client: Client, account: TestAccount): Promise<Client> {
  const answer = await client.post('/api/v1/auth/login', {
    email: account.email,
    password: account.password,
  });
  if (answer.status !== 200) throw new Error(`sign-in answered ${answer.status}`);
  return client;
}
