/**
 * The whole election of election-flow.test.ts, on PostgreSQL: demo setup in a schema of its own
 * (created for this file, dropped afterwards), voters sign in and cast ballots made by the core
 * (with a revote), a stolen credential and a malformed ballot are refused without touching the
 * archive, the admin closes, tallies and publishes; the served archive verifies with our verifier
 * and with belenios-tool, and the result is the sum of the clear votes.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createDemo, type Demo } from '../../src/cli/scrutin/demo.js';
import type { Plaintext } from '../../src/protocol/ballot.js';
import { freshSchema, pgProblem, pgQuery, type TestSchema } from '../support/postgres.js';
import { ballotMaker, checkServedArchive } from '../support/served-election.js';
import { Client, signedIn } from '../world/client.js';
import { startTestServer, type TestServer } from '../world/server.js';

const problem = await pgProblem();

describe.skipIf(problem !== undefined)(
  problem === undefined
    ? 'an election through the HTTP API (PostgreSQL, own schema)'
    : `PostgreSQL election — SKIPPED, PostgreSQL unreachable (${problem})`,
  () => {
    let schema: TestSchema;
    let server: TestServer | undefined;
    let demo: Demo;
    let makeBallot: (credential: string, plaintext: Plaintext) => string;

    beforeAll(async () => {
      schema = await freshSchema('flow');
      server = await startTestServer({ databaseUrl: schema.url });
      demo = await createDemo(server.store, server.elections, 'http://127.0.0.1:8080', 3);
      const info = await new Client(server.app).get(`/api/v1/elections/${demo.electionId}`);
      makeBallot = ballotMaker(info.json.election);
    });

    afterAll(async () => {
      await server?.close();
      if (schema) {
        await schema.drop();
        const left = await pgQuery(
          `select 1 from information_schema.schemata where schema_name = '${schema.schema}'`,
        );
        expect(left).toEqual([]);
      }
    });

    it('keeps its tables in its own schema', async () => {
      const tables = await pgQuery(
        `select table_name from information_schema.tables where table_schema = '${schema.schema}' and table_name = 'board_events'`,
      );
      expect(tables).toHaveLength(1);
    });

    it('lets voters sign in, cast, revote; refuses bad ballots; tallies and publishes a verifiable result', async () => {
      const app = server!.app;
      const base = `/api/v1/elections/${demo.electionId}`;
      const votes: Plaintext[] = [
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
        const client = new Client(app);
        expect(
          (await client.post(`${base}/voter/login`, { login: voter.login, password: voter.password })).status,
        ).toBe(200);
        const cast = await client.post(`${base}/voter/ballots`, {
          ballot: makeBallot(voter.credential, votes[i]!),
        });
        expect(cast.status, JSON.stringify(cast.json)).toBe(201);
        trackers.push(cast.json.tracker);
      }
      const first = new Client(app);
      await first.post(`${base}/voter/login`, {
        login: demo.voters[0]!.login,
        password: demo.voters[0]!.password,
      });
      const revoteBallot = makeBallot(demo.voters[0]!.credential, [
        [0, 1, 0],
        [0, 0, 1, 0],
      ]);
      const revote = await first.post(`${base}/voter/ballots`, { ballot: revoteBallot });
      expect(revote.status).toBe(201);

      const before = (await new Client(app).get(`${base}/archive.bel`)).body;
      const stolen = await first.post(`${base}/voter/ballots`, {
        ballot: makeBallot(demo.voters[1]!.credential, [
          [1, 0, 0],
          [1, 0, 0, 0],
        ]),
      });
      expect(stolen.status).toBe(403);
      expect(stolen.json.error.code).toBe('SCR_BALLOT_WRONG_CREDENTIAL');
      const malformed = await first.post(`${base}/voter/ballots`, { ballot: '{"not":"a ballot"}' });
      expect(malformed.status).toBe(400);
      const replayed = await first.post(`${base}/voter/ballots`, { ballot: revoteBallot });
      expect(replayed.status).toBe(409);
      expect(replayed.json.error.code).toBe('SCR_BALLOT_DUPLICATE');
      const after = (await new Client(app).get(`${base}/archive.bel`)).body;
      expect(Buffer.compare(before, after)).toBe(0);

      const board = await new Client(app).get(`${base}/ballots`);
      expect(board.json.ballots.map((b: { tracker: string }) => b.tracker)).toEqual([
        ...trackers,
        revote.json.tracker,
      ]);
      expect((await new Client(app).get(base)).json.turnout).toEqual({ ballots: 3, voters: 3 });

      const admin = await signedIn(app, demo.admin);
      for (const step of ['close', 'tally', 'publish']) {
        const answer = await admin.post(`${base}/${step}`);
        expect(answer.status, `${step}: ${JSON.stringify(answer.json)}`).toBe(200);
      }
      const published = await new Client(app).get(base);
      expect(published.json.result).toEqual([
        [0, 2, 1],
        [1, 0, 1, 1],
      ]);

      const archive = (await new Client(app).get(`${base}/archive.bel`)).body;
      const served = await checkServedArchive(new Uint8Array(archive), demo.electionId);
      expect(served.report.failure).toBeUndefined();
      expect(served.report.result).toEqual([
        [0, 2, 1],
        [1, 0, 1, 1],
      ]);
      expect(served.trackers).toEqual([...trackers, revote.json.tracker]);
      expect(served.heights).toEqual(served.heights.map((_, i) => i));
      if (served.belenios) {
        expect(served.belenios.stderr).toContain('all checks passed');
        expect(served.belenios.status).toBe(0);
      }
    });
  },
);
