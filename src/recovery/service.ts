/**
 * Credential recovery without double voting (issue #4 item 5). Belenios 2.0 seals the list of public
 * credentials in the Setup event, so:
 *   - before opening, a lost or undelivered server-generated credential is *replaced* (a new private
 *     and public credential for that voter; the old one is never sealed);
 *   - after opening, the voter can only get the *same* credential back. In server-authority mode the
 *     server keeps each private credential sealed to the recovery officer's key only
 *     (protocol/credential-escrow.ts). A request (the voter, or the help desk) is approved by the
 *     officer, who downloads the escrows of approved requests, opens them offline
 *     (`scrutin-tool recovery decrypt`) and uploads the result; the server checks each credential
 *     derives to its voter's public credential, queues it to the voter's registered address only,
 *     and forgets it. The voter then votes or revotes: the last ballot of a credential counts, so
 *     nobody ever has two ballots counted.
 *   - with an external credential authority, the authority re-sends from its own file (spec §3.3).
 * Every step is in the audit log; no private credential is ever in an audit entry, an answer or a log.
 */

import type { Clock } from '../core/clock.js';
import { DecodeError, decodeText } from '../core/codec.js';
import {
  generatePrivateCredential,
  type PrivateCredential,
  parsePrivateCredential,
  publicCredential,
} from '../core/credential.js';
import { requireGroup } from '../core/group.js';
import { sha256Hex } from '../core/hash.js';
import { sameIdentity } from '../core/identity.js';
import { type Actor, auditElection, randomId } from '../election/actor.js';
import type { CredentialIssuingListener, FreshCredential } from '../election/listeners.js';
import { DomainError } from '../errors/catalogue.js';
import {
  credentialEscrowCodec,
  escrowCredential,
  officerKeyFingerprint,
  officerPublicKeyCodec,
  parseOfficerPublicKey,
  serializeEscrow,
  serializeOfficerPublicKey,
} from '../protocol/credential-escrow.js';
import type {
  CredentialEscrowRow,
  RecoveryRequestRow,
  RecoverySettingsRow,
} from '../store/recovery/schema.js';
import type { ElectionRow, Store, VoterRow } from '../store/store.js';
import { type EscrowBatch, type RecoveredCredentials, recoveredCredentialsCodec } from './batch-files.js';
import { replaceVoterCredential } from './credential-swap.js';
import type { CredentialModeId } from './modes.js';

/** What is handed to the mail outbox: the voter is named by id, the address is the registered one. */
export interface CredentialMessage {
  readonly electionId: string;
  readonly voterId: string;
  readonly credential: PrivateCredential;
  readonly purpose: 'credential-recovery' | 'credential-replacement';
  /** The same message is never queued twice for one key (a retried upload sends nothing new). */
  readonly idempotencyKey: string;
  /** Not before this instant: after a corrected address, the notice to the old one leaves first. */
  readonly notBefore?: Date;
  /** The message says it replaces the one sent earlier (after a corrected address). */
  readonly replacesEarlier?: boolean;
}

/**
 * The one call that sends: the delivery outbox in the server, a capture in tests. `tx` is the
 * transaction to queue in (the outbox is a table), so the message commits with the change it carries.
 */
export type QueueCredentialMessage = (message: CredentialMessage, tx: Store) => Promise<void>;

/**
 * Tells a voter that the officer refused their request (issue 16): a notice to the registered
 * address, queued in `tx` with the decision. No secret in it.
 */
export type QueueRefusalNotice = (
  electionId: string,
  voter: VoterRow,
  request: RecoveryRequestRow,
  tx: Store,
) => Promise<void>;

export interface RecoveryStatus {
  readonly credentialMode: 'server' | 'external';
  /** 'undecided' until the officer's key is set or "no recovery" is chosen. */
  readonly recovery: 'escrow' | 'none' | 'undecided';
  /** The catalogue entry describing this mode's protection and residual risk. */
  readonly modeId: CredentialModeId;
  readonly officer: { accountId: string | null; publicKey: string; fingerprint: string } | null;
  readonly decidedAt: string | null;
  readonly escrowed: number;
  readonly requests: Record<RecoveryRequestRow['state'], number>;
}

