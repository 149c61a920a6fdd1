/**
 * A change and its audit entry commit together (issue 15, item 11): with a store whose audit write
 * fails — after the entry is written, as a failing commit would — every audited action fails and
 * leaves the database exactly as it was, every table compared row by row. On SQLite and PostgreSQL,
 * through the services and, for the organisation's people and delivery, through the HTTP API.
 */

import { Buffer } from 'node:buffer';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { systemClock } from '../../src/core/clock.js';
import { requireGroup } from '../../src/core/group.js';
import type { OrganisationId } from '../../src/core/ids.js';
import { BoardService } from '../../src/election/board.js';
import { ElectionService } from '../../src/election/service.js';
import {
  generateCredentials,
  generateTrusteeKey,
  serializeTrusteePublicKey,
} from '../../src/protocol/setup.js';
import { inProcessChecker } from '../../src/protocol/verifier.js';
import { verifyAuditChain } from '../../src/store/audit-chain.js';
import { openStore } from '../../src/store/open-store.js';
import { BOOKKEEPING, openRaw, type RawStore, tableNames } from '../../src/store/raw-store.js';
import type { Store } from '../../src/store/store.js';
import { freshSchema, pgProblem, type TestSchema } from '../support/postgres.js';
import { overrideRepository } from '../support/store-overrides.js';
import { tempDir } from '../support/tools.js';
import { type Client, signedIn } from '../world/client.js';
import { CONGRESS_QUESTIONS } from '../world/consultation.js';
import {
  addAccount,
  draftElection,
  organisationWithAdmin,
  partialDecryptionOf,
  QUESTIONS,
  type SingleTrustee,
  type TestAccount,
} from '../world/scenario.js';
import { startTestServer, type TestServer } from '../world/server.js';

/** `store`, except that while `failing` every audit append throws once its entry is written. */
function failingAudit(store: Store) {
  const switches = { failing: false, failures: 0 };
  const failing = overrideRepository(
    store,
    'audit',
    (audit) => ({
      async append(entry) {
        const row = await audit.append(entry);
        if (!switches.failing) return row;
        switches.failures++;
        throw new Error(`audit write failed (test): ${entry.action}`);
      },
    }),
    { transactions: true },
  );
  return { store: failing, switches };
}

/** Every row of every table (Kysely's bookkeeping aside), each table's rows sorted. */
async function snapshot(raw: RawStore): Promise<Record<string, string[]>> {
  const tables: Record<string, string[]> = {};
  for (const name of (await tableNames(raw)).sort()) {
    if (BOOKKEEPING.test(name)) continue;
    const rows = await raw.db.selectFrom(name).selectAll().execute();
    tables[name] = rows.map((row) => JSON.stringify(row)).sort();
  }
  return tables;
}

