/**
 * An election's lifecycle after its set-up (issue #3): open → closed → tallied → published, or
 * annulled with a recorded reason at any stage before publication; the closing time may move later.
 * Each step writes the public board where the protocol says so and its audit entry in the same
 * transaction as the state. The outcome listener (congress) is told of annulments, in the
 * annulment's transaction, and of publications, once they have committed.
 */

import { DecodeError, decodeText, encode } from '../core/codec.js';
import { requireGroup } from '../core/group.js';
import { sha256B64, sha256Hex } from '../core/hash.js';
import { meaningfulReason } from '../core/reason.js';
import { rollHash } from '../core/roll-hash.js';
import { DomainError } from '../errors/catalogue.js';
import {
  encryptedTallyCodec,
  ownedCodec,
  partialDecryptionCodec,
  type Question,
  setupDataCodec,
  sizedEncryptedTallyCodec,
  trusteesCodec,
} from '../protocol/messages.js';
import { makeElection } from '../protocol/setup.js';
import {
  combineFactors,
  computeEncryptedTally,
  computePartialDecryption,
  computeResult,
  resultToJson,
} from '../protocol/tally.js';
import { storedQuestions } from '../store/decode.js';
import type { ElectionRow, Store } from '../store/store.js';
import { type Actor, auditElection } from './actor.js';
import { credentialsList, ownerOf, trusteeKinds } from './archive-lists.js';
import { BoardRefusal, type BoardService } from './board.js';
import type { ElectionOpeningListener, ElectionOutcomeListener } from './listeners.js';
import { refuseNonHomomorphic } from './questions.js';
import type { ElectionRecords } from './records.js';
import { missingDecryptions, wrongState } from './refusals.js';
import { instant } from './schedule.js';
import type { ElectionShuffles } from './shuffles.js';
import { thresholdSetupProblems } from './threshold.js';

export class ElectionLifecycle {
  constructor(
    private readonly records: ElectionRecords,
    readonly board: BoardService,
    private readonly outcomes: ElectionOutcomeListener | undefined,
    private readonly shuffles: ElectionShuffles,
    /** Ranked and graded questions accepted (issue 18; refused until the booth takes them). */
    private readonly nonHomomorphic = false,
    private readonly opening?: ElectionOpeningListener,
  ) {}

  private get store(): Store {
    return this.records.store;
  }

