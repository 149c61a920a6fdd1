/**
 * The composition root (src/app/services.ts) on its own, with no server and no route registered:
 * the election service gets its listeners from the root's constructor calls, so recovery refuses
 * and escrows, and congress follows its boxes' annulments, whatever registers (or not) later. A
 * box re-run is one transaction: a store failing part-way through it leaves nothing behind.
 */

import { randomBytes } from 'node:crypto';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildServices, type Services } from '../../src/app/services.js';
import { systemClock } from '../../src/core/clock.js';
import { requireGroup } from '../../src/core/group.js';
import {
  accountId,
  consultationId as markConsultation,
  organisationId as markOrganisation,
} from '../../src/core/ids.js';
import { installNodePlatform } from '../../src/node/platform.js';
import { generateOfficerKey, serializeOfficerPublicKey } from '../../src/protocol/credential-escrow.js';
import { inProcessChecker } from '../../src/protocol/verifier.js';
import { openStore } from '../../src/store/open-store.js';
import type { Store } from '../../src/store/store.js';
import { tempDir } from '../support/tools.js';
import { CONGRESS_QUESTIONS } from '../world/consultation.js';
import { QUESTIONS } from '../world/scenario.js';

/** Where the store fails, when armed: a repository's method, and for `audit.append` the action it writes. */
interface Failure {
  armed: boolean;
  method: 'elections.listRoles' | 'audit.append' | 'trustees.save';
  action?: string;
  failures: number;
}

/**
 * The store, failing on `failure.method` inside transactions when armed (every view a transaction
 * hands out, nested ones included, is wrapped the same way).
 */
function failingStore(store: Store, failure: Failure): Store {
  const wrap = (target: Store, inTransaction: boolean): Store => {
    const proxy: Store = new Proxy(target, {
      get(object, property) {
        if (property === 'transaction')
          return <T>(fn: (tx: Store) => Promise<T>) =>
            inTransaction ? fn(proxy) : object.transaction((tx) => fn(wrap(tx, true)));
        const value = Reflect.get(object, property, object);
        if (typeof value !== 'function') {
          const [repository, method] = failure.method.split('.');
          if (!inTransaction || property !== repository) return value;
          return new Proxy(value as object, {
            get(inner, name) {
              const found = Reflect.get(inner, name, inner);
              if (typeof found !== 'function') return found;
              if (name !== method) return found.bind(inner);
              return (...args: unknown[]) => {
                const action = (args[0] as { action?: string } | undefined)?.action;
                if (failure.armed && (failure.action === undefined || failure.action === action)) {
                  failure.failures += 1;
                  return Promise.reject(new Error(`injected failure of ${failure.method}`));
                }
                return found.apply(inner, args);
              };
            },
          });
        }
        return value.bind(object);
      },
    });
    return proxy;
  };
  return wrap(store, false);
}