export interface RequestView {
  readonly id: string;
  readonly voterId: string;
  readonly login: string;
  readonly displayName: string;
  readonly origin: RecoveryRequestRow['origin'];
  readonly state: RecoveryRequestRow['state'];
  readonly createdAt: string;
  readonly decidedAt: string | null;
  readonly completedAt: string | null;
}

const OPEN_REQUEST_STATES = ['pending', 'approved'] as const;

/** The election's credential listener (src/election/listeners.ts), wired by src/app/services.ts. */
export class RecoveryService implements CredentialIssuingListener {
  constructor(
    private readonly store: Store,
    private readonly clock: Clock,
    private readonly queue: QueueCredentialMessage,
    private readonly refusalNotice?: QueueRefusalNotice,
  ) {}

  private nowIso(): string {
    return this.clock.now().toISOString();
  }

  private async election(electionId: string): Promise<ElectionRow> {
    const row = await this.store.elections.get(electionId);
    if (!row) throw new DomainError('SCR_NOT_FOUND');
    return row;
  }

  private async voterOf(row: ElectionRow, voterId: string): Promise<VoterRow> {
    const voter = await this.store.voters.get(voterId);
    if (!voter || voter.electionId !== row.id)
      throw new DomainError('SCR_NOT_FOUND', { problem: 'no such voter in this election' });
    return voter;
  }

  async status(electionId: string): Promise<RecoveryStatus> {
    const row = await this.election(electionId);
    const settings = await this.store.recovery.getSettings(electionId);
    const requests = { pending: 0, approved: 0, rejected: 0, completed: 0 };
    for (const request of await this.store.recovery.listRequests(electionId)) requests[request.state]++;
    const recovery = settings?.mode ?? 'undecided';
    const modeId: CredentialModeId =
      row.credentialMode === 'external'
        ? 'external'
        : recovery === 'escrow'
          ? 'server-escrow'
          : 'server-no-recovery';
    const key = settings?.officerKeyJson
      ? decodeText(officerPublicKeyCodec, settings.officerKeyJson, 'officer key')
      : undefined;
    return {
      credentialMode: row.credentialMode,
      recovery,
      modeId,
      officer: key
        ? {
            accountId: settings!.officerAccountId,
            publicKey: serializeOfficerPublicKey(key),
            fingerprint: officerKeyFingerprint(key),
          }
        : null,
      decidedAt: settings?.decidedAt ?? null,
      escrowed: (await this.store.recovery.listEscrows(electionId)).length,
      requests,
    };
  }

  /** The choice is made in draft, before any server credential exists (they could not be escrowed). */
  private async assertChoiceOpen(row: ElectionRow): Promise<void> {
    if (row.state !== 'draft')
      throw new DomainError('SCR_WRONG_STATE', { state: row.state, allowed: ['draft'] });
    if (row.credentialMode === 'external')
      throw new DomainError('SCR_RECOVERY_NOT_AVAILABLE', {
        problem: 'the external credential authority re-sends from its own file (spec §3.3)',
      });
    const voters = await this.store.voters.list(row.id);
    if (row.credentialMode === 'server' && voters.some((v) => v.publicCredential !== null))
      throw new DomainError('SCR_RECOVERY_TOO_LATE');
  }

  /** The officer's public key, made on their side (`scrutin-tool recovery generate-key`). */
  async setOfficerKey(electionId: string, officer: Actor, publicKeyText: string): Promise<RecoveryStatus> {
    await this.setOfficerKeyOn([electionId], officer, publicKeyText);
    return this.status(electionId);
  }