  /** Moves the closing time later, before it has passed (an open election only). */
  async extendClosing(electionId: string, actor: Actor, closesAt: string): Promise<ElectionRow> {
    const row = await this.records.get(electionId);
    const next = instant(closesAt);
    const now = this.records.nowIso();
    if (row.closesAt && row.closesAt <= now)
      throw new DomainError('SCR_WRONG_STATE', { problem: 'the closing time has passed' });
    if (next <= now || (row.closesAt !== null && next <= row.closesAt)) {
      throw new DomainError('SCR_BAD_REQUEST', {
        problem: 'the new closing time must be later than the current one and in the future',
      });
    }
    return this.store.transaction(async (tx) => {
      const updated = await this.records.update(tx, row, ['open', 'draft'], { closesAt: next });
      await auditElection(tx, updated, actor, 'election.extend', { from: row.closesAt, to: next });
      return updated;
    });
  }
  /** Opens the election: freezes questions, voters and keys in the Setup event and seals their hashes. */
  async open(electionId: string, actor: Actor): Promise<ElectionRow> {
    const row = await this.records.get(electionId);
    if (row.state !== 'draft') throw wrongState(row, ['draft']);
    const group = requireGroup(row.groupName);
    const questions: Question[] = storedQuestions(row);
    // A draft saved before such questions were refused (issue 15) is not opened either.
    if (!this.nonHomomorphic) refuseNonHomomorphic(questions);
    const voters = await this.store.voters.list(electionId);
    const trustees = await this.store.trustees.list(electionId);
    const problems: string[] = [];
    if (questions.length === 0) problems.push('no questions');
    if (voters.length === 0) problems.push('no voters');
    if (voters.some((v) => v.publicCredential === null)) problems.push('some voters have no credential');
    if (trustees.length === 0) problems.push('no trustees');
    problems.push(...thresholdSetupProblems(trustees));
    if (problems.length > 0) throw new DomainError('SCR_INVALID_SETUP', { problems });
    await this.opening?.checkOpening(row);
    const kinds = trusteeKinds(trustees);
    const made = makeElection(
      { description: row.description, name: row.name, questions },
      row.id,
      group,
      kinds,
    );
    if (!made.ok) throw new DomainError('SCR_INVALID_SETUP', { problems: [made.problem] });
    const trusteesRaw = encode(trusteesCodec, kinds);
    const credentialsRaw = JSON.stringify(credentialsList(voters));
    const setupRaw = encode(setupDataCodec, {
      election: sha256Hex(made.raw),
      trustees: sha256Hex(trusteesRaw),
      credentials: sha256Hex(credentialsRaw),
    });
    const timestamp = Math.floor(this.records.clock.now().getTime() / 1000);
    // The state (checked against the version read, so no one edited the roll meanwhile), the Setup
    // event and the audit entry commit together.
    return this.board.appendInTransaction(
      electionId,
      'Setup',
      [made.raw, trusteesRaw, credentialsRaw, setupRaw],
      (append) =>
        this.store.transaction(async (tx) => {
          const opened = await this.records.update(tx, row, ['draft'], {
            state: 'open',
            electionJson: made.raw,
            fingerprint: sha256B64(made.raw),
            trusteesHash: sha256B64(trusteesRaw),
            credentialsHash: sha256B64(credentialsRaw),
            archiveTimestamp: timestamp,
          });
          await append(tx);
          await this.opening?.electionOpening(tx, opened, actor);
          await auditElection(tx, opened, actor, 'election.open', {
            fingerprint: opened.fingerprint,
            trusteesHash: opened.trusteesHash,
            credentialsHash: opened.credentialsHash,
            // The roll as scrutineers see it (no address), so any camp can check who was eligible.
            rollHash: rollHash(voters),
          });
          return opened;
        }),
    );
  }

  async close(electionId: string, actor: Actor): Promise<ElectionRow> {
    const row = await this.records.get(electionId);
    // The state, the EndBallots event and the audit entry commit together; the entry reports the
    // ballots the board's verifier accepted (it checks every event as it comes). The whole archive is
    // then re-verified from the store, and only a failure of that check adds an entry.
    const closed = await this.board.appendInTransaction(electionId, 'EndBallots', [], (append, counts) =>
      this.store.transaction(async (tx) => {
        const closed = await this.records.update(tx, row, ['open'], { state: 'closed' });
        await append(tx);
        await auditElection(tx, closed, actor, 'election.close', { ballots: counts.ballots, verified: true });
        return closed;
      }),
    );
    const check = await this.board.reverify(electionId);
    if (check.failure) {
      await this.store.transaction((tx) =>
        auditElection(tx, closed, actor, 'board.reverify', {
          ballots: check.counts.ballots,
          verified: false,
          problem: check.failure?.message,
        }),
      );
    }
    return closed;
  }

  /**
   * Computes the encrypted tally. A server-held key decrypts only at publication: published shares
   * of all trustees would let anyone compute the result of an election annulled after its tally.
   */
  async tally(electionId: string, actor: Actor): Promise<ElectionRow> {
    const row = await this.records.get(electionId);
    if (row.state !== 'closed') throw wrongState(row, ['closed']);
    const { state } = await this.board.state(electionId);
    if (!state) throw new Error('closed election without a board');
    const tallied = state.box.tallied();
    const tally = computeEncryptedTally(state.ctx, tallied);
    const tallyRaw = encode(encryptedTallyCodec, tally);
    const sized = encode(sizedEncryptedTallyCodec, {
      num_tallied: tallied.length,
      total_weight: tallied.reduce((sum, b) => sum + b.weight, 0n),
      encrypted_tally: sha256Hex(tallyRaw),
    });
    // The state, the EncryptedTally event and the audit entry commit together.
    const updated = await this.board.appendInTransaction(
      electionId,
      'EncryptedTally',
      [tallyRaw, sized],
      (append) =>
        this.store.transaction(async (tx) => {
          const updated = await this.records.update(tx, row, ['closed'], { state: 'tallied' });
          await append(tx);
          await auditElection(tx, updated, actor, 'election.tally', { tallied: tallied.length });
          return updated;
        }),
    );
    // Non-homomorphic questions: the shuffle phase starts (a server-held key shuffles at once).
    await this.shuffles.advance(electionId, actor);
    return this.records.get(updated.id);
  }

