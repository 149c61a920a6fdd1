/**
 * The outbox and delivery tables as a store contract, on SQLite and on PostgreSQL: idempotent
 * queueing, one lease per message even with two stores claiming at once, leases taken over after
 * they run out, secret bodies erased when a message is settled, send-time passwords bound to their
 * message atomically, newer generations superseding queued ones, one-time codes spent try by try.
 */
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { materialisePasswords } from '../../src/delivery/sender.js';
import type { OutboxInput } from '../../src/store/delivery/index.js';
import { openStore } from '../../src/store/open-store.js';
import type { Store } from '../../src/store/store.js';
import { freshSchema, pgProblem, type TestSchema } from '../support/postgres.js';
import { election, organisation, voter } from '../support/store-fixtures.js';
import { tempDir } from '../support/tools.js';

const E = 'E1234567890abc';
const T0 = '2027-01-01T10:00:00.000Z';
const at = (seconds: number) => new Date(Date.parse(T0) + seconds * 1000).toISOString();

function message(id: string, voterId: string, over: Partial<OutboxInput> = {}): OutboxInput {
  return {
    id,
    electionId: E,
    voterId,
    purpose: 'credential',
    channel: 'email',
    recipient: `${voterId}@example.org`,
    language: 'fr',
    priority: 1,
    subject: 'Votre code de vote',
    bodyText: `secret for ${voterId}: SECRET-${id}`,
    bodyHtml: `<p>SECRET-${id}</p>`,
    secretKind: 'credential',
    deferred: null,
    nextAttemptAt: T0,
    messageId: `<${id}@example.org>`,
    createdAt: T0,
    ...over,
  };
}

async function seed(store: Store, voters = 3): Promise<void> {
  await store.accounts.createOrganisation(organisation('O1'));
  await store.elections.create(election(E, 'O1'));
  await store.voters.replace(
    E,
    Array.from({ length: voters }, (_, i) => voter(`v${i + 1}`, E)),
  );
}

const backends: { name: string; open: () => Promise<{ url: string; dispose: () => Promise<void> }> }[] = [
  {
    name: 'SQLite',
    open: async () => ({
      url: `sqlite:${join(tempDir('outbox'), 'store.db')}`,
      dispose: async () => undefined,
    }),
  },
  {
    name: 'PostgreSQL',
    open: async () => {
      const schema: TestSchema = await freshSchema('outbox');
      return { url: schema.url, dispose: () => schema.drop() };
    },
  },
];