  /**
   * One key for several elections (every box of a consultation the officer serves), in one
   * transaction with each election's entry: every election is checked before any is written. The key
   * is bound to no election (credential-escrow.ts binds each escrow instead), so one suffices.
   */
  async setOfficerKeyOn(
    electionIds: readonly string[],
    officer: Actor,
    publicKeyText: string,
  ): Promise<void> {
    const prepared: { row: ElectionRow; key: string; fingerprint: string }[] = [];
    for (const electionId of electionIds) {
      const row = await this.election(electionId);
      await this.assertChoiceOpen(row);
      const parsed = parseOfficerPublicKey(requireGroup(row.groupName), publicKeyText);
      if (!parsed.ok) throw new DomainError('SCR_RECOVERY_INVALID_KEY', { problem: parsed.problem });
      prepared.push({
        row,
        key: serializeOfficerPublicKey(parsed.key),
        fingerprint: officerKeyFingerprint(parsed.key),
      });
    }
    await this.store.transaction(async (tx) => {
      for (const { row, key, fingerprint } of prepared) {
        await tx.recovery.saveSettings({
          electionId: row.id,
          mode: 'escrow',
          officerAccountId: officer.id,
          officerKeyJson: key,
          decidedBy: officer.id,
          decidedAt: this.nowIso(),
        });
        await auditElection(tx, row, officer, 'recovery.officer-key', { fingerprint });
      }
    });
  }

  /** The admin's explicit choice: lost credentials cannot be re-sent after opening. */
  async chooseNoRecovery(electionId: string, actor: Actor): Promise<RecoveryStatus> {
    const row = await this.election(electionId);
    await this.assertChoiceOpen(row);
    await this.store.transaction(async (tx) => {
      await tx.recovery.saveSettings({
        electionId,
        mode: 'none',
        officerAccountId: null,
        officerKeyJson: null,
        decidedBy: actor.id,
        decidedAt: this.nowIso(),
      });
      await auditElection(tx, row, actor, 'recovery.none', { reason: 'chosen' });
    });
    return this.status(electionId);
  }

  /**
   * Called before the server issues credentials to voters (the delivery route): an election whose
   * recovery officer was appointed (a credential-authority role) waits for the officer's key or the
   * admin's "no recovery". Without an officer the election simply has no escrow ('undecided').
   */
  async beforeIssuing(electionId: string): Promise<void> {
    const row = await this.election(electionId);
    if (row.state !== 'draft' || row.credentialMode !== 'server') return;
    if (await this.store.recovery.getSettings(electionId)) return;
    const roles = await this.store.elections.listRoles(electionId);
    if (roles.some((r) => r.role === 'credential-authority'))
      throw new DomainError('SCR_RECOVERY_CHOICE_NEEDED');
  }

  /**
   * Called by ElectionService before the public credentials are stored: seals every fresh credential
   * to the officer's key, when the election has one (here, outside any transaction: it is the slow
   * part), and answers the step that stores the escrows with their audit entry, which the election
   * service runs in the transaction that binds the credentials.
   */
  async escrowFresh(
    row: ElectionRow,
    actor: Actor,
    fresh: readonly FreshCredential[],
  ): Promise<(tx: Store) => Promise<void>> {
    const escrows = this.seal(row, await this.store.recovery.getSettings(row.id), fresh);
    return async (tx) => {
      if (escrows.length === 0) return;
      await tx.recovery.saveEscrows(row.id, escrows);
      await auditElection(tx, row, actor, 'recovery.escrow', { count: escrows.length });
    };
  }

  private seal(
    row: ElectionRow,
    settings: RecoverySettingsRow | undefined,
    fresh: readonly FreshCredential[],
  ): CredentialEscrowRow[] {
    if (settings?.mode !== 'escrow' || settings.officerKeyJson === null) return [];
    const group = requireGroup(row.groupName);
    const X = decodeText(officerPublicKeyCodec, settings.officerKeyJson, 'officer key').public_key;
    group.precompute(X);
    const now = this.nowIso();
    return fresh.map((f) => ({
      electionId: row.id,
      voterId: f.voterId,
      publicCredential: f.publicCredential,
      escrowJson: serializeEscrow(
        escrowCredential(group, X, { electionId: row.id, voterId: f.voterId }, f.credential),
      ),
      createdAt: now,
    }));
  }

