/**
 * RecoveryService's rules on a real store (SQLite in a temp file), without a server: when the
 * recovery choice can be made (draft, server credentials not yet issued) and what it records
 * (settings, an audit entry, the mode the status reports); when credentials may be issued (an
 * appointed officer's choice first); after opening, who may ask and decide (an escrow election
 * only; one open request per voter; the officer never decides their own request, and decides once).
 */

import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { account, election, organisation, voter } from '../../test/support/store-fixtures.js';
import { tempDir } from '../../test/support/tools.js';
import { requireGroup } from '../core/group.js';
import { accountId } from '../core/ids.js';
import { installNodePlatform } from '../node/platform.js';
import { generateOfficerKey, serializeOfficerPublicKey } from '../protocol/credential-escrow.js';
import { openStore } from '../store/open-store.js';
import type { ElectionRow, Store } from '../store/store.js';
import { RecoveryService } from './service.js';

const ELECTION = 'RecoveryElect1';
const admin = { id: 'admin' };
const officer = { id: 'officer' };
const group = requireGroup('RFC-3526-2048');
const officerKey = () => serializeOfficerPublicKey(generateOfficerKey(group).publicKey);

describe('RecoveryService', () => {
  let store: Store;
  let service: RecoveryService;
  const queued: string[] = [];

  async function electionWith(over: Partial<ElectionRow> = {}, credentials = false): Promise<void> {
    await store.elections.create(election(ELECTION, 'org', over));
    await store.voters.replace(
      ELECTION,
      ['v1', 'v2'].map((id, i) => voter(id, ELECTION, { publicCredential: credentials ? `4${i}` : null })),
    );
  }

  /** Moves the election to `state` (the store's own write, as the election service would). */
  const moveTo = async (electionId: string, state: ElectionRow['state']) => {
    const row = await store.elections.get(electionId);
    await store.elections.update(electionId, row!.version, { state });
  };

  const audit = async () =>
    (await store.audit.list({ organisationId: 'org', electionId: ELECTION })).map((entry) => entry.action);

  beforeEach(async () => {
    installNodePlatform();
    store = await openStore(`sqlite:${join(tempDir('recovery-unit'), 'scrutin.db')}`);
    await store.accounts.createOrganisation(organisation('org'));
    for (const id of ['admin', 'officer']) await store.accounts.createAccount(account(id));
    service = new RecoveryService(store, { now: () => new Date('2031-02-03T10:00:00Z') }, async (message) => {
      queued.push(message.voterId);
    });
    queued.length = 0;
  });
  afterEach(async () => store?.close());

  describe('the choice, in draft', () => {
    it('starts undecided, as server credentials without recovery', async () => {
      await electionWith();
      expect(await service.status(ELECTION)).toMatchObject({
        credentialMode: 'server',
        recovery: 'undecided',
        modeId: 'server-no-recovery',
        officer: null,
        decidedAt: null,
        escrowed: 0,
        requests: { pending: 0, approved: 0, rejected: 0, completed: 0 },
      });
    });

    it("records the officer's key, with its fingerprint in the audit log", async () => {
      await electionWith();
      const key = officerKey();
      const status = await service.setOfficerKey(ELECTION, officer, key);
      expect(status).toMatchObject({
        recovery: 'escrow',
        modeId: 'server-escrow',
        officer: { accountId: accountId('officer'), publicKey: key },
        decidedAt: '2031-02-03T10:00:00.000Z',
      });
      expect(status.officer!.fingerprint).toMatch(/\S/);
      expect(await audit()).toEqual(['recovery.officer-key']);
      expect(await service.canResendAfterOpening(ELECTION)).toBe(true);
    });

    it('records "no recovery" as a choice, and an officer key may still replace it in draft', async () => {
      await electionWith();
      expect(await service.chooseNoRecovery(ELECTION, admin)).toMatchObject({
        recovery: 'none',
        modeId: 'server-no-recovery',
        officer: null,
      });
      expect(await service.canResendAfterOpening(ELECTION)).toBe(false);
      expect((await service.setOfficerKey(ELECTION, officer, officerKey())).recovery).toBe('escrow');
      expect(await audit()).toEqual(['recovery.none', 'recovery.officer-key']);
    });

    it('refuses a key that is not one, and changes nothing', async () => {
      await electionWith();
      await expect(service.setOfficerKey(ELECTION, officer, '{"not":"a key"}')).rejects.toMatchObject({
        code: 'SCR_RECOVERY_INVALID_KEY',
      });
      expect((await service.status(ELECTION)).recovery).toBe('undecided');
      expect(await audit()).toEqual([]);
    });

    it('is closed once server credentials exist, once the election is open, and for an external authority', async () => {
      await electionWith({}, true);
      await expect(service.chooseNoRecovery(ELECTION, admin)).rejects.toMatchObject({
        code: 'SCR_RECOVERY_TOO_LATE',
      });
      await store.close();
      store = await openStore(`sqlite:${join(tempDir('recovery-unit'), 'scrutin.db')}`);
      service = new RecoveryService(store, { now: () => new Date() }, async () => undefined);
      await store.accounts.createOrganisation(organisation('org'));
      await store.elections.create(election(ELECTION, 'org', { state: 'open' }));
      await store.elections.create(election('ExternalElect1', 'org', { credentialMode: 'external' }));
      await expect(service.setOfficerKey(ELECTION, officer, officerKey())).rejects.toMatchObject({
        code: 'SCR_WRONG_STATE',
      });
      await expect(service.chooseNoRecovery('ExternalElect1', admin)).rejects.toMatchObject({
        code: 'SCR_RECOVERY_NOT_AVAILABLE',
      });
      expect((await service.status('ExternalElect1')).modeId).toBe('external');
      await expect(service.status('NoSuchElection')).rejects.toMatchObject({ code: 'SCR_NOT_FOUND' });
    });
  });

  describe('issuing credentials', () => {
    it('waits for the choice of an appointed recovery officer, and only then', async () => {
      await electionWith();
      // Nobody appointed: the election simply has no escrow.
      await service.beforeIssuing(ELECTION);
      await store.elections.addRole({
        electionId: ELECTION,
        accountId: accountId('officer'),
        role: 'credential-authority',
      });
      await expect(service.beforeIssuing(ELECTION)).rejects.toMatchObject({
        code: 'SCR_RECOVERY_CHOICE_NEEDED',
      });
      await service.chooseNoRecovery(ELECTION, admin);
      await service.beforeIssuing(ELECTION);
    });
  });

  describe('after opening', () => {
    /** An open election whose officer's key was set in draft. */
    async function openWithEscrow(): Promise<void> {
      await electionWith();
      await service.setOfficerKey(ELECTION, officer, officerKey());
      await moveTo(ELECTION, 'open');
      await store.voters.replace(
        ELECTION,
        ['v1', 'v2'].map((id, i) => voter(id, ELECTION, { publicCredential: `4${i}` })),
      );
    }

    it('takes one open request per voter from the help desk, and the officer decides it once', async () => {
      await openWithEscrow();
      const request = await service.requestByHelpDesk(ELECTION, admin, 'v1');
      expect(request).toMatchObject({ voterId: 'v1', login: 'v1', origin: 'help-desk', state: 'pending' });
      // Asking again gives the same request.
      expect((await service.requestByHelpDesk(ELECTION, admin, 'v1')).id).toBe(request.id);
      expect((await service.decide(ELECTION, officer, request.id, true)).state).toBe('approved');
      await expect(service.decide(ELECTION, officer, request.id, false)).rejects.toMatchObject({
        code: 'SCR_RECOVERY_ALREADY_DECIDED',
      });
      expect((await service.status(ELECTION)).requests).toEqual({
        pending: 0,
        approved: 1,
        rejected: 0,
        completed: 0,
      });
      expect(await audit()).toEqual(['recovery.officer-key', 'recovery.request', 'recovery.approve']);
    });

    it('never lets the officer decide a request they made', async () => {
      await openWithEscrow();
      const own = await service.requestByHelpDesk(ELECTION, officer, 'v2');
      await expect(service.decide(ELECTION, officer, own.id, true)).rejects.toMatchObject({
        code: 'SCR_RECOVERY_SEPARATION',
      });
      expect((await service.decide(ELECTION, admin, own.id, false)).state).toBe('rejected');
    });

    it('takes no request without escrow, for a voter of another election, or before opening', async () => {
      await electionWith();
      await expect(service.requestByHelpDesk(ELECTION, admin, 'v1')).rejects.toMatchObject({
        code: 'SCR_WRONG_STATE',
      });
      await service.chooseNoRecovery(ELECTION, admin);
      await moveTo(ELECTION, 'open');
      await expect(service.requestByHelpDesk(ELECTION, admin, 'v1')).rejects.toMatchObject({
        code: 'SCR_RECOVERY_NOT_AVAILABLE',
      });
      await store.elections.create(election('OtherElection1', 'org', { state: 'open' }));
      await store.voters.replace('OtherElection1', [voter('w1', 'OtherElection1')]);
      await store.recovery.saveSettings({
        electionId: 'OtherElection1',
        mode: 'escrow',
        officerAccountId: 'officer',
        officerKeyJson: null,
        decidedBy: 'officer',
        decidedAt: '2031-02-03T10:00:00.000Z',
      });
      await expect(service.requestByHelpDesk('OtherElection1', admin, 'v1')).rejects.toMatchObject({
        code: 'SCR_NOT_FOUND',
      });
      expect(queued).toEqual([]);
    });
  });
});