for (const backend of backends) {
  describe(`outbox store (${backend.name})`, () => {
    let skip: string | undefined;
    let url: string;
    let dispose: () => Promise<void>;
    let store: Store;
    let other: Store;
    let heirOwned: string[] = [];
    let formerOwner = '';

    beforeAll(async () => {
      if (backend.name === 'PostgreSQL') skip = await pgProblem();
      if (skip) return;
      ({ url, dispose } = await backend.open());
      store = await openStore(url);
      other = await openStore(url);
      await seed(store, 40);
    });
    afterAll(async () => {
      if (skip) return;
      await store.close();
      await other.close();
      await dispose();
    });

    it('queues a key once, numbers generations, and supersedes a queued older generation', async (t) => {
      if (skip) return t.skip();
      const first = await store.delivery.enqueue(E, [message('m1', 'v1')]);
      expect(first).toEqual([{ id: 'm1', idempotencyKey: 'credential/v1/1', created: true }]);
      const again = await store.delivery.enqueue(E, [
        message('m1b', 'v1', { idempotencyKey: 'credential/v1/1' }),
      ]);
      expect(again[0]!.created).toBe(false);
      const custom = await store.delivery.enqueue(E, [
        message('r1', 'v2', { purpose: 'credential-recovery', idempotencyKey: 'recovery-request-7' }),
      ]);
      const replay = await store.delivery.enqueue(E, [
        message('r1b', 'v2', { purpose: 'credential-recovery', idempotencyKey: 'recovery-request-7' }),
      ]);
      expect([custom[0]!.created, replay[0]!.created]).toEqual([true, false]);
      const second = await store.delivery.enqueue(E, [message('m2', 'v1')]);
      expect(second[0]!.idempotencyKey).toBe('credential/v1/2');
      const v1 = await store.delivery.listMessages(E, 'v1');
      expect(v1.map((m) => [m.id, m.generation, m.status, m.holdsSecret])).toEqual([
        ['m1', 1, 'superseded', false],
        ['m2', 2, 'queued', true],
      ]);
      // Public credentials are set in the same transaction as the messages, or not at all.
      await expect(
        store.transaction(async (tx) => {
          await tx.voters.setSecrets(E, [{ voterId: 'nobody', publicCredential: '5' }]);
          return tx.delivery.enqueue(E, [message('m3', 'v3')]);
        }),
      ).rejects.toThrow();
      expect(await store.delivery.listMessages(E, 'v3')).toEqual([]);
    });

    it('queues a key once even when two requests queue it at the same moment', async (t) => {
      if (skip) return t.skip();
      const racing = await Promise.all(
        Array.from({ length: 6 }, (_, i) =>
          (i % 2 ? store : other).delivery.enqueue(E, [
            message(`race${i}`, 'v7', {
              purpose: 'access-reminder',
              idempotencyKey: 'access-reminder/v7/1',
              generation: 1,
              nextAttemptAt: at(1_000_000),
            }),
          ]),
        ),
      );
      expect(racing.flat().filter((o) => o.created)).toHaveLength(1);
      expect(await store.delivery.listMessages(E, 'v7')).toHaveLength(1);
    });

    it('leases each due message to one sender, even with two claiming at once', async (t) => {
      if (skip) return t.skip();
      const many = Array.from({ length: 30 }, (_, i) =>
        message(`c${i}`, `v${i + 10}`, { purpose: 'password' }),
      );
      await store.delivery.enqueue(E, many);
      const claims = await Promise.all(
        [store, other, store, other].map((s, i) =>
          s.delivery.claim({ owner: `owner-${i}`, now: at(1), leaseUntil: at(61), limit: 12 }),
        ),
      );
      const byOwner = new Map(claims.map((c, i) => [`owner-${i}`, c.map((m) => m.id)]));
      // A claimer may get fewer than asked when another holds the rows; it claims again.
      for (let round = 0; round < 10 && [...byOwner.values()].flat().length < 32; round++) {
        const more = await other.delivery.claim({
          owner: 'owner-1',
          now: at(1),
          leaseUntil: at(61),
          limit: 12,
        });
        byOwner.get('owner-1')!.push(...more.map((m) => m.id));
      }
      const ids = [...byOwner.values()].flat();
      expect(new Set(ids).size).toBe(ids.length);
      // Everything due was claimed once: the 30 passwords, v1's generation 2 and v2's recovery.
      expect(ids.length).toBe(32);
      expect(
        await store.delivery.claim({ owner: 'late', now: at(2), leaseUntil: at(62), limit: 100 }),
      ).toEqual([]);
      // A lease that ran out is taken over (its holder died), with the attempt counted; a holder
      // that renews keeps its messages.
      const [holder, held] = [...byOwner].sort((a, b) => b[1].length - a[1].length)[0]!;
      expect(await store.delivery.renewLeases(holder, at(200))).toBe(held.length);
      const taken = await other.delivery.claim({
        owner: 'heir',
        now: at(61),
        leaseUntil: at(121),
        limit: 100,
      });
      expect(taken.map((m) => m.id).sort()).toEqual(ids.filter((id) => !held.includes(id)).sort());
      expect(taken.every((m) => m.attempts === 2)).toBe(true);
      // A sender never takes over its own lease, even once it ran out; another does.
      const byHolder = await store.delivery.claim({
        owner: holder,
        now: at(201),
        leaseUntil: at(400),
        limit: 100,
      });
      expect(byHolder.map((m) => m.id).sort()).toEqual(taken.map((m) => m.id).sort());
      const heirs = await other.delivery.claim({
        owner: 'heir',
        now: at(201),
        leaseUntil: at(261),
        limit: 100,
      });
      expect(heirs.map((m) => m.id).sort()).toEqual([...held].sort());
      heirOwned = held;
      formerOwner = holder;
    });

    it('erases secret bodies when a message is settled, and ignores a sender that lost its lease', async (t) => {
      if (skip) return t.skip();
      const leased = (await store.delivery.listMessages(E)).filter((m) => heirOwned.includes(m.id));
      const [sent, failed, retried] = leased;
      // The former owner's outcome is ignored: it no longer holds the lease.
      await store.delivery.settle(formerOwner, [
        { id: sent!.id, kind: 'sent', at: at(62), reason: '250 OK' },
      ]);
      expect((await store.delivery.listMessages(E)).find((m) => m.id === sent!.id)!.status).toBe('sending');
      await store.delivery.settle('heir', [
        { id: sent!.id, kind: 'sent', at: at(62), reason: '250 OK' },
        { id: failed!.id, kind: 'failed', at: at(62), reason: '550 5.1.1 no such user' },
        { id: retried!.id, kind: 'retry', at: at(62), nextAttemptAt: at(300), reason: '451 4.3.0 try later' },
      ]);
      const after = new Map((await store.delivery.listMessages(E)).map((m) => [m.id, m]));
      expect(after.get(sent!.id)).toMatchObject({
        status: 'sent',
        sentAt: at(62),
        holdsSecret: false,
        lastReason: '250 OK',
      });
      expect(after.get(failed!.id)).toMatchObject({
        status: 'failed',
        holdsSecret: false,
        lastReason: '550 5.1.1 no such user',
      });
      expect(after.get(retried!.id)).toMatchObject({
        status: 'queued',
        holdsSecret: true,
        nextAttemptAt: at(300),
      });
      expect(await store.delivery.nextDue()).toBe(at(261));
      const counts = await store.delivery.countMessages(E);
      expect(counts).toMatchObject({ sent: 1, failed: 1, queued: 2, sending: 29, superseded: 1 });
      // Not due yet: the retried message waits for its time.
      const early = await store.delivery.claim({ owner: 'x', now: at(100), leaseUntil: at(160), limit: 100 });
      expect(early.map((m) => m.id)).not.toContain(retried!.id);
    });

    it('binds a send-time password and its message in one transaction, for the lease holder only', async (t) => {
      if (skip) return t.skip();
      await store.delivery.enqueue(E, [
        message('p1', 'v4', {
          purpose: 'password',
          secretKind: 'password',
          deferred: 'password',
          bodyText: 'pw: ⟦password⟧',
          priority: 0,
        }),
      ]);
      const [claimed] = await store.delivery.claim({
        owner: 'w',
        now: at(1000),
        leaseUntil: at(1060),
        limit: 1,
      });
      expect(claimed).toMatchObject({ id: 'p1', deferred: 'password' });
      const item = {
        id: 'p1',
        electionId: E,
        voterId: 'v4',
        bodyText: 'pw: abc',
        bodyHtml: null,
        passwordHash: 'scrypt$1024$8$1$c2FsdA$aGFzaGhhc2hoYXNoaGFzaGhhc2hoYXNoaGFzaA',
      };
      expect(await materialisePasswords(store, 'intruder', [item])).toEqual(new Set());
      expect((await store.voters.get('v4'))!.passwordHash).toBeNull();
      expect(await materialisePasswords(store, 'w', [item])).toEqual(new Set(['p1']));
      expect((await store.voters.get('v4'))!.passwordHash).toBe(item.passwordHash);
      // Already materialised: a second password is not generated over the first.
      expect(await materialisePasswords(store, 'w', [{ ...item, passwordHash: 'other' }])).toEqual(new Set());
    });

    it('spends one-time code tries one by one and refuses expired codes', async (t) => {
      if (skip) return t.skip();
      await store.delivery.saveCode({
        electionId: E,
        voterId: 'v5',
        codeHash: 'h',
        expiresAt: at(600),
        attemptsLeft: 2,
        createdAt: at(0),
      });
      expect((await store.delivery.spendCodeAttempt(E, 'v5', at(10)))?.attemptsLeft).toBe(1);
      expect((await store.delivery.spendCodeAttempt(E, 'v5', at(10)))?.attemptsLeft).toBe(0);
      expect(await store.delivery.spendCodeAttempt(E, 'v5', at(10))).toBeUndefined();
      await store.delivery.saveCode({
        electionId: E,
        voterId: 'v5',
        codeHash: 'h2',
        expiresAt: at(600),
        attemptsLeft: 5,
        createdAt: at(0),
      });
      expect(await store.delivery.spendCodeAttempt(E, 'v5', at(600))).toBeUndefined();
      const parallel = await Promise.all(
        Array.from({ length: 8 }, (_, i) =>
          (i % 2 ? store : other).delivery.spendCodeAttempt(E, 'v5', at(1)),
        ),
      );
      expect(parallel.filter((r) => r !== undefined)).toHaveLength(5);
      await store.delivery.deleteCode(E, 'v5');
      expect(await store.delivery.spendCodeAttempt(E, 'v5', at(1))).toBeUndefined();
    });

    it('records first and last sign-in and the access test, and keeps delivery settings', async (t) => {
      if (skip) return t.skip();
      await store.delivery.recordAccess(E, 'v6', 'login', at(1));
      await store.delivery.recordAccess(E, 'v6', 'login', at(5));
      await store.delivery.recordAccess(E, 'v6', 'access-check', at(6));
      expect((await store.delivery.listAccess(E)).find((a) => a.voterId === 'v6')).toEqual({
        voterId: 'v6',
        firstLoginAt: at(1),
        lastLoginAt: at(5),
        accessCheckedAt: at(6),
      });
      expect(await store.delivery.getSettings(E)).toBeUndefined();
      const settings = {
        electionId: E,
        loginMode: 'one-time-code' as const,
        passwordDelaySeconds: 0,
        helpContact: 'x',
        defaultLanguage: 'en',
      };
      await store.delivery.saveSettings(settings);
      await store.delivery.saveSettings({ ...settings, helpContact: 'y' });
      expect(await store.delivery.getSettings(E)).toEqual({ ...settings, helpContact: 'y' });
    });

    it("drops a replaced roll's pending messages with its voters", async (t) => {
      if (skip) return t.skip();
      await store.voters.replace(E, [voter('w1', E)]);
      expect(await store.delivery.listMessages(E)).toEqual([]);
      expect(await store.delivery.listAccess(E)).toEqual([]);
    });
  });
}
