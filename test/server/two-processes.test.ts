/**
 * Two `scrutin serve` processes (the compiled server, each with its worker pool) sharing one
 * PostgreSQL schema, as a deployment behind a load balancer would. The test opens a demo election
 * in the schema, then 30 voters sign in (each from its own loopback address) and cast at once,
 * half on each process; 10 of them revote on the other process with the same session. Afterwards,
 * read from both processes: every tracker answered 201 is on the board exactly once, event heights
 * run 0, 1, 2… without gap or fork, both processes serve the same archive bytes, it verifies with
 * verifyArchive and belenios-tool, the turnout counts each voter once, and the published result is
 * the sum of each voter's last vote.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Demo } from '../../src/cli/scrutin/demo.js';
import type { Plaintext } from '../../src/protocol/ballot.js';
import { HttpVoter, loopbackAddress } from '../support/http-voter.js';
import { freshSchema, pgProblem, type TestSchema } from '../support/postgres.js';
import { ballotMaker, checkServedArchive, demoVote, openDemoElection } from '../support/served-election.js';
import { type ServerProcess, startTestServer } from '../world/server.js';
import { hasBuiltServer, MISSING_BUILD } from '../world/server-process.js';

const VOTERS = 30;
const REVOTERS = 10;

const problem = await pgProblem();
if (!hasBuiltServer) console.warn(`\n*** two-processes test SKIPPED: ${MISSING_BUILD} ***\n`);

describe.skipIf(problem !== undefined || !hasBuiltServer)(
  problem === undefined && hasBuiltServer
    ? 'two server processes on one PostgreSQL schema'
    : `two server processes — SKIPPED, ${problem === undefined ? MISSING_BUILD : `PostgreSQL unreachable (${problem})`}`,
  () => {
    let schema: TestSchema;
    let demo: Demo;
    let electionJson: string;
    const servers: ServerProcess[] = [];
    const clients: HttpVoter[] = [];

    beforeAll(async () => {
      schema = await freshSchema('two');
      ({ demo, electionJson } = await openDemoElection(schema.url, VOTERS));
      servers.push(
        ...(await Promise.all(
          [0, 1].map(() => startTestServer({ mode: 'process', databaseUrl: schema.url })),
        )),
      );
    });

    afterAll(async () => {
      for (const client of clients) client.close();
      const codes = await Promise.all(servers.map((server) => server.stop()));
      if (schema) await schema.drop();
      expect(codes, servers.map((s) => s.output()).join('\n---\n')).toEqual(codes.map(() => 0));
    });

    it('keeps one board: every acknowledged ballot once, contiguous heights, a verifiable archive, one count per voter', async () => {
      const [a, b] = servers as [ServerProcess, ServerProcess];
      const base = `/api/v1/elections/${demo.electionId}`;
      const makeBallot = ballotMaker(electionJson);
      // Ballots are made before the storm, so the storm is only HTTP and server work.
      const firstVotes: Plaintext[] = demo.voters.map((_, i) => demoVote(i));
      const lastVotes: Plaintext[] = demo.voters.map((_, i) =>
        i < REVOTERS ? demoVote(i + 1) : firstVotes[i]!,
      );
      const firstBallots = demo.voters.map((v, i) => makeBallot(v.credential, firstVotes[i]!));
      const revotes = demo.voters.slice(0, REVOTERS).map((v, i) => makeBallot(v.credential, lastVotes[i]!));

      const home = (i: number) => (i % 2 === 0 ? a : b);
      const other = (i: number) => (i % 2 === 0 ? b : a);
      const voters = demo.voters.map((_, i) => new HttpVoter(home(i).url, loopbackAddress(i)));
      clients.push(...voters);
      const logins = await Promise.all(
        demo.voters.map((v, i) =>
          voters[i]!.post(`${base}/voter/login`, { login: v.login, password: v.password }),
        ),
      );
      expect(logins.map((l) => l.status)).toEqual(logins.map(() => 200));

      const started = performance.now();
      const outcomes = await Promise.all(
        demo.voters.map(async (_, i) => {
          const cast = await voters[i]!.post(
            `${base}/voter/ballots`,
            { ballot: firstBallots[i] },
            { timeoutMs: 60_000 },
          );
          if (i >= REVOTERS) return [cast];
          // Same session (it lives in the shared store), other process.
          const elsewhere = voters[i]!.moveTo(other(i).url);
          clients.push(elsewhere);
          const recast = await elsewhere.post(
            `${base}/voter/ballots`,
            { ballot: revotes[i] },
            { timeoutMs: 60_000 },
          );
          return [cast, recast];
        }),
      );
      const seconds = (performance.now() - started) / 1000;
      const answers = outcomes.flat();
      console.info(
        `two processes: ${answers.length} casts in ${seconds.toFixed(1)} s (${(answers.length / seconds).toFixed(1)}/s)`,
      );
      expect(answers.map((r) => [r.status, r.json?.error?.code])).toEqual(
        answers.map(() => [201, undefined]),
      );
      const acknowledged = answers.map((r) => r.json.tracker as string);

      const reader = new HttpVoter(a.url);
      const readerB = new HttpVoter(b.url);
      clients.push(reader, readerB);
      const archiveA = (await reader.get(`${base}/archive.bel`)).body;
      const archiveB = (await readerB.get(`${base}/archive.bel`)).body;
      expect(Buffer.compare(archiveA, archiveB)).toBe(0);
      const served = await checkServedArchive(new Uint8Array(archiveA), demo.electionId);
      expect(served.report.failure).toBeUndefined();
      expect(served.heights).toEqual(served.heights.map((_, i) => i));
      expect(served.parsed.events.length).toBe(1 + acknowledged.length);
      expect([...served.trackers].sort()).toEqual([...acknowledged].sort());
      if (served.belenios) {
        expect(served.belenios.stderr).toContain('all checks passed');
        expect(served.belenios.status).toBe(0);
      }
      // Each revote follows its voter's first ballot on the board.
      for (let i = 0; i < REVOTERS; i++) {
        const [first, second] = outcomes[i]!;
        expect(served.trackers.indexOf(second!.json.tracker)).toBeGreaterThan(
          served.trackers.indexOf(first!.json.tracker),
        );
      }
      for (const view of [reader, readerB]) {
        const summary = await view.get(base);
        expect(summary.json.turnout).toEqual({ ballots: VOTERS, voters: VOTERS });
        const board = await view.get(`${base}/ballots`);
        expect(board.json.ballots.map((x: { tracker: string }) => x.tracker)).toEqual(served.trackers);
        expect(board.json.ballots.filter((x: { counted: boolean }) => x.counted)).toHaveLength(VOTERS);
      }

      // The tally on process B counts each voter's last ballot, whichever process took it.
      const admin = new HttpVoter(b.url, loopbackAddress(VOTERS));
      clients.push(admin);
      expect(
        (await admin.post('/api/v1/auth/login', { email: demo.admin.email, password: demo.admin.password }))
          .status,
      ).toBe(200);
      for (const step of ['close', 'tally', 'publish']) {
        const answer = await admin.post(`${base}/${step}`);
        expect(answer.status, `${step}: ${JSON.stringify(answer.json)}`).toBe(200);
      }
      const expected = lastVotes.reduce((sum, vote) => sum.map((q, i) => q.map((x, j) => x + vote[i]![j]!)));
      expect((await reader.get(base)).json.result).toEqual(expected);
      const final = await checkServedArchive(
        new Uint8Array((await reader.get(`${base}/archive.bel`)).body),
        demo.electionId,
      );
      expect(final.report.failure).toBeUndefined();
      expect(final.report.result).toEqual(expected);
      if (final.belenios) expect(final.belenios.status, final.belenios.stderr).toBe(0);
    });
  },
);
