/**
 * Graceful shutdown of `scrutin serve` (SQLite): a real server process takes ballots from 40
 * signed-in voters, 8 casting at a time, and gets SIGTERM in the middle of the storm. It must answer
 * the casts it was already processing (some 201s arrive after the signal), refuse the rest with 503
 * or a closed connection (never a 5xx error of its own, never an answer it then forgets), close the
 * store and exit 0 by itself (it is SIGKILLed, and the test fails, if it takes more than 30 s).
 * Restarted on the same file, it serves an archive holding every acknowledged ballot, which verifies
 * (verifyArchive and belenios-tool), and the voters who were refused cast again and succeed.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { StormWorld } from '../support/cast-storm.js';
import { hasBuiltServer, MISSING_BUILD } from '../world/server-process.js';

const VOTERS = 40;
/** SIGTERM goes once this many casts have been acknowledged. */
const TERM_AFTER = 12;
/** Longer than any graceful stop should take; past it the process is killed and the exit code is lost. */
const GRACE_MS = 30_000;

if (!hasBuiltServer) console.warn(`\n*** graceful shutdown test SKIPPED: ${MISSING_BUILD} ***\n`);

describe.skipIf(!hasBuiltServer)('SIGTERM while ballots are being cast (SQLite)', () => {
  const world = new StormWorld('graceful', VOTERS);
  beforeAll(() => world.open());
  afterAll(() => world.close());

  it('answers the casts in flight, loses no acknowledged ballot, closes the store and exits 0', async () => {
    let stopped: Promise<number | null> | undefined;
    const { first, outcomes } = await world.storm(TERM_AFTER, (server) => {
      stopped = server.stop(GRACE_MS);
    });
    const exitCode = await stopped;
    expect(first.child.signalCode, first.output()).toBeNull();
    expect(exitCode, first.output()).toBe(0);
    expect(first.output()).toContain('SIGTERM: finishing requests in flight, then stopping');

    const answered = outcomes.flatMap((o) => ('answer' in o ? [o] : []));
    const failed = outcomes.flatMap((o) => ('error' in o ? [o] : []));
    // Before the signal every cast succeeded; after it, each one either finished (201) or was
    // turned away as the server closed (503, or a connection closed before any answer).
    expect(answered.filter((a) => !a.afterInterrupt).map((a) => a.answer.status)).toEqual(
      answered.filter((a) => !a.afterInterrupt).map(() => 201),
    );
    expect(failed.filter((f) => !f.afterInterrupt)).toEqual([]);
    for (const { answer } of answered) expect([201, 503]).toContain(answer.status);
    // Casts the server was processing when the signal came were answered, not dropped.
    expect(answered.filter((a) => a.afterInterrupt && a.answer.status === 201).length).toBeGreaterThan(0);
    const trackers = answered
      .filter((a) => a.answer.status === 201)
      .map((a) => a.answer.json.tracker as string);
    const refused = [
      ...answered.filter((a) => a.answer.status !== 201).map((a) => a.i),
      ...failed.map((f) => f.i),
    ];
    expect(refused.length).toBeGreaterThan(0);

    // Restarted on the same file: every acknowledged ballot is there, and the refused voters cast
    // again in their sessions.
    await world.restartAndRecast(trackers, refused);
    console.info(
      `graceful: ${trackers.length} acknowledged (${answered.filter((a) => a.afterInterrupt && a.answer.status === 201).length} after SIGTERM), ${refused.length} refused while closing and cast again; exit code ${exitCode}`,
    );
  });
});