  /**
   * Before opening: a new credential for `voterId` (the old one is never sealed), escrowed like the
   * others, queued to the voter's registered address; open requests of that voter are completed.
   */
  async replaceCredential(
    electionId: string,
    actor: Actor,
    voterId: string,
    delivery: Pick<CredentialMessage, 'notBefore' | 'replacesEarlier'> = {},
  ): Promise<{ voterId: string }> {
    const row = await this.election(electionId);
    if (row.state !== 'draft')
      throw new DomainError('SCR_WRONG_STATE', {
        state: row.state,
        allowed: ['draft'],
        problem: 'after opening, a credential is recovered (same credential), not replaced',
      });
    if (row.credentialMode !== 'server')
      throw new DomainError('SCR_RECOVERY_NOT_AVAILABLE', {
        problem:
          'the external credential authority replaces the credential and uploads the public credentials',
      });
    const voter = await this.voterOf(row, voterId);
    if (voter.publicCredential === null)
      throw new DomainError('SCR_RECOVERY_NOT_AVAILABLE', {
        problem: 'this voter has no credential yet: generate the credentials first',
      });
    const group = requireGroup(row.groupName);
    const credential = generatePrivateCredential();
    const fresh = {
      voterId,
      publicCredential: publicCredential(credential, row.id, group).toString(),
      credential,
    };
    const [escrow] = this.seal(row, await this.store.recovery.getSettings(electionId), [fresh]);
    // The swap, the message carrying the new credential, the completed requests and the audit entry
    // commit together.
    await this.store.transaction(async (tx) => {
      const swapped = await replaceVoterCredential(tx, {
        electionId,
        voterId,
        expected: voter.publicCredential!,
        replacement: fresh.publicCredential,
        escrow: escrow ?? null,
        electionVersion: row.version,
        at: this.nowIso(),
      });
      if (!swapped) throw new DomainError('SCR_CONFLICT');
      await this.queue(
        {
          electionId,
          voterId,
          credential,
          purpose: 'credential-replacement',
          idempotencyKey: `credential-replacement:${electionId}:${voterId}:${sha256Hex(fresh.publicCredential).slice(0, 32)}`,
          ...delivery,
        },
        tx,
      );
      const now = this.nowIso();
      for (const request of await this.openRequestsOf(tx, electionId, voterId)) {
        await tx.recovery.updateRequest(request.id, OPEN_REQUEST_STATES, {
          state: 'completed',
          decidedBy: actor.id,
          decidedAt: now,
          completedAt: now,
        });
      }
      await auditElection(tx, row, actor, 'credential.replace', { voterId, escrowed: escrow !== undefined });
    });
    return { voterId };
  }

  private async openRequestsOf(
    store: Store,
    electionId: string,
    voterId: string,
  ): Promise<RecoveryRequestRow[]> {
    return (await store.recovery.listRequests(electionId)).filter(
      (r) => r.voterId === voterId && (OPEN_REQUEST_STATES as readonly string[]).includes(r.state),
    );
  }

