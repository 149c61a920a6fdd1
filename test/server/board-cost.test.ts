/**
 * What a ballot costs the board after its proofs were checked. The server checks a cast ballot's
 * proofs in its checker (the worker pool), then appends it; the board's in-memory verifier must
 * reuse that verdict, not check the proofs again on the main thread — there every check (30–100 ms
 * of modular exponentiations) stalls all requests of the process, and serialises casting behind the
 * election's board queue. Likewise a board reloaded after a restart (or caught up from another
 * process's appends) should not freeze the process while it re-checks every ballot inline.
 */
import { rmSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { createDemo } from '../../src/cli/scrutin/demo.js';
import { sha256Hex } from '../../src/core/hash.js';
import { makeEvent } from '../../src/protocol/archive/archive.js';
import { parseBallot } from '../../src/protocol/ballot-box.js';
import { openStore } from '../../src/store/open-store.js';
import { HttpVoter } from '../support/http-voter.js';
import { ballotMaker, demoVote, openDemoElection } from '../support/served-election.js';
import { tempDir } from '../support/tools.js';
import { Client } from '../world/client.js';
import { type ServerProcess, startTestServer, type TestServer } from '../world/server.js';
import { hasBuiltServer, MISSING_BUILD } from '../world/server-process.js';

// Counts every proof check, wherever it runs in this process (the checker and the board verifier).
const proofChecks = vi.hoisted(() => ({ count: 0 }));
vi.mock('../../src/protocol/ballot.js', async (importOriginal) => {
  const original = await importOriginal<typeof import('../../src/protocol/ballot.js')>();
  return {
    ...original,
    checkBallot: (...args: Parameters<typeof original.checkBallot>) => {
      proofChecks.count++;
      return original.checkBallot(...args);
    },
  };
});

describe('ballot proofs are checked once per cast', () => {
  let server: TestServer;
  afterAll(async () => server?.close());

  it('does not check a cast ballot again when the board applies it', async () => {
    server = await startTestServer();
    const demo = await createDemo(server.store, server.elections, 'http://127.0.0.1:8080', 3);
    const base = `/api/v1/elections/${demo.electionId}`;
    const make = ballotMaker((await new Client(server.app).get(base)).json.election);
    const ballots = demo.voters.map((v, i) => make(v.credential, demoVote(i)));
    const before = proofChecks.count;
    for (const [i, voter] of demo.voters.entries()) {
      const client = new Client(server.app);
      expect(
        (await client.post(`${base}/voter/login`, { login: voter.login, password: voter.password })).status,
      ).toBe(200);
      expect((await client.post(`${base}/voter/ballots`, { ballot: ballots[i] })).status).toBe(201);
    }
    // One check per ballot, by the checker; today the board's catch-up after the append checks it again.
    expect(proofChecks.count - before).toBe(demo.voters.length);
  });
});

if (!hasBuiltServer) console.warn(`\n*** board reload test SKIPPED: ${MISSING_BUILD} ***\n`);

describe.skipIf(!hasBuiltServer)(
  hasBuiltServer ? 'reloading a board after a restart' : `reloading a board — SKIPPED, ${MISSING_BUILD}`,
  () => {
    const BALLOTS = 60;
    const dir = tempDir('reload');
    const databaseUrl = `sqlite:${join(dir, 'scrutin.db')}`;
    let server: ServerProcess | undefined;
    let electionId: string;
    const clients: HttpVoter[] = [];

    beforeAll(async () => {
      const { demo, electionJson } = await openDemoElection(databaseUrl, 2);
      electionId = demo.electionId;
      // 60 valid ballots (revotes of one voter) written to the board as the server would have.
      const make = ballotMaker(electionJson);
      const store = await openStore(databaseUrl);
      try {
        const voter = (await store.voters.list(electionId)).find((v) => v.login === demo.voters[0]!.login)!;
        let head = await store.board.head(electionId);
        for (let i = 0; i < BALLOTS; i++) {
          const raw = make(demo.voters[0]!.credential, demoVote(i));
          const payload = sha256Hex(raw);
          const event = makeEvent(head, 'Ballot', payload);
          const tracker = (parseBallot(raw) as { tracker: string }).tracker;
          const outcome = await store.board.append(
            electionId,
            [{ hash: payload, raw }],
            { height: event.event.height, hash: event.hash, type: 'Ballot', raw: event.raw },
            { tracker, voterId: voter.id, credential: voter.publicCredential! },
          );
          expect(outcome.ok).toBe(true);
          head = { hash: event.hash, height: event.event.height };
        }
      } finally {
        await store.close();
      }
      server = await startTestServer({ mode: 'process', databaseUrl });
    });

    afterAll(async () => {
      for (const client of clients) client.close();
      await server?.stop();
      rmSync(dir, { recursive: true, force: true });
    });

    it('keeps answering other requests while it loads a board of 60 ballots', async () => {
      const loader = new HttpVoter(server!.url);
      const bystander = new HttpVoter(server!.url);
      clients.push(loader, bystander);
      expect((await bystander.get('/api/v1/auth/me')).status).toBe(200);
      const loading = loader.get(`/api/v1/elections/${electionId}/ballots`);
      await new Promise((resolve) => setTimeout(resolve, 50));
      // Which answer comes first, not how long it took: a board checked inline (60 proof checks,
      // seconds here) would hold the event loop, so the bystander's answer could only follow it.
      const order: string[] = [];
      const me = bystander.get('/api/v1/auth/me').then((answer) => {
        order.push('me');
        return answer;
      });
      const board = await loading.then((answer) => {
        order.push('board');
        return answer;
      });
      expect(board.json.ballots).toHaveLength(BALLOTS);
      expect((await me).status).toBe(200);
      expect(order, 'GET /api/v1/auth/me waited for the board to load').toEqual(['me', 'board']);
    });
  },
);
