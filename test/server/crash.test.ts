/**
 * Crash safety of casting (SQLite, synchronous = FULL): a `scrutin serve` process takes ballots from
 * 40 signed-in voters, 8 casting at a time, and is killed with SIGKILL in the middle of the storm (as
 * a power cut or the OOM killer would). Restarted on the same file, it must serve an archive that
 * holds every ballot it had answered 201 with a tracking number, verifies (verifyArchive and
 * belenios-tool), and keeps accepting ballots: each voter whose cast got no answer casts again, in
 * the same session, and succeeds; the turnout then counts every voter once.
 */
import { rmSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Demo } from '../../src/cli/scrutin/demo.js';
import { parseBallot } from '../../src/protocol/ballot-box.js';
import { type HttpAnswer, HttpVoter, loopbackAddress } from '../support/http-voter.js';
import {
  ballotMaker,
  checkServedArchive,
  demoVote,
  openDemoElection,
  withConcurrency,
} from '../support/served-election.js';
import {
  hasBuiltServer,
  MISSING_BUILD,
  type ServerProcess,
  startServerProcess,
} from '../support/server-process.js';
import { tempDir } from '../support/tools.js';

const VOTERS = 40;
const AT_ONCE = 8;
/** The server is killed once this many casts have been acknowledged. */
const KILL_AFTER = 12;

if (!hasBuiltServer) console.warn(`\n*** crash test SKIPPED: ${MISSING_BUILD} ***\n`);

type Outcome = { answer: HttpAnswer } | { error: string };

describe.skipIf(!hasBuiltServer)(
  hasBuiltServer
    ? 'a server killed with SIGKILL while ballots are being cast (SQLite)'
    : `server crash — SKIPPED, ${MISSING_BUILD}`,
  () => {
    const dir = tempDir('crash');
    const databaseUrl = `sqlite:${join(dir, 'scrutin.db')}`;
    let demo: Demo;
    let electionJson: string;
    const servers: ServerProcess[] = [];
    const clients: HttpVoter[] = [];

    beforeAll(async () => {
      ({ demo, electionJson } = await openDemoElection(databaseUrl, VOTERS));
    });

    afterAll(async () => {
      for (const client of clients) client.close();
      await Promise.all(servers.map((server) => server.stop()));
      rmSync(dir, { recursive: true, force: true });
    });

    it('keeps every acknowledged ballot and lets unanswered voters cast again after a restart', async () => {
      const base = `/api/v1/elections/${demo.electionId}`;
      const makeBallot = ballotMaker(electionJson);
      const ballots = demo.voters.map((v, i) => makeBallot(v.credential, demoVote(i)));
      const first = await startServerProcess({ databaseUrl });
      servers.push(first);
      const voters = demo.voters.map((_, i) => new HttpVoter(first.url, loopbackAddress(i)));
      clients.push(...voters);
      const logins = await withConcurrency(
        AT_ONCE,
        demo.voters.map(
          (v, i) => () => voters[i]!.post(`${base}/voter/login`, { login: v.login, password: v.password }),
        ),
      );
      expect(logins.map((l) => l.status)).toEqual(logins.map(() => 200));

      let acknowledged = 0;
      let killed: Promise<void> | undefined;
      const outcomes = await withConcurrency<Outcome>(
        AT_ONCE,
        demo.voters.map((_, i) => async () => {
          try {
            const answer = await voters[i]!.post(
              `${base}/voter/ballots`,
              { ballot: ballots[i] },
              { timeoutMs: 60_000 },
            );
            if (answer.status === 201 && ++acknowledged === KILL_AFTER) killed = first.kill();
            return { answer };
          } catch (error) {
            return { error: error instanceof Error ? error.message : String(error) };
          }
        }),
      );
      await killed;
      expect(first.child.signalCode).toBe('SIGKILL');
      const answered = outcomes.flatMap((o, i) => ('answer' in o ? [{ i, answer: o.answer }] : []));
      const unanswered = outcomes.flatMap((o, i) => ('error' in o ? [i] : []));
      // Every answer the server gave before dying was a success; the kill left some casts unanswered.
      expect(answered.map(({ answer }) => answer.status)).toEqual(answered.map(() => 201));
      expect(answered.length).toBeGreaterThanOrEqual(KILL_AFTER);
      expect(unanswered.length).toBeGreaterThan(0);
      const trackers = answered.map(({ answer }) => answer.json.tracker as string);

      const second = await startServerProcess({ databaseUrl });
      servers.push(second);
      const reader = new HttpVoter(second.url);
      clients.push(reader);
      const afterCrash = await checkServedArchive(
        new Uint8Array((await reader.get(`${base}/archive.bel`)).body),
        demo.electionId,
      );
      expect(afterCrash.report.failure).toBeUndefined();
      expect(afterCrash.heights).toEqual(afterCrash.heights.map((_, i) => i));
      for (const tracker of trackers) expect(afterCrash.trackers).toContain(tracker);
      // Unanswered casts may or may not have been committed; nothing else is on the board.
      const sent = new Set(ballots.map((raw) => (parseBallot(raw) as { tracker: string }).tracker));
      for (const tracker of afterCrash.trackers) expect(sent.has(tracker)).toBe(true);
      if (afterCrash.belenios) expect(afterCrash.belenios.status, afterCrash.belenios.stderr).toBe(0);

      // The sessions live in the store: the unanswered voters carry on where they were.
      const recasts = await withConcurrency(
        AT_ONCE,
        unanswered.map((i) => async () => {
          const voter = voters[i]!.moveTo(second.url);
          clients.push(voter);
          return voter.post(
            `${base}/voter/ballots`,
            { ballot: makeBallot(demo.voters[i]!.credential, demoVote(i + 1)) },
            { timeoutMs: 60_000 },
          );
        }),
      );
      expect(recasts.map((r) => [r.status, r.json?.error?.code])).toEqual(
        recasts.map(() => [201, undefined]),
      );

      const final = await checkServedArchive(
        new Uint8Array((await reader.get(`${base}/archive.bel`)).body),
        demo.electionId,
      );
      expect(final.report.failure).toBeUndefined();
      for (const tracker of [...trackers, ...recasts.map((r) => r.json.tracker as string)])
        expect(final.trackers).toContain(tracker);
      expect(final.heights).toEqual(final.heights.map((_, i) => i));
      if (final.belenios) expect(final.belenios.status, final.belenios.stderr).toBe(0);
      expect((await reader.get(base)).json.turnout).toEqual({ ballots: VOTERS, voters: VOTERS });
      console.info(
        `crash: ${answered.length} acknowledged before SIGKILL, ${unanswered.length} unanswered (${afterCrash.trackers.length - answered.length} of them committed anyway) and cast again; ${final.trackers.length} ballots on the board`,
      );
    });
  },
);
