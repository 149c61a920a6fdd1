/**
 * Group commit of ballots: casts arriving together are stored in few transactions, yet each is
 * answered on its own — accepted with its own height, or refused (a replay within the batch) without
 * harming the others — and the stored board re-verifies from scratch.
 */

import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { overrideRepository } from '../../test/support/store-overrides.js';
import { systemClock } from '../core/clock.js';
import { parsePrivateCredential } from '../core/credential.js';
import { accountId, organisationId } from '../core/ids.js';
import { DomainError } from '../errors/catalogue.js';
import { installNodePlatform } from '../node/platform.js';
import { createBallot, serializeBallot } from '../protocol/ballot.js';
import { inProcessChecker } from '../protocol/verifier.js';
import { openStore } from '../store/open-store.js';
import type { Store } from '../store/store.js';
import { BoardService } from './board.js';
import { ElectionService } from './service.js';

describe('BoardService group commit', () => {
  let store: Store;
  const batches: number[] = [];
  const admin = { id: accountId('admin') };

  beforeAll(async () => {
    installNodePlatform();
    const real = await openStore(
      `sqlite:${join(mkdtempSync(join(tmpdir(), 'scrutin-board-')), 'db.sqlite')}`,
    );
    // Records the size of every batch the board stores.
    store = overrideRepository(real, 'board', (board) => ({
      appendBatch(electionId, entries) {
        batches.push(entries.length);
        return board.appendBatch(electionId, entries);
      },
    }));
    const now = new Date().toISOString();
    await store.accounts.createOrganisation({ id: organisationId('org'), name: 'Org', createdAt: now });
    await store.accounts.createAccount({
      id: admin.id,
      email: 'admin@test.invalid',
      displayName: 'Admin',
      passwordHash: 'unused',
      isOperator: false,
      createdAt: now,
    });
  });
  afterAll(async () => store?.close());

  it('stores simultaneous casts in fewer transactions, answers each, and the board re-verifies', async () => {
    const elections = new ElectionService(store, new BoardService(store), systemClock, inProcessChecker);
    const { id } = await elections.create(organisationId('org'), admin, {
      name: 'G',
      description: 'G',
      timeZone: 'UTC',
    });
    await elections.setQuestions(id, admin, [{ answers: ['A', 'B'], min: 1, max: 1, question: 'Q?' }]);
    const voters = 10;
    const roll = Array.from({ length: voters }, (_, i) => `v${i}@test.invalid,v${i},1,V${i}`).join('\n');
    await elections.importVoters(id, admin, roll, 'en');
    await elections.useServerTrustee(id, admin);
    const issued = await elections.generateServerCredentials(id, admin);
    await elections.open(id, admin);
    const { state } = await elections.board.state(id);
    const ballot = (i: number, choice: number) => {
      const parsed = parsePrivateCredential(issued[i]!.credential);
      if (!parsed.ok) throw new Error('credential');
      return serializeBallot(createBallot(state!.ctx, parsed.credential, [choice === 0 ? [1, 0] : [0, 1]]));
    };
    // Everyone votes A; voter 0 then changes to B in the same burst; voter 1's ballot is sent twice.
    const casts = Array.from({ length: voters }, (_, i) => ({ voter: i, raw: ballot(i, 0) }));
    casts.push({ voter: 0, raw: ballot(0, 1) }, { voter: 1, raw: casts[1]!.raw });
    batches.length = 0;
    const outcomes = await Promise.all(
      casts.map(({ voter, raw }) =>
        elections.castBallot(id, issued[voter]!.voterId, raw).then(
          (answer) => answer.tracker,
          (error: unknown) => (error instanceof DomainError ? error.code : String(error)),
        ),
      ),
    );
    // One of the two identical ballots is refused as a replay; every other cast gets its tracker.
    const refused = outcomes.filter((o) => o === 'SCR_BALLOT_DUPLICATE');
    expect(refused).toHaveLength(1);
    expect(new Set(outcomes.filter((o) => o !== 'SCR_BALLOT_DUPLICATE')).size).toBe(casts.length - 1);
    // Fewer transactions than ballots, each ballot stored once.
    expect(batches.reduce((a, b) => a + b, 0)).toBe(casts.length - 1);
    expect(batches.length).toBeLessThan(casts.length - 1);
    expect((await store.board.listCasts(id)).map((c) => c.height)).toEqual(
      Array.from({ length: casts.length - 1 }, (_, i) => i + 1),
    );

    const report = await elections.board.reverify(id);
    expect(report.ok).toBe(true);
    await elections.close(id, admin);
    await elections.tally(id, admin);
    const published = await elections.publish(id, admin);
    // Voter 0's later ballot (B) replaced the earlier one only if it was stored after it; the
    // result must count exactly one ballot per voter either way.
    const result = (JSON.parse(published.resultJson!) as { result: number[][] }).result[0]!;
    expect(result[0]! + result[1]!).toBe(voters);
  });
});