  /**
   * Self-service: a login and the registered address. The caller answers the same whatever happens
   * here (no enumeration of voters); a request is recorded only when both match and the server can
   * act on it (server mode, and after opening only with an escrow).
   */
  async requestBySelfService(electionId: string, login: string, email: string): Promise<void> {
    // An unknown id answers as a draft where nothing matched: a draft's existence stays private.
    const row = await this.store.elections.get(electionId);
    if (row === undefined) return;
    if (row.state !== 'draft' && row.state !== 'open') throw new DomainError('SCR_VOTING_CLOSED');
    const voter = await this.store.voters.findByLogin(electionId, login.trim());
    const matches =
      voter !== undefined && voter.publicCredential !== null && sameIdentity(voter.email, email);
    const anonymous = { id: 'voter' };
    if (!matches) {
      // Nothing about what was typed: it could be anything, even a secret typed in the wrong field.
      // An entry alone (no change to commit with): one write, atomic by itself.
      await auditElection(this.store, row, anonymous, 'recovery.request.unmatched');
      return;
    }
    if (!(await this.canAct(row))) return;
    if ((await this.openRequestsOf(this.store, electionId, voter.id)).length > 0) return;
    const request = this.newRequest(row, voter.id, 'voter', 'voter');
    await this.store.transaction(async (tx) => {
      await tx.recovery.createRequest(request);
      await auditElection(tx, row, anonymous, 'recovery.request', {
        requestId: request.id,
        voterId: voter.id,
        origin: 'voter',
      });
    });
  }

  /** Whether the pages offer "I lost my credential": voting is open and the election has escrow. */
  async offersSelfService(row: ElectionRow): Promise<boolean> {
    return row.state === 'open' && (await this.canAct(row));
  }

  private async canAct(row: ElectionRow): Promise<boolean> {
    if (row.credentialMode !== 'server') return false;
    if (row.state === 'draft') return true;
    return (await this.store.recovery.getSettings(row.id))?.mode === 'escrow';
  }

  private newRequest(
    row: ElectionRow,
    voterId: string,
    origin: RecoveryRequestRow['origin'],
    requestedBy: string,
  ): RecoveryRequestRow {
    return {
      id: randomId(),
      electionId: row.id,
      voterId,
      origin,
      state: 'pending',
      requestedBy,
      createdAt: this.nowIso(),
      decidedBy: null,
      decidedAt: null,
      completedAt: null,
    };
  }

  /** Whether, after opening, this election's server can send a voter's same credential again (escrow). */
  async canResendAfterOpening(electionId: string): Promise<boolean> {
    const row = await this.election(electionId);
    return (
      row.credentialMode === 'server' && (await this.store.recovery.getSettings(row.id))?.mode === 'escrow'
    );
  }

  /**
   * After opening, an admin corrected a voter's address (src/election/roll-changes.ts): the same
   * credential is to be sent again to the new address, through the officer like any request.
   */
  async requestForCorrectedAddress(electionId: string, actor: Actor, voterId: string): Promise<RequestView> {
    return this.requestByHelpDesk(electionId, actor, voterId, 'address-correction');
  }

  /** The help desk (an election admin) asks on a voter's behalf, after checking who is calling. */
  async requestByHelpDesk(
    electionId: string,
    actor: Actor,
    voterId: string,
    origin: 'help-desk' | 'address-correction' = 'help-desk',
  ): Promise<RequestView> {
    const row = await this.election(electionId);
    if (row.state !== 'open')
      throw new DomainError('SCR_WRONG_STATE', {
        state: row.state,
        allowed: ['open'],
        problem: 'before opening, replace the credential instead',
      });
    if (!(await this.canAct(row))) throw new DomainError('SCR_RECOVERY_NOT_AVAILABLE');
    const voter = await this.voterOf(row, voterId);
    const [existing] = await this.openRequestsOf(this.store, electionId, voterId);
    if (existing) return this.view(existing, voter);
    const request = this.newRequest(row, voterId, origin, actor.id);
    await this.store.transaction(async (tx) => {
      await tx.recovery.createRequest(request);
      await auditElection(tx, row, actor, 'recovery.request', { requestId: request.id, voterId, origin });
    });
    return this.view(request, voter);
  }

  private view(request: RecoveryRequestRow, voter: VoterRow): RequestView {
    return {
      id: request.id,
      voterId: request.voterId,
      login: voter.login,
      displayName: voter.displayName,
      origin: request.origin,
      state: request.state,
      createdAt: request.createdAt,
      decidedAt: request.decidedAt,
      completedAt: request.completedAt,
    };
  }

