/**
 * The threshold-trustee service over a real store (SQLite in a temporary directory), with the
 * trustees' side played by the tool-step functions: steps follow one another as messages arrive,
 * submissions racing each other in one process are all kept, open() waits for step 6, and a group
 * declared before the server key gets owners 1..m (the server key m + 1), which tally() and the
 * board's verifier must agree on for the server's partial decryption to be accepted.
 */

import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { overrideRepository } from '../../test/support/store-overrides.js';
import { systemClock } from '../core/clock.js';
import { encode } from '../core/codec.js';
import { parsePrivateCredential } from '../core/credential.js';
import { requireGroup } from '../core/group.js';
import { accountId, organisationId } from '../core/ids.js';
import { DomainError } from '../errors/catalogue.js';
import { installNodePlatform } from '../node/platform.js';
import { createBallot, serializeBallot } from '../protocol/ballot.js';
import { partialDecryptionCodec, type SignedMsg } from '../protocol/messages.js';
import { computePartialDecryption } from '../protocol/tally.js';
import { decryptTrusteeShare } from '../protocol/threshold/share.js';
import {
  type ToolStepResult,
  thresholdKeyStep1,
  thresholdKeyStep3,
  thresholdKeyStep5,
} from '../protocol/threshold/tool-steps.js';
import { inProcessChecker } from '../protocol/verifier.js';
import { openStore } from '../store/open-store.js';
import type { Store } from '../store/store.js';
import { BoardService } from './board.js';
import { ElectionService } from './service.js';
import { ThresholdService, type ThresholdState, thresholdSetupProblems, thresholdStep } from './threshold.js';

const GROUP = 'BELENIOS-2048';
const group = requireGroup(GROUP);
const ok = (result: ToolStepResult) => {
  if (!result.ok) throw new Error(result.problem);
  return result.stdout;
};

describe('threshold steps (pure)', () => {
  const cert = { message: 'm', signature: { challenge: 1n, response: 1n } } as SignedMsg;
  const slot = (fields: object = {}) => ({ accountId: 'a', displayName: 'Ann', ...fields });

  it('moves from certificates to polynomials to voutputs to done, naming who is missing', () => {
    const state: ThresholdState = {
      threshold: 1,
      trustees: [slot({ cert }), { ...slot(), displayName: 'Bob' }],
    };
    expect(thresholdStep(state)).toBe('certificates');
    const row = {
      electionId: 'E',
      position: 0,
      kind: 'pedersen' as const,
      accountId: null,
      displayName: 'g',
      serverPrivateKey: null,
    };
    expect(
      thresholdSetupProblems([
        {
          ...row,
          publicJson: JSON.stringify({
            threshold: 1,
            trustees: [
              { accountId: 'a', displayName: 'Ann' },
              { accountId: 'b', displayName: 'Bob' },
            ],
          }),
        },
      ]),
    ).toEqual([
      'threshold trustees: key establishment not finished (waiting for certificates from Ann, Bob)',
    ]);
    expect(thresholdSetupProblems([{ ...row, kind: 'server', publicJson: '{}' }])).toEqual([]);
  });
});

