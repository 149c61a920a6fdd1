/**
 * The board's incremental verifier and non-homomorphic questions (issue 15): a partial decryption of
 * non-homomorphic ciphertexts with no shuffle before it is refused before it is stored, and a board
 * that already holds one (an older version wrote it) reports the `shuffles` check as failed; a board
 * with valid shuffles (issue 18) verifies.
 */

import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { payloadsOf, writeStraightToStore } from '../../test/support/board-records.js';
import { nhNoShufflePath } from '../../test/support/nh-no-shuffle.js';
import { archivePath } from '../../test/support/vectors.js';
import { systemClock } from '../core/clock.js';
import { accountId, organisationId } from '../core/ids.js';
import { DomainError } from '../errors/catalogue.js';
import { installNodePlatform } from '../node/platform.js';
import { parseArchive } from '../protocol/archive/archive.js';
import { BoardVerifier } from '../protocol/board-verifier.js';
import { inProcessChecker } from '../protocol/verifier.js';
import { openStore } from '../store/open-store.js';
import type { Store } from '../store/store.js';
import { BoardService } from './board.js';
import { ElectionService } from './service.js';

const noShuffleArchive = () => parseArchive(new Uint8Array(readFileSync(nhNoShufflePath())));

describe('BoardVerifier, event by event, on non-homomorphic ciphertexts', () => {
  it('refuses the partial decryption that comes with no shuffle, naming the shuffles check', () => {
    installNodePlatform();
    const archive = noShuffleArchive();
    const verifier = new BoardVerifier();
    const data = (hash: string) => archive.data.get(hash);
    const decryption = archive.events.findIndex((r) => r.event.type === 'PartialDecryption');
    for (const record of archive.events.slice(0, decryption))
      expect(verifier.apply(record, data)).toBeUndefined();
    const refused = verifier.probe(archive.events[decryption]!, data);
    expect(refused).toMatchObject({ check: 'shuffles', height: decryption });
    expect(refused?.message).toMatch(/decrypted without a shuffle/);
    expect(refused?.unsupported).toBeUndefined();
    expect(verifier.failure).toBeUndefined(); // a probe leaves the board as it was
  });
});

describe('BoardService on non-homomorphic boards', () => {
  let store: Store;
  let elections: ElectionService;
  const admin = { id: accountId('admin') };

  beforeAll(async () => {
    installNodePlatform();
    store = await openStore(`sqlite:${join(mkdtempSync(join(tmpdir(), 'scrutin-board-nh-')), 'db.sqlite')}`);
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
    elections = new ElectionService(store, new BoardService(store), systemClock, inProcessChecker);
  });
  afterAll(async () => store?.close());

  const newElection = async () =>
    (await elections.create(organisationId('org'), admin, { name: 'NH', description: 'NH', timeZone: 'UTC' }))
      .id;

  it('does not store a partial decryption of unshuffled non-homomorphic ciphertexts', async () => {
    const archive = noShuffleArchive();
    const id = await newElection();
    const board = new BoardService(store);
    for (const record of archive.events) {
      const appended = await board.append(id, record.event.type, payloadsOf(record, archive.data));
      if (record.event.type !== 'PartialDecryption') {
        expect(appended).toMatchObject({ ok: true, hash: record.hash });
        continue;
      }
      expect(appended).toMatchObject({ ok: false, reason: 'rejected', failure: { check: 'shuffles' } });
      break;
    }
    const status = await board.status(id);
    expect(status).toMatchObject({ ok: true, outcome: 'verified', phase: 'tallied' });
    const stored = (await store.board.read(id)).filter((r) => r.kind === 'event');
    expect(stored.some((r) => r.raw.includes('"PartialDecryption"'))).toBe(false);
  });

  it('refuses a trustee’s decryption of unshuffled ciphertexts before the shuffles (coded error, nothing stored)', async () => {
    const archive = noShuffleArchive();
    const id = await newElection();
    const decryption = archive.events.findIndex((r) => r.event.type === 'PartialDecryption');
    await writeStraightToStore(store, id, archive.events.slice(0, decryption), archive.data);
    const row = (await store.elections.get(id))!;
    await store.elections.update(id, row.version, { state: 'tallied' });
    const [partial] = payloadsOf(archive.events[decryption]!, archive.data);
    const refused = await elections.submitPartialDecryption(id, admin, 1, partial!).catch((e: unknown) => e);
    expect(refused).toBeInstanceOf(DomainError);
    // Ranked questions are on: the decryption waits for the shuffles the board has not had.
    expect((refused as DomainError).code).toBe('SCR_SHUFFLES_PENDING');
    expect((await store.board.read(id)).filter((r) => r.kind === 'event')).toHaveLength(decryption);
    expect((await store.elections.get(id))!.state).toBe('tallied');
  });

  it('reports a stored board that decrypted them without a shuffle as failing the shuffles check', async () => {
    const archive = noShuffleArchive();
    const id = await newElection();
    await writeStraightToStore(store, id, archive.events, archive.data);
    const status = await new BoardService(store).status(id);
    expect(status.ok).toBe(false);
    expect(status.outcome).toBe('invalid');
    expect(status.failure).toMatchObject({ check: 'shuffles' });
    const report = await new BoardService(store).reverify(id);
    expect(report).toMatchObject({ ok: false, outcome: 'invalid', failure: { check: 'shuffles' } });
  });

  it('verifies a board with shuffles (the belenios-tool mixnet vector): the shuffles check passes', async () => {
    const archive = parseArchive(new Uint8Array(readFileSync(archivePath('RFC-3526-2048-nh-mixnet'))));
    const id = await newElection();
    await writeStraightToStore(store, id, archive.events, archive.data);
    const status = await new BoardService(store).status(id);
    expect(status.failure).toBeUndefined();
    expect(status).toMatchObject({ ok: true, outcome: 'verified' });
  });
});
