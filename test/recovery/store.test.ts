/**
 * The recovery tables (migration 0004_recovery) on both stores: the election's recovery choice,
 * escrows replaced per voter and gone with their voter, the atomic credential swap (only in draft,
 * at the version read, from the expected credential; otherwise nothing changes), and requests that
 * move on only from the states a caller names (a decision is taken once).
 */
import { join } from 'node:path';
import { afterAll, beforeEach, describe, expect, it } from 'vitest';
import { replaceVoterCredential } from '../../src/recovery/credential-swap.js';
import { openStore } from '../../src/store/open-store.js';
import type { RecoveryRequestRow } from '../../src/store/recovery/schema.js';
import type { Store } from '../../src/store/store.js';
import { freshSchema, pgProblem, type TestSchema } from '../support/postgres.js';
import { election, organisation, voter } from '../support/store-fixtures.js';
import { tempDir } from '../support/tools.js';

const ELECTION = 'Rec0veryE1ecti';
const AT = '2026-02-01T10:00:00.000Z';

const request = (
  id: string,
  voterId: string,
  over: Partial<RecoveryRequestRow> = {},
): RecoveryRequestRow => ({
  id,
  electionId: ELECTION,
  voterId,
  origin: 'voter',
  state: 'pending',
  requestedBy: 'voter',
  createdAt: AT,
  decidedBy: null,
  decidedAt: null,
  completedAt: null,
  ...over,
});

const escrow = (voterId: string, publicCredential: string, tag: string) => ({
  electionId: ELECTION,
  voterId,
  publicCredential,
  escrowJson: `{"alpha":"2","nonce":"00","data":"${tag}"}`,
  createdAt: AT,
});

function contract(name: string, open: () => Promise<{ store: Store; dispose: () => Promise<void> }>) {
  describe(`recovery store (${name})`, () => {
    let store: Store;
    let dispose: () => Promise<void>;

    beforeEach(async () => {
      ({ store, dispose } = await open());
      await store.accounts.createOrganisation(organisation('org'));
      await store.elections.create(election(ELECTION, 'org'));
      await store.voters.replace(ELECTION, [
        voter('v1', ELECTION, { publicCredential: '11' }),
        voter('v2', ELECTION, { publicCredential: '22' }),
      ]);
      return async () => dispose();
    });

    it('keeps one recovery choice per election, replaced by the next', async () => {
      expect(await store.recovery.getSettings(ELECTION)).toBeUndefined();
      const choice = {
        electionId: ELECTION,
        mode: 'escrow' as const,
        officerAccountId: null,
        officerKeyJson: '{"k":1}',
        decidedBy: 'a',
        decidedAt: AT,
      };
      await store.recovery.saveSettings(choice);
      expect(await store.recovery.getSettings(ELECTION)).toEqual(choice);
      await store.recovery.saveSettings({ ...choice, mode: 'none', officerKeyJson: null });
      expect(await store.recovery.getSettings(ELECTION)).toMatchObject({
        mode: 'none',
        officerKeyJson: null,
      });
    });

    it("replaces a voter's escrow, filters by voter, and drops escrows with their voter", async () => {
      await store.recovery.saveEscrows(ELECTION, [escrow('v1', '11', 'a'), escrow('v2', '22', 'b')]);
      await store.recovery.saveEscrows(ELECTION, [escrow('v1', '11', 'c')]);
      expect((await store.recovery.listEscrows(ELECTION)).map((e) => [e.voterId, e.escrowJson])).toEqual([
        ['v1', escrow('v1', '11', 'c').escrowJson],
        ['v2', escrow('v2', '22', 'b').escrowJson],
      ]);
      expect((await store.recovery.listEscrows(ELECTION, ['v2'])).map((e) => e.voterId)).toEqual(['v2']);
      expect(await store.recovery.listEscrows(ELECTION, [])).toEqual([]);
      await store.voters.replace(ELECTION, [voter('v3', ELECTION)]);
      expect(await store.recovery.listEscrows(ELECTION)).toEqual([]);
    });

    it('swaps a credential and its escrow atomically, only in draft, at the version read, from the expected one', async () => {
      await store.recovery.saveEscrows(ELECTION, [escrow('v1', '11', 'a')]);
      const swap = (over: object = {}) =>
        replaceVoterCredential(store, {
          electionId: ELECTION,
          voterId: 'v1',
          expected: '11',
          replacement: '33',
          escrow: escrow('v1', '33', 'new'),
          electionVersion: 1,
          at: AT,
          ...over,
        });
      // Wrong expected credential: refused, and the election's version is not bumped either.
      expect(await swap({ expected: '99' })).toBe(false);
      expect((await store.elections.get(ELECTION))!.version).toBe(1);
      expect(await swap({ electionVersion: 0 })).toBe(false);
      // Another voter's credential as the replacement breaks uniqueness: nothing changes.
      await expect(swap({ replacement: '22' })).rejects.toThrow();
      expect((await store.voters.get('v1'))!.publicCredential).toBe('11');
      expect(await swap()).toBe(true);
      expect((await store.voters.get('v1'))!.publicCredential).toBe('33');
      expect((await store.elections.get(ELECTION))!.version).toBe(2);
      expect((await store.recovery.listEscrows(ELECTION)).map((e) => e.publicCredential)).toEqual(['33']);
      // Once open, never.
      const opened = await store.elections.update(ELECTION, 2, { state: 'open' });
      expect(
        await swap({ expected: '33', replacement: '44', electionVersion: opened!.version, escrow: null }),
      ).toBe(false);
      expect((await store.voters.get('v1'))!.publicCredential).toBe('33');
    });

    it('moves a request on only from the named states', async () => {
      await store.recovery.createRequest(request('r1', 'v1'));
      await store.recovery.createRequest(request('r2', 'v2', { origin: 'help-desk', requestedBy: 'admin' }));
      const approved = await store.recovery.updateRequest('r1', ['pending'], {
        state: 'approved',
        decidedBy: 'officer',
        decidedAt: AT,
      });
      expect(approved).toMatchObject({ id: 'r1', state: 'approved', decidedBy: 'officer' });
      expect(await store.recovery.updateRequest('r1', ['pending'], { state: 'rejected' })).toBeUndefined();
      expect((await store.recovery.listRequests(ELECTION)).map((r) => [r.id, r.state, r.origin])).toEqual([
        ['r1', 'approved', 'voter'],
        ['r2', 'pending', 'help-desk'],
      ]);
    });
  });
}

contract('SQLite', async () => {
  const store = await openStore(`sqlite:${join(tempDir('recovery-store'), 'store.db')}`);
  return { store, dispose: () => store.close() };
});

describe('PostgreSQL', async () => {
  const problem = await pgProblem();
  const schemas: TestSchema[] = [];
  afterAll(async () => {
    for (const schema of schemas) await schema.drop();
  });
  if (problem !== undefined) {
    it.skip(`PostgreSQL unreachable: ${problem}`, () => undefined);
    return;
  }
  contract('PostgreSQL', async () => {
    const schema = await freshSchema('recovery');
    schemas.push(schema);
    const store = await openStore(schema.url);
    return { store, dispose: () => store.close() };
  });
});