  /**
   * Refuses a decryption while shuffles are due: the non-homomorphic answers are decrypted one by
   * one, so only once shuffled (spec §3.4), and what is decrypted is the last shuffle's output.
   */
  private async refuseBeforeShuffles(electionId: string): Promise<void> {
    // Whatever the setting: a board holding such answers (however they got there) is never decrypted unshuffled.
    const phase = await this.shuffles.phase(electionId);
    if (phase.needed && !phase.ended)
      throw new DomainError('SCR_SHUFFLES_PENDING', {
        next: phase.next,
        problem:
          phase.next === null
            ? 'the shuffles are not over'
            : `the trustees are shuffling the ballots (trustee ${phase.next}'s turn): decryption comes after`,
      });
  }

  /** A trustee's partial decryption (computed on the trustee's side), checked before it is stored. */
  async submitPartialDecryption(
    electionId: string,
    actor: Actor,
    owner: number,
    partialRaw: string,
  ): Promise<void> {
    const row = await this.records.get(electionId);
    if (row.state !== 'tallied') throw wrongState(row, ['tallied']);
    await this.refuseBeforeShuffles(electionId);
    let partial: ReturnType<typeof partialDecryptionCodec.decode>;
    try {
      partial = decodeText(partialDecryptionCodec, partialRaw.trim(), 'partial decryption');
    } catch (error) {
      if (error instanceof DecodeError)
        throw new DomainError('SCR_INVALID_PARTIAL_DECRYPTION', { problem: error.message });
      throw error;
    }
    const raw = encode(partialDecryptionCodec, partial);
    const owned = encode(ownedCodec, { owner, payload: sha256Hex(raw) });
    // The board's event and the audit entry commit together.
    try {
      await this.board.appendInTransaction(electionId, 'PartialDecryption', [raw, owned], (append) =>
        this.store.transaction(async (tx) => {
          await append(tx);
          await auditElection(tx, row, actor, 'trustee.partial-decryption', { owner });
        }),
      );
    } catch (error) {
      // An election opened before non-homomorphic questions were refused: its board's verifier will
      // not take a decryption of unshuffled answers (issue 15), so it stays tallied, undecrypted.
      if (error instanceof BoardRefusal && error.failure.check === 'shuffles')
        throw new DomainError('SCR_NON_HOMOMORPHIC_UNAVAILABLE', { problem: error.failure.message });
      if (error instanceof BoardRefusal)
        throw new DomainError('SCR_INVALID_PARTIAL_DECRYPTION', { problem: error.failure.message });
      throw error;
    }
  }