describe('the composition root', () => {
  let store: Store;
  let services: Services;
  const failure: Failure = { armed: false, method: 'audit.append', failures: 0 };
  const organisationId = markOrganisation(randomBytes(9).toString('base64url'));
  const admin = { id: accountId(randomBytes(9).toString('base64url')) };
  const officer = { id: accountId(randomBytes(9).toString('base64url')) };

  beforeAll(async () => {
    installNodePlatform();
    const real = await openStore(`sqlite:${join(tempDir('root'), 'scrutin.db')}`);
    store = failingStore(real, failure);
    const now = new Date().toISOString();
    for (const account of [admin, officer])
      await real.accounts.createAccount({
        id: account.id,
        email: `${account.id}@example.org`,
        displayName: account.id,
        passwordHash: 'scrypt$unused',
        isOperator: false,
        createdAt: now,
      });
    await real.accounts.createOrganisation({ id: organisationId, name: 'Federation', createdAt: now });
    await real.accounts.addMembership({ organisationId, accountId: admin.id, role: 'org-admin' });
    services = buildServices({
      store,
      clock: systemClock,
      checker: inProcessChecker,
      config: { baseUrl: 'http://127.0.0.1:8080' },
    });
  });
  afterAll(async () => store?.close());

  it('builds the election service with fixed listeners: there is no hook left to assign', () => {
    const elections: object = services.elections;
    for (const hook of ['escrowFreshCredentials', 'beforeIssuingCredentials', 'afterAnnul', 'afterPublish'])
      expect(hook in elections).toBe(false);
    const assign = () => {
      // @ts-expect-error the listeners are the constructor's, read-only
      services.elections.listeners = {};
    };
    expect(assign).toBeTypeOf('function');
  });

  it('recovery, as the credential listener: refuses to issue before the officer decides, then escrows', async () => {
    const row = await services.elections.create(organisationId, admin, {
      name: 'E',
      description: '',
      timeZone: 'UTC',
    });
    await services.elections.setQuestions(row.id, admin, QUESTIONS);
    await services.elections.importVoters(row.id, admin, 'a@example.org,a,1,A\nb@example.org,b,1,B', 'en');
    await services.elections.useServerTrustee(row.id, admin);
    await store.elections.addRole({
      electionId: row.id,
      accountId: officer.id,
      role: 'credential-authority',
    });
    await expect(
      services.elections.issueServerCredentials(row.id, admin, services.delivery),
    ).rejects.toMatchObject({ code: 'SCR_RECOVERY_CHOICE_NEEDED' });
    const key = generateOfficerKey(requireGroup('BELENIOS-2048'));
    await services.recovery.setOfficerKey(row.id, officer, serializeOfficerPublicKey(key.publicKey));
    const issued = await services.elections.issueServerCredentials(row.id, admin, services.delivery);
    expect(issued.count).toBe(2);
    expect((await services.recovery.status(row.id)).escrowed).toBe(2);
  });

  async function consultation() {
    const row = await services.consultations.create(organisationId, admin, {
      name: `Congress ${randomBytes(3).toString('hex')}`,
      description: '',
      timeZone: 'UTC',
      questions: CONGRESS_QUESTIONS,
      boxes: [{ label: 'North' }, { label: 'South' }],
      serverTrustee: true,
    });
    await services.consultations.importVoters(
      row.id,
      admin,
      [
        'federation,email,login,weight,name',
        'North,n1@example.org,n1,1,N1',
        'North,n2@example.org,n2,2,N2',
        'South,s1@example.org,s1,1,S1',
      ].join('\n'),
    );
    const boxes = await services.consultations.boxes(row.id);
    return {
      row,
      north: boxes.find((b) => b.label === 'North')!,
      south: boxes.find((b) => b.label === 'South')!,
    };
  }

  const actionsOf = async () => (await store.audit.list({ organisationId })).map((e) => e.action);

  it('congress, as the outcome listener: an election annulled on its own annuls its box in the same transaction', async () => {
    const { row, north } = await consultation();
    const annulled = await services.elections.annul(north.electionId!, admin, 'irregular count');
    const box = (await store.consultations.boxes(row.id)).find((b) => b.id === north.id)!;
    expect(box).toMatchObject({
      annulReason: 'irregular count',
      annulledBy: admin.id,
      annulledAt: annulled.updatedAt,
    });
    const actions = await actionsOf();
    expect(actions.slice(-2)).toEqual(['election.annul', 'consultation.box-annul']);
  });

  it('annulBox records the box once, with its election, and answers it without reading it back', async () => {
    const { row, south } = await consultation();
    const answer = await services.consultations.annulBox(row.id, south.id, admin, 'held on paper instead');
    const election = await services.elections.get(south.electionId!);
    expect(election).toMatchObject({ state: 'annulled', annulReason: 'held on paper instead' });
    expect(answer).toEqual((await store.consultations.boxes(row.id)).find((b) => b.id === south.id));
    expect(answer.annulledAt).toBe(election.updatedAt);
    const actions = await actionsOf();
    expect(actions.slice(-2)).toEqual(['election.annul', 'consultation.box-annul']);
    await expect(services.consultations.annulBox(row.id, south.id, admin, 'again')).rejects.toMatchObject({
      code: 'SCR_WRONG_STATE',
    });
  });

  /** Everything a re-run could leave: the organisation's elections, voters, trustees, roles, boxes, audit. */
  async function snapshot(consultationId: string) {
    const elections = await store.elections.list(organisationId);
    const perElection = await Promise.all(
      elections.map(async (e) => ({
        id: e.id,
        version: e.version,
        voters: (await store.voters.list(e.id)).length,
        trustees: (await store.trustees.list(e.id)).length,
        roles: (await store.elections.listRoles(e.id)).length,
        settings: (await store.delivery.getSettings(e.id)) !== undefined,
      })),
    );
    return {
      elections: perElection,
      boxes: await store.consultations.boxes(markConsultation(consultationId)),
      audit: (await store.audit.list({ organisationId })).length,
    };
  }

  for (const where of [
    { method: 'trustees.save', action: undefined, when: 'while copying the trustees' },
    { method: 'elections.listRoles', action: undefined, when: 'while copying the roles, after the roll' },
    { method: 'audit.append', action: 'consultation.box-rerun', when: 'at its very last write' },
  ] as const) {
    it(`a box re-run failing ${where.when} leaves nothing half-done, and succeeds whole once the store recovers`, async () => {
      const { row, north } = await consultation();
      await services.consultations.annulBox(row.id, north.id, admin, 'ballot papers lost');
      const before = await snapshot(row.id);
      Object.assign(failure, { armed: true, method: where.method, action: where.action, failures: 0 });
      try {
        await expect(services.consultations.rerunBox(row.id, north.id, admin)).rejects.toThrow(
          /injected failure/,
        );
      } finally {
        failure.armed = false;
      }
      expect(failure.failures).toBe(1);
      expect(await snapshot(row.id)).toEqual(before);

      const rerun = await services.consultations.rerunBox(row.id, north.id, admin);
      expect(rerun).toMatchObject({ label: 'North', replacesId: north.id, channel: 'online' });
      const voters = await store.voters.list(rerun.electionId!);
      expect(voters.map((v) => [v.login, v.weight, v.publicCredential]).sort()).toEqual([
        ['n1', '1', null],
        ['n2', '2', null],
      ]);
      expect((await store.trustees.list(rerun.electionId!)).map((t) => t.kind)).toEqual(['server']);
      const entries = (await store.audit.list({ organisationId })).slice(before.audit);
      // One import of the copied roll, by the domain's own entry, and the re-run's entry last.
      expect(entries.filter((e) => e.electionId === rerun.electionId).map((e) => e.action)).toEqual([
        'election.create',
        'election.questions',
        'voters.import',
        'trustee.server-key',
      ]);
      expect(entries.at(-1)?.action).toBe('consultation.box-rerun');
    });
  }
});
