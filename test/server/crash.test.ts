/**
 * Crash safety of casting (SQLite, synchronous = FULL): a `scrutin serve` process takes ballots from
 * 40 signed-in voters, 8 casting at a time, and is killed with SIGKILL in the middle of the storm (as
 * a power cut or the OOM killer would). Restarted on the same file, it must serve an archive that
 * holds every ballot it had answered 201 with a tracking number, verifies (verifyArchive and
 * belenios-tool), and keeps accepting ballots: each voter whose cast got no answer casts again, in
 * the same session, and succeeds; the turnout then counts every voter once.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { StormWorld } from '../support/cast-storm.js';
import { hasBuiltServer, MISSING_BUILD } from '../world/server-process.js';

const VOTERS = 40;
/** The server is killed once this many casts have been acknowledged. */
const KILL_AFTER = 12;

if (!hasBuiltServer) console.warn(`\n*** crash test SKIPPED: ${MISSING_BUILD} ***\n`);

describe.skipIf(!hasBuiltServer)(
  hasBuiltServer
    ? 'a server killed with SIGKILL while ballots are being cast (SQLite)'
    : `server crash — SKIPPED, ${MISSING_BUILD}`,
  () => {
    const world = new StormWorld('crash', VOTERS);
    beforeAll(() => world.open());
    afterAll(() => world.close());

    it('keeps every acknowledged ballot and lets unanswered voters cast again after a restart', async () => {
      let killed: Promise<void> | undefined;
      const { first, outcomes } = await world.storm(KILL_AFTER, (server) => {
        killed = server.kill();
      });
      await killed;
      expect(first.child.signalCode).toBe('SIGKILL');
      const answered = outcomes.flatMap((o) => ('answer' in o ? [o] : []));
      const unanswered = outcomes.flatMap((o) => ('error' in o ? [o.i] : []));
      // Every answer the server gave before dying was a success; the kill left some casts unanswered.
      expect(answered.map(({ answer }) => answer.status)).toEqual(answered.map(() => 201));
      expect(answered.length).toBeGreaterThanOrEqual(KILL_AFTER);
      expect(unanswered.length).toBeGreaterThan(0);
      const trackers = answered.map(({ answer }) => answer.json.tracker as string);

      // Restarted on the same file: every acknowledged ballot is there, and the unanswered voters
      // cast again in their sessions.
      const { afterRestart, final } = await world.restartAndRecast(trackers, unanswered);
      console.info(
        `crash: ${answered.length} acknowledged before SIGKILL, ${unanswered.length} unanswered (${afterRestart.trackers.length - answered.length} of them committed anyway) and cast again; ${final.trackers.length} ballots on the board`,
      );
    });
  },
);