  /** The server-held key's share, last, then combine, write the Result event, re-verify, publish. */
  async publish(electionId: string, actor: Actor): Promise<ElectionRow> {
    const row = await this.records.get(electionId);
    if (row.state !== 'tallied') throw wrongState(row, ['tallied']);
    await this.refuseBeforeShuffles(electionId);
    await this.decryptWithServerKeys(electionId);
    const { state, phase } = await this.board.state(electionId);
    if (!state?.tally) throw new Error('tallied election without an encrypted tally');
    const missing = missingDecryptions(
      state.trustees,
      state.shares,
      await this.store.trustees.list(electionId),
    );
    if (missing) throw new DomainError('SCR_NOT_DECRYPTED', missing);
    const combined = combineFactors(state.ctx.group, state.trustees, state.shares, state.tally);
    if (!combined.ok) throw new DomainError('SCR_NOT_DECRYPTED', { problem: combined.problem });
    const computed = computeResult(state.ctx, state.tally, combined.factors, state.totalWeight);
    if (!computed.ok) throw new Error(computed.problem);
    const resultRaw = JSON.stringify({ result: resultToJson(computed.result) });
    // A publication stopped after its Result event (a crash, a failed audit write rolling the state
    // back) resumes here: the verified Result stays on the board, and the same one is recorded.
    if (phase !== 'result') {
      const appended = await this.board.append(electionId, 'Result', [resultRaw]);
      if (!appended.ok) throw new Error(`Result refused: ${appended.failure?.message ?? appended.reason}`);
    }
    const check = await this.board.reverify(electionId);
    if (check.failure) throw new Error(`the board does not verify: ${check.failure.message}`);
    const published = await this.store.transaction(async (tx) => {
      const published = await this.records.update(tx, row, ['tallied'], {
        state: 'published',
        resultJson: resultRaw,
      });
      await auditElection(tx, published, actor, 'election.publish', { verified: true });
      return published;
    });
    await this.outcomes?.electionPublished(published, actor); // congress (its own transactions)
    return published;
  }

  private async decryptWithServerKeys(electionId: string): Promise<void> {
    const { state } = await this.board.state(electionId);
    if (!state?.tally) return;
    const rows = await this.store.trustees.list(electionId);
    const kinds = trusteeKinds(rows);
    for (const trustee of rows) {
      if (trustee.kind !== 'server' || trustee.serverPrivateKey === null) continue;
      const owner = ownerOf(kinds, trustee.position);
      if (state.shares.has(owner)) continue;
      const partial = computePartialDecryption(state.ctx, state.tally, BigInt(trustee.serverPrivateKey));
      await this.submitPartialDecryption(
        electionId,
        { id: 'server' },
        owner,
        encode(partialDecryptionCodec, partial),
      );
    }
  }

  /**
   * Annuls the election with its reason. In the same transaction, after the audit entry: `also` (a
   * caller's own record of it, e.g. the box it annuls), then the outcome listener.
   */
  async annul(
    electionId: string,
    actor: Actor,
    reason: string,
    also?: (tx: Store, annulled: ElectionRow) => Promise<void>,
  ): Promise<ElectionRow> {
    const row = await this.records.get(electionId);
    const trimmed = meaningfulReason(reason);
    if (trimmed === undefined)
      throw new DomainError('SCR_BAD_REQUEST', { problem: 'give the reason for the annulment' });
    return this.store.transaction(async (tx) => {
      const annulled = await this.records.update(tx, row, ['draft', 'open', 'closed', 'tallied'], {
        state: 'annulled',
        annulReason: trimmed,
        resultJson: null,
      });
      await auditElection(tx, annulled, actor, 'election.annul', { reason: trimmed, from: row.state });
      await also?.(tx, annulled);
      await this.outcomes?.electionAnnulled(tx, annulled, actor);
      return annulled;
    });
  }

  /** Opens and closes elections whose scheduled time has come (called periodically by the server). */
  async tick(): Promise<void> {
    const now = this.records.nowIso();
    for (const organisation of await this.store.accounts.listOrganisations()) {
      for (const row of await this.store.elections.list(organisation.id)) {
        try {
          if (row.state === 'draft' && row.opensAt !== null && row.opensAt <= now)
            await this.open(row.id, { id: 'system' });
          else if (row.state === 'open' && row.closesAt !== null && row.closesAt <= now)
            await this.close(row.id, { id: 'system' });
        } catch (error) {
          if (!(error instanceof DomainError)) throw error;
          // Not ready (e.g. no voters yet) or changed meanwhile: the audit log shows nothing happened.
        }
      }
    }
  }
}
