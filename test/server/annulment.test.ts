/**
 * Annulment (issue #3): an election can be annulled, with its reason, at any state before
 * publication — draft, open, closed, tallied. Afterwards its result is never computed nor shown:
 * publishing answers 409, the public summary shows the state and the reason with no result, the
 * result export refuses, and no Result event is ever written to the board. A published election
 * cannot be annulled.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseArchive } from '../../src/protocol/archive/archive.js';
import { combineFactors, computeResult } from '../../src/protocol/tally.js';
import { verifyArchive } from '../../src/protocol/verifier.js';
import type { ElectionState } from '../../src/store/store.js';
import { Recorder, type RecordingClient } from '../world/recorder.js';
import {
  addAccount,
  addOrganisation,
  advance,
  ballotOf,
  draftElection,
  grant,
  partialDecryptionOf,
  type TestAccount,
  type TestElection,
} from '../world/scenario.js';
import { startTestServer, type TestServer } from '../world/server.js';

const VOTES = [
  [
    [1, 0, 0],
    [0, 1, 0, 0],
  ],
  [
    [0, 1, 0],
    [1, 0, 0, 0],
  ],
];

describe('annulment', () => {
  let server: TestServer;
  let http: Recorder;
  let admin: TestAccount;
  let organisationId: string;
  let asAdmin: RecordingClient;
  let asTrustee: RecordingClient;
  let trustee: TestAccount;
  const anonymous = () => http.client();

  beforeAll(async () => {
    server = await startTestServer();
    http = new Recorder(server.app);
    admin = await addAccount(server, 'admin');
    trustee = await addAccount(server, 'trustee');
    organisationId = await addOrganisation(server, 'Federation', admin);
    asAdmin = await http.client().signIn(admin.email, admin.password);
    asTrustee = await http.client().signIn(trustee.email, trustee.password);
  });
  afterAll(async () => server?.close());

  /** An election moved to `state`, with one external trustee who has not decrypted yet. */
  async function electionAt(state: ElectionState, options: { singles?: number } = {}): Promise<TestElection> {
    const election = await draftElection(server, organisationId, admin, {
      voters: 3,
      singles: options.singles ?? 1,
    });
    await grant(server, election.id, trustee, 'trustee');
    if (state === 'tallied') {
      // Stop before the external trustee decrypts: the tally exists, the result is not computed yet.
      await advance(server, { ...election, singles: [] }, admin, 'tallied', VOTES);
    } else await advance(server, election, admin, state, VOTES);
    return election;
  }

  const refusedForState = (answer: { status: number; json: { error?: { code: string } } }) => {
    expect(answer.status).toBe(409);
    expect(answer.json.error?.code).toMatch(/^SCR_(WRONG_STATE|VOTING_CLOSED)$/);
  };

  for (const state of ['draft', 'open', 'closed', 'tallied'] as const) {
    it(`annuls a ${state} election with its reason; its result is never computed nor shown`, async () => {
      const election = await electionAt(state);
      const url = (path = '') => `/api/v1/elections/${election.id}${path}`;
      expect((await asAdmin.post(url('/annul'), { reason: 'no' })).status).toBe(400);
      // Issue 20, survivor 6: a reason of spaces (the schema's minLength counts them) says nothing.
      for (const blank of ['     ', ' \t\n \u00a0  ', 'a   b  c d']) {
        const refused = await asAdmin.post(url('/annul'), { reason: blank });
        expect(refused.status, JSON.stringify(blank)).toBe(400);
        expect(refused.json.error?.code).toBe('SCR_BAD_REQUEST');
      }
      expect(await server.elections.get(election.id)).toMatchObject({ state, annulReason: null });
      const reason = `Irregularity found while ${state}: the roll was wrong.`;
      const annulled = await asAdmin.post(url('/annul'), { reason: `  ${reason} ` });
      expect(annulled.status).toBe(200);
      expect(annulled.json).toMatchObject({ state: 'annulled', annulReason: reason });

      // Nothing moves it any more, and nothing computes its result.
      for (const step of ['open', 'close', 'tally', 'publish'])
        refusedForState(await asAdmin.post(url(`/${step}`)));
      refusedForState(await asAdmin.post(url('/annul'), { reason: 'annulled twice over' }));
      if (state === 'tallied') {
        const [external] = election.singles;
        const partial = await partialDecryptionOf(server, election.id, external!);
        refusedForState(
          await asTrustee.post(url('/partial-decryptions'), {
            owner: external!.owner,
            partialDecryption: partial,
          }),
        );
      }
      if (state !== 'draft') {
        const voter = election.voters[2]!;
        const booth = await http.client().signInVoter(election.id, voter.login, voter.password);
        refusedForState(
          await booth.post(url('/voter/ballots'), {
            ballot: await ballotOf(server, election.id, voter, VOTES[0]!),
          }),
        );
      }

      const summary = await anonymous().get(url());
      expect(summary.json).toMatchObject({ state: 'annulled', annulReason: reason, result: null });
      for (const format of ['csv', 'json']) {
        const report = await anonymous().get(url(`/exports/result.${format}`));
        refusedForState(report);
        expect(report.json.error.detail).toEqual({
          problem: 'available once the result is published',
          state: 'annulled',
        });
      }
      expect((await server.store.elections.get(election.id))?.resultJson).toBeNull();
      const events = (await server.store.board.read(election.id))
        .filter((r) => r.kind === 'event')
        .map((r) => JSON.parse(r.raw).type);
      expect(events).not.toContain('Result');
      if (state !== 'draft') {
        const archive = parseArchive(
          new Uint8Array((await server.app.inject({ url: url('/archive.bel') })).rawPayload),
        );
        expect(archive.events.map((r) => r.event.type)).not.toContain('Result');
      }

      // The audit log records who annulled, when, from which state and why.
      const audit = await asAdmin.get(url('/exports/audit.json'));
      expect(audit.json.entries.at(-1)).toMatchObject({
        action: 'election.annul',
        actor: admin.id,
        details: { reason, from: state },
      });
    });
  }

  it('refuses to annul a published election, which keeps its result', async () => {
    const election = await electionAt('published');
    const url = (path = '') => `/api/v1/elections/${election.id}${path}`;
    const refused = await asAdmin.post(url('/annul'), { reason: 'Too late: the result is out.' });
    refusedForState(refused);
    expect(refused.json.error.detail).toMatchObject({ state: 'published' });
    const summary = await anonymous().get(url());
    expect(summary.json).toMatchObject({
      state: 'published',
      annulReason: null,
      result: [
        [1, 1, 0],
        [1, 1, 0, 0],
      ],
    });
    expect((await anonymous().get(url('/exports/result.json'))).status).toBe(200);
  });

  // The server key decrypts only at publication, so an election annulled after its tally keeps its
  // result unknowable when the server key is the only one (shares held back: src/election/service.ts).
  it('an election annulled after its tally (server key only) cannot have its result computed from its archive', async () => {
    const election = await electionAt('tallied', { singles: 0 });
    expect(
      (await asAdmin.post(`/api/v1/elections/${election.id}/annul`, { reason: 'Annulled after the tally.' }))
        .status,
    ).toBe(200);
    const bytes = (await server.app.inject({ url: `/api/v1/elections/${election.id}/archive.bel` }))
      .rawPayload;
    const report = await verifyArchive(parseArchive(new Uint8Array(bytes)));
    const state = report.ok ? report.state : undefined;
    let computed: unknown;
    if (state?.tally) {
      const combined = combineFactors(state.ctx.group, state.trustees, state.shares, state.tally);
      if (combined.ok) computed = computeResult(state.ctx, state.tally, combined.factors, state.totalWeight);
    }
    // Today: { ok: true, result: [[1n, 1n, 0n], [1n, 1n, 0n, 0n]] } — the annulled result, computed by anyone.
    expect(computed).toBeUndefined();
  });
});