  async listRequests(electionId: string): Promise<RequestView[]> {
    await this.election(electionId);
    const voters = new Map((await this.store.voters.list(electionId)).map((v) => [v.id, v]));
    return (await this.store.recovery.listRequests(electionId)).flatMap((r) => {
      const voter = voters.get(r.voterId);
      return voter ? [this.view(r, voter)] : [];
    });
  }

  /** The officer approves or rejects a pending request, once; never one they made themselves. */
  async decide(
    electionId: string,
    officer: Actor,
    requestId: string,
    approve: boolean,
  ): Promise<RequestView> {
    const row = await this.election(electionId);
    if (row.state !== 'open')
      throw new DomainError('SCR_WRONG_STATE', { state: row.state, allowed: ['open'] });
    const request = (await this.store.recovery.listRequests(electionId)).find((r) => r.id === requestId);
    if (!request) throw new DomainError('SCR_NOT_FOUND', { problem: 'no such recovery request' });
    if (request.requestedBy === officer.id) throw new DomainError('SCR_RECOVERY_SEPARATION');
    const voter = await this.voterOf(row, request.voterId);
    const decided = await this.store.transaction(async (tx) => {
      const decided = await tx.recovery.updateRequest(requestId, ['pending'], {
        state: approve ? 'approved' : 'rejected',
        decidedBy: officer.id,
        decidedAt: this.nowIso(),
      });
      if (!decided) throw new DomainError('SCR_RECOVERY_ALREADY_DECIDED', { state: request.state });
      await auditElection(tx, row, officer, approve ? 'recovery.approve' : 'recovery.reject', {
        requestId,
        voterId: request.voterId,
      });
      // The voter is told of a refusal; an approval is told by the credential itself, once sent.
      if (!approve) await this.refusalNotice?.(electionId, voter, decided, tx);
      return decided;
    });
    return this.view(decided, voter);
  }

  /** The escrows of approved requests, for the officer to open offline: ciphertexts only. */
  async escrowBatch(electionId: string, officer: Actor): Promise<EscrowBatch> {
    const row = await this.election(electionId);
    if (row.state !== 'open')
      throw new DomainError('SCR_WRONG_STATE', { state: row.state, allowed: ['open'] });
    const approved = (await this.store.recovery.listRequests(electionId)).filter(
      (r) => r.state === 'approved',
    );
    const escrows = new Map(
      (await this.store.recovery.listEscrows(electionId, [...new Set(approved.map((r) => r.voterId))])).map(
        (e) => [e.voterId, e],
      ),
    );
    const items: EscrowBatch['items'] = [];
    for (const request of approved) {
      const voter = await this.voterOf(row, request.voterId);
      const escrow = escrows.get(request.voterId);
      // An escrow of a credential that is no longer the voter's would not help: left out.
      if (!escrow || escrow.publicCredential !== voter.publicCredential) continue;
      items.push({
        requestId: request.id,
        voterId: request.voterId,
        login: voter.login,
        publicCredential: BigInt(escrow.publicCredential),
        escrow: decodeText(credentialEscrowCodec, escrow.escrowJson, 'escrow'),
      });
    }
    // An empty download reveals nothing and changes nothing: not worth an entry. (A download changes
    // nothing either: the entry is alone, one atomic write.)
    if (items.length > 0)
      await auditElection(this.store, row, officer, 'recovery.batch', {
        count: items.length,
        requests: items.map((i) => i.requestId).join(' '),
      });
    return { kind: 'scrutin-recovery-batch', version: 1, electionId, group: row.groupName, items };
  }

