/**
 * The storm the crash and graceful-shutdown tests share: an open demo election in a SQLite store,
 * a `scrutin serve` process taking ballots from every signed-in voter, a few casting at a time, and
 * interrupted (by the test's `interrupt`) once some casts are acknowledged; then a restart on the
 * same file, whose archive must hold every acknowledged ballot and nothing that was not sent, and
 * on which the voters whose casts were lost cast again, in the same session, and succeed.
 */
import { rmSync } from 'node:fs';
import { join } from 'node:path';
import { expect } from 'vitest';
import type { Demo } from '../../src/cli/scrutin/demo.js';
import { parseBallot } from '../../src/protocol/ballot-box.js';
import { type ServerProcess, startTestServer } from '../world/server.js';
import { type HttpAnswer, HttpVoter, loopbackAddress } from './http-voter.js';
import {
  ballotMaker,
  checkServedArchive,
  demoVote,
  openDemoElection,
  type ServedArchive,
  withConcurrency,
} from './served-election.js';
import { tempDir } from './tools.js';

/** One cast of the storm: its answer, or the error of a connection that got none. */
export type CastOutcome = ({ answer: HttpAnswer } | { error: string }) & {
  readonly i: number;
  /** Whether the interruption had come when the answer (or error) came. */
  readonly afterInterrupt: boolean;
};

export interface CastStorm {
  readonly demo: Demo;
  /** The first server, interrupted during the storm. */
  readonly first: ServerProcess;
  readonly outcomes: CastOutcome[];
}

export interface Restart {
  /** The archive the restarted server serves before anyone casts again. */
  readonly afterRestart: ServedArchive;
  /** The recasts' answers, in the order of `again`. */
  readonly recasts: HttpAnswer[];
  /** The archive once everyone cast again. */
  readonly final: ServedArchive;
}

const AT_ONCE = 8;

/** A store with an open demo election of `voters` voters, and what the storm and restart need. */
export class StormWorld {
  private readonly dir: string;
  readonly databaseUrl: string;
  private readonly servers: ServerProcess[] = [];
  private readonly clients: HttpVoter[] = [];
  private voters: HttpVoter[] = [];
  private demo!: Demo;
  private makeBallot!: (credential: string, plaintext: number[][]) => string;
  private ballots: string[] = [];

  constructor(
    label: string,
    readonly voterCount = 40,
  ) {
    this.dir = tempDir(label);
    this.databaseUrl = `sqlite:${join(this.dir, 'scrutin.db')}`;
  }

  private get base(): string {
    return `/api/v1/elections/${this.demo.electionId}`;
  }

  async open(): Promise<void> {
    const { demo, electionJson } = await openDemoElection(this.databaseUrl, this.voterCount);
    this.demo = demo;
    this.makeBallot = ballotMaker(electionJson);
    this.ballots = demo.voters.map((v, i) => this.makeBallot(v.credential, demoVote(i)));
  }

  async close(): Promise<void> {
    for (const client of this.clients) client.close();
    await Promise.all(this.servers.map((server) => server.stop()));
    rmSync(this.dir, { recursive: true, force: true });
  }

  private async start(): Promise<ServerProcess> {
    const server = await startTestServer({ mode: 'process', databaseUrl: this.databaseUrl });
    this.servers.push(server);
    return server;
  }

  /**
   * Starts a server, signs every voter in (all must succeed), and has each cast its ballot,
   * AT_ONCE at a time; `interrupt(first)` is called once `after` casts have been answered 201.
   */
  async storm(after: number, interrupt: (first: ServerProcess) => void): Promise<CastStorm> {
    const first = await this.start();
    const { base } = this;
    this.voters = this.demo.voters.map((_, i) => new HttpVoter(first.url, loopbackAddress(i)));
    this.clients.push(...this.voters);
    const logins = await withConcurrency(
      AT_ONCE,
      this.demo.voters.map(
        (v, i) => () => this.voters[i]!.post(`${base}/voter/login`, { login: v.login, password: v.password }),
      ),
    );
    expect(logins.map((l) => l.status)).toEqual(logins.map(() => 200));
    let acknowledged = 0;
    let interrupted = false;
    const outcomes = await withConcurrency<CastOutcome>(
      AT_ONCE,
      this.demo.voters.map((_, i) => async () => {
        try {
          const answer = await this.voters[i]!.post(
            `${base}/voter/ballots`,
            { ballot: this.ballots[i] },
            { timeoutMs: 60_000 },
          );
          const afterInterrupt = interrupted;
          if (answer.status === 201 && ++acknowledged === after) {
            interrupted = true;
            interrupt(first);
          }
          return { i, answer, afterInterrupt };
        } catch (error) {
          return {
            i,
            error: error instanceof Error ? error.message : String(error),
            afterInterrupt: interrupted,
          };
        }
      }),
    );
    return { demo: this.demo, first, outcomes };
  }

  /**
   * Restarts a server on the same store. Its archive must verify (verifyArchive, and belenios-tool
   * when installed), have consecutive heights, hold every one of `acknowledged` (trackers) and no
   * ballot that was not sent. Then the voters `again` cast a new ballot in their session, on the new
   * server, and succeed; the final archive verifies the same way, holds every acknowledged and
   * recast ballot, and the turnout counts every voter once.
   */
  async restartAndRecast(acknowledged: readonly string[], again: readonly number[]): Promise<Restart> {
    const second = await this.start();
    const { base } = this;
    const reader = new HttpVoter(second.url);
    this.clients.push(reader);
    const served = async () =>
      checkServedArchive(
        new Uint8Array((await reader.get(`${base}/archive.bel`)).body),
        this.demo.electionId,
      );
    const sent = new Set(this.ballots.map((raw) => (parseBallot(raw) as { tracker: string }).tracker));
    const expectSound = (archive: ServedArchive, holding: readonly string[]) => {
      expect(archive.report.failure).toBeUndefined();
      expect(archive.heights).toEqual(archive.heights.map((_, i) => i));
      for (const tracker of holding) expect(archive.trackers).toContain(tracker);
      if (archive.belenios) expect(archive.belenios.status, archive.belenios.stderr).toBe(0);
    };

    const afterRestart = await served();
    expectSound(afterRestart, acknowledged);
    // Casts that got no answer may or may not have been committed; nothing else is on the board.
    for (const tracker of afterRestart.trackers) expect(sent.has(tracker)).toBe(true);

    // The sessions live in the store: those voters carry on where they were.
    const recasts = await withConcurrency(
      AT_ONCE,
      again.map((i) => async () => {
        const voter = this.voters[i]!.moveTo(second.url);
        this.clients.push(voter);
        return voter.post(
          `${base}/voter/ballots`,
          { ballot: this.makeBallot(this.demo.voters[i]!.credential, demoVote(i + 1)) },
          { timeoutMs: 60_000 },
        );
      }),
    );
    expect(recasts.map((r) => [r.status, r.json?.error?.code])).toEqual(recasts.map(() => [201, undefined]));

    const final = await served();
    expectSound(final, [...acknowledged, ...recasts.map((r) => r.json.tracker as string)]);
    expect((await reader.get(base)).json.turnout).toEqual({
      ballots: this.voterCount,
      voters: this.voterCount,
    });
    return { afterRestart, recasts, final };
  }
}
