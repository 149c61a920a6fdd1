/**
 * A whole election through the HTTP API: demo setup, voters sign in and cast ballots made by the
 * core (with a revote), the admin closes, tallies and publishes; the archive served by the board
 * verifies with our verifier and with belenios-tool, and the result is the sum of the clear votes.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { Check } from '@sinclair/typebox/value';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createDemo, type Demo } from '../../src/cli/scrutin/demo.js';
import { BoardBallots, BoardVerification, PublicElection } from '../../src/contract/election.js';
import { parsePrivateCredential } from '../../src/core/credential.js';
import { parseArchive } from '../../src/protocol/archive/archive.js';
import { createBallot, serializeBallot } from '../../src/protocol/ballot.js';
import { loadElection } from '../../src/protocol/election.js';
import { verifyArchive } from '../../src/protocol/verifier.js';
import { beleniosTool, hasBeleniosTool, tempDir } from '../support/tools.js';
import { Client, signedIn } from '../world/client.js';
import { startTestServer, type TestServer } from '../world/server.js';

describe('an election through the HTTP API (SQLite)', () => {
  let server: TestServer;
  let demo: Demo;

  beforeAll(async () => {
    server = await startTestServer();
    demo = await createDemo(server.store, server.elections, 'http://127.0.0.1:8080', 3);
  });
  afterAll(async () => server?.close());

  const ballotFor = async (voter: Demo['voters'][number], plaintext: number[][]) => {
    const anonymous = new Client(server.app);
    const info = await anonymous.get(`/api/v1/elections/${demo.electionId}`);
    const ctx = loadElection(info.json.election);
    const parsed = parsePrivateCredential(voter.credential);
    if (!parsed.ok) throw new Error('bad credential');
    return serializeBallot(createBallot(ctx, parsed.credential, plaintext));
  };

  it('lets voters sign in, cast, revote; refuses bad ballots; tallies and publishes a verifiable result', async () => {
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
        [0, 0, 1],
        [0, 0, 0, 1],
      ],
    ];
    const trackers: string[] = [];
    for (const [i, voter] of demo.voters.entries()) {
      const client = new Client(server.app);
      const login = await client.post(`/api/v1/elections/${demo.electionId}/voter/login`, {
        login: voter.login,
        password: voter.password,
      });
      expect(login.status).toBe(200);
      const cast = await client.post(`/api/v1/elections/${demo.electionId}/voter/ballots`, {
        ballot: await ballotFor(voter, votes[i]!),
      });
      expect(cast.status).toBe(201);
      trackers.push(cast.json.tracker);
    }
    // Voter 1 revotes: only the last ballot counts.
    const first = new Client(server.app);
    await first.post(`/api/v1/elections/${demo.electionId}/voter/login`, {
      login: demo.voters[0]!.login,
      password: demo.voters[0]!.password,
    });
    const revote = await first.post(`/api/v1/elections/${demo.electionId}/voter/ballots`, {
      ballot: await ballotFor(demo.voters[0]!, [
        [0, 1, 0],
        [0, 0, 1, 0],
      ]),
    });
    expect(revote.status).toBe(201);
    // A ballot signed with another voter's credential is refused, and changes nothing.
    const before = (await new Client(server.app).get(`/api/v1/elections/${demo.electionId}/archive.bel`))
      .body;
    const stolen = await first.post(`/api/v1/elections/${demo.electionId}/voter/ballots`, {
      ballot: await ballotFor(demo.voters[1]!, [
        [1, 0, 0],
        [1, 0, 0, 0],
      ]),
    });
    expect(stolen.status).toBe(403);
    expect(stolen.json.error.code).toBe('SCR_BALLOT_WRONG_CREDENTIAL');
    const malformed = await first.post(`/api/v1/elections/${demo.electionId}/voter/ballots`, {
      ballot: '{"not":"a ballot"}',
    });
    expect(malformed.status).toBe(400);
    const after = (await new Client(server.app).get(`/api/v1/elections/${demo.electionId}/archive.bel`)).body;
    expect(Buffer.compare(before, after)).toBe(0);

    const board = await new Client(server.app).get(`/api/v1/elections/${demo.electionId}/ballots`);
    expect(board.json.ballots.map((b: { tracker: string }) => b.tracker)).toEqual([
      ...trackers,
      revote.json.tracker,
    ]);
    // The board's answers pass the checks the election page makes (the contract's schemas).
    expect(Check(BoardBallots, board.json)).toBe(true);
    expect(Check(BoardBallots, { ballots: [{ ...board.json.ballots[0], weight: '-1' }] })).toBe(false);
    const verification = await new Client(server.app).get(
      `/api/v1/elections/${demo.electionId}/verification`,
    );
    expect(Check(BoardVerification, verification.json)).toBe(true);
    expect(verification.json).toMatchObject({ ok: true, outcome: 'verified' });
    const summary = await new Client(server.app).get(`/api/v1/elections/${demo.electionId}`);
    expect(summary.json.turnout).toEqual({ ballots: 3, voters: 3 });
    expect(Check(PublicElection, summary.json)).toBe(true);
    const [firstQuestion, ...others] = summary.json.questions;
    const corrupted = { ...firstQuestion, answers: [...firstQuestion.answers.slice(1), 7] };
    expect(Check(PublicElection, { ...summary.json, questions: [corrupted, ...others] })).toBe(false);
    expect(summary.json.result).toBeNull();

    const admin = await signedIn(server.app, demo.admin);
    for (const step of ['close', 'tally', 'publish']) {
      const answer = await admin.post(`/api/v1/elections/${demo.electionId}/${step}`);
      expect(answer.status, `${step}: ${JSON.stringify(answer.json)}`).toBe(200);
    }
    const published = await new Client(server.app).get(`/api/v1/elections/${demo.electionId}`);
    // Voter 1's last vote [0,1,0],[0,0,1,0]; voter 2 blank on Q2; voter 3.
    expect(published.json.result).toEqual([
      [0, 2, 1],
      [1, 0, 1, 1],
    ]);

    const archive = (await new Client(server.app).get(`/api/v1/elections/${demo.electionId}/archive.bel`))
      .body;
    const report = await verifyArchive(parseArchive(new Uint8Array(archive)));
    expect(report.failure).toBeUndefined();
    expect(report.result).toEqual([
      [0, 2, 1],
      [1, 0, 1, 1],
    ]);
    if (hasBeleniosTool) {
      const dir = tempDir('served');
      mkdirSync(dir, { recursive: true });
      writeFileSync(join(dir, `${demo.electionId}.bel`), archive);
      const verdict = beleniosTool(['election', 'verify', '--dir', dir]);
      expect(verdict.stderr).toContain('all checks passed');
      expect(verdict.status).toBe(0);
    }
  });
});
