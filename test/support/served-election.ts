/**
 * What the server-process tests share: an open demo election written straight into a store (before
 * or beside the server processes that will serve it), ballots made by the core from the published
 * election and a voter's private credential, and the checks a verifier makes on a served archive —
 * our verifyArchive, belenios-tool when installed, and the event chain read event by event.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { createDemo, type Demo } from '../../src/cli/scrutin/demo.js';
import { systemClock } from '../../src/core/clock.js';
import { parsePrivateCredential } from '../../src/core/credential.js';
import { BoardService } from '../../src/election/board.js';
import { ElectionService } from '../../src/election/service.js';
import { installNodePlatform } from '../../src/node/platform.js';
import { type ParsedArchive, parseArchive } from '../../src/protocol/archive/archive.js';
import { createBallot, type Plaintext, serializeBallot } from '../../src/protocol/ballot.js';
import { parseBallot } from '../../src/protocol/ballot-box.js';
import { loadElection } from '../../src/protocol/election.js';
import { inProcessChecker, type VerificationReport, verifyArchive } from '../../src/protocol/verifier.js';
import { openStore } from '../../src/store/open-store.js';
import { beleniosTool, hasBeleniosTool, type RunResult, tempDir } from './tools.js';

/** Creates and opens the demo election (2 questions, `voters` voters with passwords) in the store at `databaseUrl`. */
export async function openDemoElection(
  databaseUrl: string,
  voters: number,
): Promise<{ demo: Demo; electionJson: string }> {
  installNodePlatform();
  const store = await openStore(databaseUrl);
  try {
    const elections = new ElectionService(store, new BoardService(store), systemClock, inProcessChecker);
    const demo = await createDemo(store, elections, 'http://127.0.0.1', voters);
    const row = await store.elections.get(demo.electionId);
    if (!row?.electionJson) throw new Error('the demo election did not open');
    return { demo, electionJson: row.electionJson };
  } finally {
    await store.close();
  }
}

/** Makes ballots for one election, as the booth does. */
export function ballotMaker(electionJson: string): (credential: string, plaintext: Plaintext) => string {
  installNodePlatform();
  const ctx = loadElection(electionJson);
  return (credential, plaintext) => {
    const parsed = parsePrivateCredential(credential);
    if (!parsed.ok) throw new Error(`bad test credential (${parsed.error})`);
    return serializeBallot(createBallot(ctx, parsed.credential, plaintext));
  };
}

/** Valid votes for the demo questions (Q1: one of 3; Q2: 1–2 of 3, or blank), varied by `n`. */
export function demoVote(n: number): Plaintext {
  const first = [0, 0, 0];
  first[n % 3] = 1;
  const second = [
    [0, 1, 0, 0],
    [0, 0, 1, 1],
    [1, 0, 0, 0],
    [0, 1, 1, 0],
  ][n % 4]!;
  return [first, second];
}

export interface ServedArchive {
  readonly parsed: ParsedArchive;
  readonly report: VerificationReport;
  /** Trackers of the Ballot events, in board order. */
  readonly trackers: string[];
  /** Heights of the events, in file order. */
  readonly heights: number[];
  /** belenios-tool's verdict, when installed. */
  readonly belenios?: RunResult;
}

/** Parses and verifies a served archive (and has belenios-tool verify it too when installed). */
export async function checkServedArchive(bytes: Uint8Array, electionId: string): Promise<ServedArchive> {
  installNodePlatform();
  const parsed = parseArchive(bytes);
  const report = await verifyArchive(parsed);
  const trackers: string[] = [];
  for (const record of parsed.events) {
    if (record.event.type !== 'Ballot') continue;
    const raw = record.event.payload === undefined ? undefined : parsed.data.get(record.event.payload);
    const ballot = raw === undefined ? undefined : parseBallot(raw);
    trackers.push(ballot?.ok ? ballot.tracker : `unreadable ballot at height ${record.event.height}`);
  }
  let belenios: RunResult | undefined;
  if (hasBeleniosTool) {
    const dir = tempDir('served');
    mkdirSync(dir, { recursive: true });
    writeFileSync(join(dir, `${electionId}.bel`), bytes);
    belenios = beleniosTool(['election', 'verify', '--dir', dir]);
  }
  return { parsed, report, trackers, heights: parsed.events.map((r) => r.event.height), belenios };
}

/** Runs `tasks` with at most `limit` running at once; results in task order. */
export async function withConcurrency<T>(limit: number, tasks: readonly (() => Promise<T>)[]): Promise<T[]> {
  const results: T[] = new Array(tasks.length);
  let next = 0;
  const lane = async () => {
    while (next < tasks.length) {
      const index = next++;
      results[index] = await tasks[index]!();
    }
  };
  await Promise.all(Array.from({ length: Math.min(limit, tasks.length) }, lane));
  return results;
}