function suite(dialect: string, databaseUrl: () => Promise<string | undefined>) {
  describe(`a failed audit write leaves the state unchanged (${dialect})`, () => {
    let url: string;
    let store: Store;
    let raw: RawStore;
    let switches: { failing: boolean; failures: number };
    let server: TestServer;
    let admin: TestAccount;
    let organisationId: OrganisationId;
    let client: Client;

    beforeAll(async () => {
      url = (await databaseUrl()) ?? `sqlite:${join(tempDir('atomicity'), 'scrutin.db')}`;
      server = await startTestServer({
        databaseUrl: url,
        wrapStore: (opened) => {
          const failing = failingAudit(opened);
          switches = failing.switches;
          return failing.store;
        },
      });
      store = server.store;
      raw = await openRaw(url);
      ({ organisationId, admin } = await organisationWithAdmin(server));
      client = await signedIn(server.app, admin);
    });
    afterAll(async () => {
      await raw?.close();
      await server?.close();
    });

    /** Runs `action` with the audit write failing: it must fail, and change nothing at all. */
    async function expectNoTrace(action: () => Promise<unknown>): Promise<void> {
      const before = await snapshot(raw);
      const failures = switches.failures;
      switches.failing = true;
      let outcome: unknown;
      try {
        outcome = await action().then(
          (value) => value,
          (error: unknown) => error,
        );
      } finally {
        switches.failing = false;
      }
      // Through the API the failure is a 500 answer; through a service, the error itself.
      if (outcome instanceof Error) expect(outcome.message).toMatch(/audit write failed \(test\)/);
      else expect((outcome as { status?: number }).status).toBe(500);
      expect(switches.failures).toBeGreaterThan(failures);
      expect(await snapshot(raw)).toEqual(before);
    }

    const helper = () => ({ ...server, store, logs: [], close: async () => undefined });
    const newDraft = () =>
      server.elections.create(organisationId, admin, { name: 'E', description: '', timeZone: 'UTC' });

    it('election: create (with the creator role, through the API), questions, schedule, extension', async () => {
      await expectNoTrace(() => newDraft());
      await expectNoTrace(() =>
        client.post(`/api/v1/organisations/${organisationId}/elections`, {
          name: 'E',
          description: '',
          timeZone: 'UTC',
        }),
      );
      const row = await newDraft();
      await expectNoTrace(() => server.elections.setQuestions(row.id, admin, QUESTIONS));
      await expectNoTrace(() =>
        server.elections.setSchedule(row.id, admin, {
          opensAt: '2030-01-01T08:00:00Z',
          closesAt: '2030-01-02T08:00:00Z',
        }),
      );
      await expectNoTrace(() => server.elections.extendClosing(row.id, admin, '2031-01-01T00:00:00Z'));
    });

    it('roll import, trustees, credentials (returned, and queued in the outbox)', async () => {
      const row = await newDraft();
      await server.elections.setQuestions(row.id, admin, QUESTIONS);
      await expectNoTrace(() =>
        server.elections.importVoters(row.id, admin, 'a@example.org,a,1,A\nb@example.org,b,2,B', 'en'),
      );
      await server.elections.importVoters(row.id, admin, 'a@example.org,a,1,A\nb@example.org,b,2,B', 'en');
      await expectNoTrace(() => server.elections.useServerTrustee(row.id, admin));
      await expectNoTrace(() => server.elections.generateServerCredentials(row.id, admin));
      await expectNoTrace(() => server.elections.issueServerCredentials(row.id, admin, server.ctx));
    });

    it('roll: each per-voter change once credentials are issued, with its message or credential (issue 15)', async () => {
      const row = await newDraft();
      await server.elections.setQuestions(row.id, admin, QUESTIONS);
      await server.elections.importVoters(row.id, admin, 'a@example.org,a,1,A\nb@example.org,b,2,B', 'en');
      await server.elections.issueServerCredentials(row.id, admin, server.ctx);
      const [a, b] = await store.voters.list(row.id);
      const e = `/api/v1/elections/${row.id}`;
      await expectNoTrace(() => client.post(`${e}/voters`, { email: 'c@example.org', login: 'c' }));
      await expectNoTrace(() => client.post(`${e}/voters/${a!.id}/address`, { email: 'a2@example.org' }));
      await expectNoTrace(() => client.post(`${e}/voters/${a!.id}/weight`, { weight: '3' }));
      await expectNoTrace(() => client.post(`${e}/voters/${b!.id}/remove`, {}));
    });

    it('trustees: a threshold group with its role grants, a Single trustee; external credentials', async () => {
      const row = await newDraft();
      await server.elections.setQuestions(row.id, admin, QUESTIONS);
      await server.elections.importVoters(row.id, admin, 'a@example.org,a,1,A\nb@example.org,b,1,B', 'en');
      const [t1, t2] = [await addAccount(helper(), 't1'), await addAccount(helper(), 't2')];
      const { threshold } = server.services;
      await expectNoTrace(() =>
        threshold.declare(row.id, admin, {
          threshold: 2,
          trustees: [
            { displayName: 'T1', accountId: t1.id },
            { displayName: 'T2', accountId: t2.id },
          ],
        }),
      );
      const group = requireGroup(row.groupName);
      const key = serializeTrusteePublicKey(generateTrusteeKey(group).publicKey);
      await expectNoTrace(() =>
        server.elections.addSingleTrustee(row.id, admin, {
          displayName: 'S',
          accountId: null,
          publicKey: key,
        }),
      );
      const voters = await store.voters.list(row.id);
      const generated = generateCredentials(
        row.id,
        group,
        voters.map((v) => ({ id: v.id, login: v.login, weight: 1n })),
      );
      await expectNoTrace(() =>
        server.elections.setExternalPublicCredentials(row.id, admin, generated.publicWithLogins),
      );
    });

    it('open, close, annul', async () => {
      const ready = await draftElection(helper(), organisationId, admin, { voters: 3 });
      await expectNoTrace(() => server.elections.open(ready.id, admin));
      await server.elections.open(ready.id, admin);
      await expectNoTrace(() => server.elections.close(ready.id, admin));
      await expectNoTrace(() => server.elections.annul(ready.id, admin, 'a mistake in the roll'));
      expect((await store.elections.get(ready.id))?.state).toBe('open');
    });

    it('tally, a partial decryption (board events included); a publication resumes from its Result event', async () => {
      const ready = await draftElection(helper(), organisationId, admin, { voters: 2, singles: 1 });
      await server.elections.open(ready.id, admin);
      await server.elections.close(ready.id, admin);
      await expectNoTrace(() => server.elections.tally(ready.id, admin));
      await server.elections.tally(ready.id, admin);
      const single = ready.singles[0]!;
      const partial = await partialDecryptionOf(helper(), ready.id, single);
      await expectNoTrace(() =>
        server.elections.submitPartialDecryption(ready.id, admin, single.owner, partial),
      );
      await server.elections.submitPartialDecryption(ready.id, admin, single.owner, partial);
      // The Result event goes on the (public, append-only) board and is re-verified from the store
      // before the state changes; the state and its entry then commit together, or neither does.
      const before = await store.elections.get(ready.id);
      const entries = await store.audit.list({ organisationId });
      switches.failing = true;
      await expect(server.elections.publish(ready.id, admin)).rejects.toThrow(/audit write failed/);
      switches.failing = false;
      expect(await store.elections.get(ready.id)).toEqual(before);
      expect(await store.audit.list({ organisationId })).toEqual(entries);
      expect((await server.elections.publish(ready.id, admin)).state).toBe('published');
      expect((await store.audit.list({ organisationId, electionId: ready.id })).at(-1)?.action).toBe(
        'election.publish',
      );
    });

    it('a board event whose height another process took meanwhile: the action runs again on the new head', async () => {
      const ready = await draftElection(helper(), organisationId, admin, { voters: 2, singles: 2 });
      await server.elections.open(ready.id, admin);
      await server.elections.close(ready.id, admin);
      await server.elections.tally(ready.id, admin);
      const [first, second] = ready.singles as [SingleTrustee, SingleTrustee];
      const partials = await Promise.all(
        [first, second].map((t) => partialDecryptionOf(helper(), ready.id, t)),
      );
      // A second server process: its own connection and board. Just before its first transaction,
      // this process appends another trustee's share, so the height it computed is taken.
      const other = await openStore(url);
      let raced = false;
      const racing = new Proxy(other, {
        get(target, property) {
          if (property === 'transaction')
            return async <T>(fn: (tx: Store) => Promise<T>) => {
              if (!raced) {
                raced = true;
                await server.elections.submitPartialDecryption(ready.id, admin, first.owner, partials[0]!);
              }
              return target.transaction(fn);
            };
          const value = Reflect.get(target, property, target);
          return typeof value === 'function' ? value.bind(target) : value;
        },
      });
      try {
        const elsewhere = new ElectionService(
          racing,
          new BoardService(racing, inProcessChecker),
          systemClock,
          inProcessChecker,
        );
        await elsewhere.submitPartialDecryption(ready.id, admin, second.owner, partials[1]!);
      } finally {
        await other.close();
      }
      expect(raced).toBe(true);
      const events = (await store.board.read(ready.id))
        .filter((r) => r.kind === 'event')
        .map((r) => JSON.parse(r.raw) as { type: string; height: number });
      expect(events.filter((e) => e.type === 'PartialDecryption')).toHaveLength(2);
      expect(events.map((e) => e.height)).toEqual(events.map((_, i) => i));
      const entries = await store.audit.list({ organisationId, electionId: ready.id });
      expect(entries.filter((e) => e.action === 'trustee.partial-decryption')).toHaveLength(2);
      expect(verifyAuditChain(await store.audit.list({ organisationId })).ok).toBe(true);
      expect((await server.elections.publish(ready.id, admin)).state).toBe('published');
    });

    it('recovery: the choice, a credential replacement with its message', async () => {
      const { recovery } = server.services;
      const undecided = await newDraft();
      await expectNoTrace(() => recovery.chooseNoRecovery(undecided.id, admin));
      const ready = await draftElection(helper(), organisationId, admin, { voters: 2 });
      await expectNoTrace(() => recovery.replaceCredential(ready.id, admin, ready.voters[0]!.id));
    });

    it("the organisation's people: adding a person, granting an election role", async () => {
      const row = await newDraft();
      await expectNoTrace(() =>
        client.post(`/api/v1/organisations/${organisationId}/members`, {
          email: 'new.person@example.org',
          displayName: 'New Person',
          orgAdmin: true,
        }),
      );
      const person = await addAccount(helper(), 'scrutineer');
      await store.accounts.addMembership({ organisationId, accountId: person.id, role: 'member' });
      await expectNoTrace(() =>
        client.post(`/api/v1/elections/${row.id}/roles`, { accountId: person.id, role: 'scrutineer' }),
      );
    });

    it('delivery: the settings (password and resend messages need a mail server, refused before any change here)', async () => {
      const row = await newDraft();
      await expectNoTrace(() =>
        client.put(`/api/v1/elections/${row.id}/delivery/settings`, {
          loginMode: 'one-time-code',
          passwordDelaySeconds: 0,
          helpContact: 'help@example.org',
          defaultLanguage: 'en',
        }),
      );
    });

    it('consultation: creation, a paper box, a box annulment', async () => {
      const { consultations } = server.services;
      const input = {
        name: 'Congress',
        description: '',
        timeZone: 'UTC',
        questions: CONGRESS_QUESTIONS,
        boxes: [{ label: 'North' }, { label: 'South' }],
      };
      await expectNoTrace(() => consultations.create(organisationId, admin, input));
      const row = await consultations.create(organisationId, admin, input);
      await expectNoTrace(() =>
        consultations.addPaperBox(row.id, admin, {
          label: 'Overseas',
          enteredBy: 'Jeanne Officer',
          figures: { registeredVoters: 9, ballotsCounted: 6, counts: [[1, 3, 1, 1]] },
          report: { fileName: 'pv.pdf', contentBase64: Buffer.from('report').toString('base64') },
        }),
      );
      const [north] = await consultations.boxes(row.id);
      await expectNoTrace(() => consultations.annulBox(row.id, north!.id, admin, 'held on paper instead'));
    });
  });
}

suite('SQLite', async () => undefined);

const schemas: TestSchema[] = [];
if ((await pgProblem()) === undefined) {
  suite('PostgreSQL', async () => {
    const schema = await freshSchema('atomicity');
    schemas.push(schema);
    return schema.url;
  });
  afterAll(async () => {
    for (const schema of schemas) await schema.drop();
  });
}
