/**
 * Tenant isolation as a property (issue #3): whatever sequence of settings and lifecycle actions
 * organisation A's admin performs on A's elections, every answer organisation B's people and the
 * public get about B — summaries, admin views, voter rolls, exports, audit log, the archive bytes,
 * the verifier status — stays byte for byte the same, and B's voters can still vote.
 */
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Client, signedIn } from '../world/client.js';
import {
  addAccount,
  addOrganisation,
  advance,
  ballotOf,
  draftElection,
  type TestAccount,
  type TestElection,
} from '../world/scenario.js';
import { startTestServer, type TestServer } from '../world/server.js';

/** What A's admin may do, as HTTP calls on one of A's elections (some will be refused: that is fine). */
type Action =
  | { kind: 'questions'; answers: number; blank: boolean }
  | { kind: 'schedule'; hours: number }
  | { kind: 'voters'; count: number; weight: number }
  | { kind: 'server-key' }
  | { kind: 'open' | 'close' | 'tally' | 'publish' }
  | { kind: 'annul' }
  | { kind: 'new-election'; group: 'BELENIOS-2048' | 'RFC-3526-2048' };

const action: fc.Arbitrary<Action> = fc.oneof(
  fc.record({
    kind: fc.constant('questions' as const),
    answers: fc.integer({ min: 1, max: 5 }),
    blank: fc.boolean(),
  }),
  fc.record({ kind: fc.constant('schedule' as const), hours: fc.integer({ min: 1, max: 500 }) }),
  fc.record({
    kind: fc.constant('voters' as const),
    count: fc.integer({ min: 1, max: 4 }),
    weight: fc.integer({ min: 1, max: 2 ** 31 }),
  }),
  fc.constant({ kind: 'server-key' as const }),
  fc.constantFrom<Action>(
    { kind: 'open' },
    { kind: 'close' },
    { kind: 'tally' },
    { kind: 'publish' },
    { kind: 'annul' },
  ),
  fc.record({
    kind: fc.constant('new-election' as const),
    group: fc.constantFrom('BELENIOS-2048' as const, 'RFC-3526-2048' as const),
  }),
);

describe('tenant isolation', () => {
  let server: TestServer;
  let adminA: TestAccount;
  let adminB: TestAccount;
  let orgA: string;
  let electionsA: string[];
  let openB: TestElection;
  let draftB: TestElection;
  // One session each (logins are rate-limited, as they should be).
  let clientA: Client;
  let clientB: Client;

  beforeAll(async () => {
    server = await startTestServer();
    adminA = await addAccount(server, 'adminA');
    adminB = await addAccount(server, 'adminB');
    orgA = await addOrganisation(server, 'Federation A', adminA);
    const orgB = await addOrganisation(server, 'Federation B', adminB);
    electionsA = [(await draftElection(server, orgA, adminA, { voters: 2 })).id];
    openB = await draftElection(server, orgB, adminB, { voters: 3 });
    await advance(server, openB, adminB, 'open', [
      [
        [1, 0, 0],
        [0, 1, 0, 0],
      ],
    ]);
    draftB = await draftElection(server, orgB, adminB, { voters: 2, name: 'B draft' });
    clientA = await signIn(adminA);
    clientB = await signIn(adminB);
  });
  afterAll(async () => server?.close());

  const signIn = async (account: TestAccount) => {
    const client = await signedIn(server.app, account);
    return client;
  };

  /** Everything B's admin and the public can read about B, as raw bytes. */
  async function viewOfB(): Promise<Record<string, string>> {
    const b = clientB;
    const anyone = new Client(server.app);
    const view: Record<string, string> = {};
    const orgB = openB.organisationId;
    const urls = [`/api/v1/organisations/${orgB}/elections`];
    for (const id of [openB.id, draftB.id]) {
      urls.push(
        `/api/v1/elections/${id}/admin`,
        `/api/v1/elections/${id}/voters`,
        `/api/v1/elections/${id}/trustees`,
        `/api/v1/elections/${id}/exports/voters.json`,
        `/api/v1/elections/${id}/exports/audit.json`,
      );
    }
    // Exports carry the time they were made; everything else must be identical.
    for (const url of urls) {
      view[`admin ${url}`] = (await b.get(url)).body
        .toString('utf8')
        .replace(/"exportedAt":"[^"]*"/g, '"exportedAt":"…"');
    }
    for (const url of [
      `/api/v1/elections/${openB.id}`,
      `/api/v1/elections/${openB.id}/ballots`,
      `/api/v1/elections/${openB.id}/verification`,
      `/api/v1/elections/${openB.id}/archive.bel`,
      `/api/v1/elections/${draftB.id}`,
    ]) {
      view[`public ${url}`] = (await anyone.get(url)).body.toString('base64');
    }
    return view;
  }

  async function perform(a: Client, act: Action): Promise<void> {
    const id = electionsA[electionsA.length - 1]!;
    const base = `/api/v1/elections/${id}`;
    switch (act.kind) {
      case 'questions':
        await a.put(`${base}/questions`, {
          questions: [
            {
              answers: Array.from({ length: act.answers }, (_, i) => `A${i}`),
              ...(act.blank ? { blank: true } : {}),
              min: 1,
              max: 1,
              question: 'A?',
            },
          ],
        });
        return;
      case 'schedule':
        await a.put(`${base}/schedule`, {
          opensAt: null,
          closesAt: new Date(Date.now() + act.hours * 3600_000).toISOString(),
        });
        return;
      case 'voters':
        await a.put(
          `${base}/voters`,
          Array.from({ length: act.count }, (_, i) => `a${i}@example.org,a${i},${act.weight},A ${i}`).join(
            '\n',
          ),
        );
        return;
      case 'server-key':
        await a.post(`${base}/trustees/server`);
        return;
      case 'annul':
        await a.post(`${base}/annul`, { reason: 'Changed our minds in A.' });
        return;
      case 'new-election': {
        const created = await a.post(`/api/v1/organisations/${orgA}/elections`, {
          name: 'A again',
          description: '',
          timeZone: 'America/Montreal',
          group: act.group,
        });
        if (created.status === 201) electionsA.push(created.json.id);
        return;
      }
      default:
        await a.post(`${base}/${act.kind}`);
    }
  }

  it("no sequence of A's actions changes anything B or the public sees about B", async () => {
    const before = await viewOfB();
    await fc.assert(
      fc.asyncProperty(fc.array(action, { minLength: 1, maxLength: 6 }), async (actions) => {
        for (const act of actions) await perform(clientA, act);
        expect(await viewOfB()).toEqual(before);
      }),
      { numRuns: 12 },
    );
    // And B still works: a B voter votes, which A's actions could not have prevented.
    const voter = openB.voters[1]!;
    await server.elections.castBallot(
      openB.id,
      voter.id,
      await ballotOf(server, openB.id, voter, [
        [0, 0, 1],
        [1, 0, 0, 0],
      ]),
    );
    const after = await new Client(server.app).get(`/api/v1/elections/${openB.id}`);
    expect(after.json.turnout).toEqual({ ballots: 2, voters: 3 });
  });
});