  /**
   * The officer's decrypted file. Everything is checked before anything is sent (all or nothing):
   * each entry answers an approved request of this election and derives to its voter's public
   * credential. Then each credential is queued to its voter and forgotten. Entries of requests
   * already completed with the same credential are skipped, so a retried upload is harmless.
   */
  async completeRecovery(
    electionId: string,
    officer: Actor,
    fileText: string,
  ): Promise<{ sent: number; alreadySent: number }> {
    const row = await this.election(electionId);
    if (row.state !== 'open')
      throw new DomainError('SCR_WRONG_STATE', { state: row.state, allowed: ['open'] });
    let file: RecoveredCredentials;
    try {
      file = decodeText(recoveredCredentialsCodec, fileText.trim(), 'recovered credentials');
    } catch (error) {
      if (error instanceof DecodeError)
        throw new DomainError('SCR_RECOVERY_INVALID_FILE', { problem: error.message });
      throw error;
    }
    if (file.electionId !== electionId)
      throw new DomainError('SCR_RECOVERY_INVALID_FILE', { problem: 'the file is for another election' });
    const group = requireGroup(row.groupName);
    const requests = new Map((await this.store.recovery.listRequests(electionId)).map((r) => [r.id, r]));
    const checked: { request: RecoveryRequestRow; credential: PrivateCredential }[] = [];
    let alreadySent = 0;
    const seen = new Set<string>();
    for (const [i, entry] of file.credentials.entries()) {
      const where = { entry: i + 1, requestId: entry.requestId };
      const request = requests.get(entry.requestId);
      if (!request || request.voterId !== entry.voterId || seen.has(entry.requestId))
        throw new DomainError('SCR_RECOVERY_INVALID_FILE', {
          ...where,
          problem: 'no such request for this voter',
        });
      seen.add(entry.requestId);
      if (request.state !== 'approved' && request.state !== 'completed')
        throw new DomainError('SCR_RECOVERY_INVALID_FILE', {
          ...where,
          problem: `the request is ${request.state}`,
        });
      const parsed = parsePrivateCredential(entry.credential);
      if (!parsed.ok)
        throw new DomainError('SCR_RECOVERY_INVALID_FILE', { ...where, problem: 'not a credential' });
      const voter = await this.voterOf(row, request.voterId);
      if (publicCredential(parsed.credential, electionId, group).toString() !== voter.publicCredential)
        throw new DomainError('SCR_RECOVERY_MISMATCH', where);
      if (request.state === 'completed') alreadySent++;
      else checked.push({ request, credential: parsed.credential });
    }
    for (const { request, credential } of checked) {
      // Per request, the message, the completed request and the audit entry commit together.
      await this.store.transaction(async (tx) => {
        await this.queue(
          {
            electionId,
            voterId: request.voterId,
            credential,
            purpose: 'credential-recovery',
            idempotencyKey: `credential-recovery:${electionId}:${request.id}`,
            ...(request.origin === 'address-correction' ? { replacesEarlier: true } : {}),
          },
          tx,
        );
        const completed = await tx.recovery.updateRequest(request.id, ['approved'], {
          state: 'completed',
          completedAt: this.nowIso(),
        });
        // A concurrent upload of the same file completed it first (its message was queued once).
        if (!completed) return;
        await auditElection(tx, row, officer, 'recovery.complete', {
          requestId: request.id,
          voterId: request.voterId,
        });
      });
    }
    return { sent: checked.length, alreadySent };
  }
}

/**
 * What the route that generates server credentials for an admin calls first: the officer's key is
 * set, or "no recovery" was chosen explicitly. Service-level callers (the demo, test set-ups) may
 * generate without a choice: the election then simply has no escrow, shown as 'undecided'.
 */
export async function assertRecoveryDecided(store: Store, electionId: string): Promise<void> {
  const row = await store.elections.get(electionId);
  if (!row) throw new DomainError('SCR_NOT_FOUND');
  if (row.credentialMode !== 'server') return;
  if (!(await store.recovery.getSettings(electionId))) throw new DomainError('SCR_RECOVERY_CHOICE_NEEDED');
}