describe('ThresholdService', () => {
  let store: Store;
  let elections: ElectionService;
  let threshold: ThresholdService;
  let storeUrl: string;
  const admin = { id: accountId('admin') };
  const accounts = [
    { id: accountId('trustee-1') },
    { id: accountId('trustee-2') },
    { id: accountId('trustee-3') },
  ];

  beforeAll(async () => {
    installNodePlatform();
    storeUrl = `sqlite:${join(mkdtempSync(join(tmpdir(), 'scrutin-threshold-')), 'db.sqlite')}`;
    store = await openStore(storeUrl);
    const now = new Date().toISOString();
    await store.accounts.createOrganisation({ id: organisationId('org'), name: 'Org', createdAt: now });
    for (const { id } of [admin, ...accounts]) {
      await store.accounts.createAccount({
        id,
        email: `${id}@test.invalid`,
        displayName: id,
        passwordHash: 'unused',
        isOperator: false,
        createdAt: now,
      });
    }
    elections = new ElectionService(store, new BoardService(store), systemClock, inProcessChecker);
    threshold = new ThresholdService(store, systemClock);
  });
  afterAll(async () => store?.close());

  const refusal = async (promise: Promise<unknown>) => {
    const error = await promise.then(
      () => undefined,
      (e: unknown) => e,
    );
    if (!(error instanceof DomainError)) throw new Error(`expected an DomainError, got ${String(error)}`);
    return error.code;
  };

  it('keeps every racing submission, opens after step 6, numbers owners group-first, decrypts with 2 of 3', async () => {
    const election = await elections.create(organisationId('org'), admin, {
      name: 'T',
      description: 'T',
      timeZone: 'UTC',
    });
    const id = election.id;
    await elections.setQuestions(id, admin, [{ answers: ['A', 'B'], min: 1, max: 1, question: 'Q?' }]);
    await elections.importVoters(id, admin, 'v1@test.invalid,v1,1,V1', 'en');

    // The group first (owners 1–3), then the server key (owner 4).
    const declared = await threshold.declare(id, admin, {
      threshold: 2,
      trustees: accounts.map((a, i) => ({ accountId: a.id, displayName: `T${i + 1}` })),
    });
    expect(declared.trustees.map((t) => t.owner)).toEqual([1, 2, 3]);
    await elections.useServerTrustee(id, admin);
    const issued = await elections.generateServerCredentials(id, admin);
    expect(await refusal(elections.open(id, admin))).toBe('SCR_INVALID_SETUP');
    expect(
      (await store.elections.listRoles(id))
        .filter((r) => r.role === 'trustee')
        .map((r) => r.accountId)
        .sort(),
    ).toEqual(accounts.map((a) => a.id));

    // Every trustee sends each step at the same time as the others.
    const steps1 = accounts.map(() => thresholdKeyStep1(group));
    const keys = steps1.map((s) => {
      const content = s.files[1]!.content;
      return typeof content === 'string' ? content : content.reveal();
    });
    await Promise.all(
      accounts.map((a, i) =>
        threshold.submitCertificate(id, a, i + 1, steps1[i]!.files[0]!.content as string),
      ),
    );
    expect((await threshold.status(id, admin)).step).toBe('polynomials');
    const certs = await threshold.certificates(id);
    await Promise.all(
      accounts.map((a, i) =>
        threshold.submitPolynomial(
          id,
          a,
          i + 1,
          ok(thresholdKeyStep3(group, { certs, key: keys[i]!, threshold: 2 })),
        ),
      ),
    );
    expect((await threshold.status(id, admin)).step).toBe('voutputs');
    const vinputs = await Promise.all(accounts.map((a, i) => threshold.vinput(id, a, i + 1)));
    await Promise.all(
      accounts.map((a, i) =>
        threshold.submitVoutput(
          id,
          a,
          i + 1,
          ok(thresholdKeyStep5(group, { certs, key: keys[i]!, vinput: vinputs[i]!.vinput })),
        ),
      ),
    );
    const done = await threshold.status(id, accounts[1]!);
    expect(done).toMatchObject({ step: 'done', missing: [], threshold: 2 });
    expect(done.trustees.map((t) => t.you)).toEqual([false, true, false]);

    await elections.open(id, admin);
    expect(
      await refusal(threshold.submitCertificate(id, accounts[0]!, 1, steps1[0]!.files[0]!.content as string)),
    ).toBe('SCR_WRONG_STATE');

    const { state } = await elections.board.state(id);
    const credential = parsePrivateCredential(issued[0]!.credential);
    if (!credential.ok) throw new Error('credential');
    await elections.castBallot(
      id,
      issued[0]!.voterId,
      serializeBallot(createBallot(state!.ctx, credential.credential, [[0, 1]])),
    );
    await elections.close(id, admin);
    // The server's own share waits for publication (an annulled election's result stays unknown).
    await elections.tally(id, admin);
    const tallied = (await elections.board.state(id)).state!;
    expect([...tallied.shares.keys()]).toEqual([]);

    for (const slot of [2, 3]) {
      const { decryptionKey } = await threshold.decryptionKey(id, accounts[slot - 1]!, slot);
      const share = decryptTrusteeShare(group, keys[slot - 1]!, decryptionKey);
      if (!share.ok) throw new Error(share.problem);
      const partial = computePartialDecryption(tallied.ctx, tallied.tally!, share.share.reveal());
      await elections.submitPartialDecryption(
        id,
        accounts[slot - 1]!,
        slot,
        encode(partialDecryptionCodec, partial),
      );
    }
    const published = await elections.publish(id, admin);
    expect(JSON.parse(published.resultJson!)).toEqual({ result: [[0, 1]] });
    // It was then sent as owner 4 (group members are 1–3): the board would refuse any other.
    expect([...(await elections.board.state(id)).state!.shares.keys()].sort()).toEqual([2, 3, 4]);
  });

  it('keeps every submission when two server processes (two store connections) update one group at once', async () => {
    const election = await elections.create(organisationId('org'), admin, {
      name: 'T2',
      description: 'T2',
      timeZone: 'UTC',
    });
    const id = election.id;
    // Process A writes its trustee row late: process B reads the election after A's version bump and
    // the row before A's write — the interleaving that a plain upsert would turn into a lost message.
    const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
    const lateWrites = overrideRepository(store, 'trustees', (trustees) => ({
      async swap(row, expectedPublicJson) {
        await sleep(150);
        return trustees.swap(row, expectedPublicJson);
      },
      async save(row) {
        await sleep(150);
        return trustees.save(row);
      },
    }));
    const processA = new ThresholdService(lateWrites, systemClock);
    const otherStore = await openStore(storeUrl);
    const processB = new ThresholdService(otherStore, systemClock);
    try {
      await threshold.declare(id, admin, {
        threshold: 2,
        trustees: accounts.map((a, i) => ({ accountId: a.id, displayName: `T${i + 1}` })),
      });
      const certificate = () => thresholdKeyStep1(group).files[0]!.content as string;
      await Promise.all([
        processA.submitCertificate(id, accounts[0]!, 1, certificate()),
        sleep(50).then(() => processB.submitCertificate(id, accounts[1]!, 2, certificate())),
      ]);
      await processB.submitCertificate(id, accounts[2]!, 3, certificate());
      // Every certificate kept: the group moved on, and the relayed list holds all three.
      expect((await processB.status(id, admin)).step).toBe('polynomials');
      expect((await threshold.certificates(id)).split('\n').filter((line) => line !== '')).toHaveLength(3);
    } finally {
      await otherStore.close();
    }
  });
});
