/**
 * The delivery operations the admin, the help desk and voters call, on a real store (SQLite in a
 * temp file): each queues its messages and writes its audit entry together — a failing entry leaves
 * no message behind — and wakes the sender only after the commit; a self-service request that does
 * not match queues nothing and records nothing of what was typed; a resend sends what its plan says.
 */
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { election, organisation, voter } from '../../test/support/store-fixtures.js';
import { overrideRepository } from '../../test/support/store-overrides.js';
import { tempDir } from '../../test/support/tools.js';
import { installNodePlatform } from '../node/platform.js';
import { openStore } from '../store/open-store.js';
import type { Store } from '../store/store.js';
import {
  requestPassword,
  resendAccess,
  resendPlan,
  sendHelpDeskCode,
  sendPasswords,
  sendPasswordToVoter,
} from './access-messages.js';
import type { DeliveryContext } from './outbox.js';

const ELECTION = 'AccessElection01';

describe('access messages', () => {
  let store: Store;
  let wakes: number[];
  let ctx: DeliveryContext;

  const context = (over: Store): DeliveryContext => ({
    store: over,
    clock: { now: () => new Date('2031-05-04T08:00:00.000Z') },
    config: { baseUrl: 'https://vote.example.org' },
    // What the store holds when the sender is woken: it must see the committed messages.
    wake: () => void store.delivery.listMessages(ELECTION).then((m) => wakes.push(m.length)),
  });
  const audit = async () =>
    (await store.audit.list({ organisationId: 'org', electionId: ELECTION })).map((e) => [
      e.action,
      e.details,
    ]);
  const messages = async () =>
    (await store.delivery.listMessages(ELECTION)).map((m) => [m.voterId, m.purpose]);

  beforeEach(async () => {
    installNodePlatform();
    store = await openStore(`sqlite:${join(tempDir('access-messages'), 'scrutin.db')}`);
    await store.accounts.createOrganisation(organisation('org'));
    await store.elections.create(election(ELECTION, 'org', { state: 'open', credentialMode: 'external' }));
    await store.voters.replace(ELECTION, [
      voter('ana', ELECTION, { language: 'en', publicCredential: '12345' }),
      voter('bob', ELECTION, { publicCredential: '67890' }),
    ]);
    await store.delivery.saveSettings({
      electionId: ELECTION,
      loginMode: 'password',
      passwordDelaySeconds: 0,
      helpContact: '',
      defaultLanguage: 'en',
    });
    wakes = [];
    ctx = context(store);
  });
  afterEach(async () => store?.close());

  it("queues every voter's password with one entry, and wakes the sender after the commit", async () => {
    expect(await sendPasswords(ctx, ELECTION, 'admin1', { immediately: true })).toBe(2);
    expect(await messages()).toEqual([
      ['ana', 'password'],
      ['bob', 'password'],
    ]);
    expect(await audit()).toEqual([['delivery.passwords', { count: 2 }]]);
    await new Promise((resolve) => setImmediate(resolve));
    expect(wakes).toEqual([2]);
  });

  it('leaves no message behind when its audit entry cannot be written', async () => {
    const failing = overrideRepository(
      store,
      'audit',
      () => ({
        append: async () => {
          throw new Error('disk full');
        },
      }),
      { transactions: true },
    );
    await expect(
      sendPasswordToVoter(context(failing), ELECTION, { id: 'ana', login: 'ana' }, 'admin1', 'help-desk'),
    ).rejects.toThrow('disk full');
    await expect(
      sendHelpDeskCode(context(failing), ELECTION, voter('ana', ELECTION), 'admin1'),
    ).rejects.toThrow('disk full');
    expect(await messages()).toEqual([]);
    expect(wakes).toEqual([]);
  });

  it('sends a self-service password only when login and address match, recording nothing typed otherwise', async () => {
    await requestPassword(ctx, ELECTION, { login: 'ana', email: 'bob@example.org' });
    await requestPassword(ctx, ELECTION, { login: ' ANA ', email: 'Ana@Example.org' });
    expect(await messages()).toEqual([['ana', 'password']]);
    expect(await audit()).toEqual([
      ['delivery.password.request.unmatched', {}],
      ['delivery.password.voter', { login: 'ana', reason: 'self-service', count: 1 }],
    ]);
  });

  it('resends to the voters its plan names, and records the kind and count', async () => {
    await store.delivery.recordAccess(ELECTION, 'bob', 'login', '2031-05-04T07:00:00.000Z');
    const plan = await resendPlan(ctx, ELECTION);
    expect(plan).toEqual({ kind: 'password', voterIds: ['ana'], byChannel: { email: 1, sms: 0 } });
    expect(await resendAccess(ctx, ELECTION, 'admin1', plan)).toBe(1);
    expect(await messages()).toEqual([['ana', 'password']]);
    expect(await audit()).toEqual([['delivery.resend', { kind: 'password', count: 1 }]]);
  });
});
