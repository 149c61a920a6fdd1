/**
 * The roll changes only in the open once credentials exist (issue 15). After the first credential
 * of an election is issued, an import may no longer replace the roll (ElectionService.importVoters
 * refuses); a voter's address is corrected, a voter added or removed, a weight changed one voter at
 * a time here, and each change:
 *   - is written with an audit entry naming the login and what changed (addresses masked), which
 *     the election's scrutineers read, and which `rollChangesAfterCredentials` counts for the
 *     scrutineer console, the public page and the procès-verbal;
 *   - for an address, first tells the old address (a notice, at the highest priority) and lets
 *     anything for the new address leave only `NOTICE_LEAD_SECONDS` later, saying it replaces the
 *     earlier message.
 * Before opening, a corrected address gets a new credential (the old public credential is replaced,
 * never sealed) and an added voter gets one; a removed voter's public credential goes with them.
 * After opening the public credentials are sealed in the Setup event: only an address (or a phone
 * number, below) can be corrected, and the same credential then goes to the new address through
 * credential recovery (the officer approves, src/recovery/service.ts); an election without recovery
 * refuses, and says so.
 * A phone number (where passwords and codes go by SMS) is corrected before and after opening; the
 * credential never goes by SMS, so it stays; when secrets go by SMS a voter who had a password gets
 * a new one at the corrected number (the old one stops working: someone at a wrong number holds
 * nothing usable). The number is never part of an error, a log line or the audit log (masked).
 */
import type { Clock } from '../core/clock.js';
import { generatePrivateCredential, publicCredential } from '../core/credential.js';
import { requireGroup } from '../core/group.js';
import { sameIdentity } from '../core/identity.js';
import {
  type DeliveryContext,
  deliverySettings,
  queueGeneratedCredentials,
  queueingIn,
  queuePasswordMessages,
  queueRollChangeNotice,
} from '../delivery/index.js';
import type { AuditDetails, AuditDetailsArg } from '../errors/audit-actions.js';
import { DomainError } from '../errors/catalogue.js';
import type { ElectionRow, Store, VoterRow } from '../store/store.js';
import { type Actor, auditElection, randomId } from './actor.js';
import { wrongState } from './refusals.js';
import { credentialsIssued, maskAddress, maskPhone, type RollChangeAction } from './roll-state.js';
import type { FreshCredential } from './service.js';
import { e164, isRollAddress, rollEntry, rollWeightProblem } from './voter-roll.js';

const NOT_AN_ADDRESS = 'not a valid email address';

/** Anything for a corrected address leaves at least this long after the notice to the old one. */
export const NOTICE_LEAD_SECONDS = 60;

export interface NewVoter {
  readonly email: string;
  readonly login?: string;
  readonly weight?: string;
  readonly displayName?: string;
  readonly language?: string;
  /** E.164 mobile number, for the SMS channel. */
  readonly phone?: string;
}

export interface RollChangeOutcome {
  readonly voterId: string;
  readonly login: string;
  /** What happened to the voter's credential. */
  readonly credential: 'replaced' | 'issued' | 'removed' | 'recovery-requested' | 'unchanged' | 'none';
  /** Whether the old address was sent a notice. */
  readonly noticeToOldAddress: boolean;
}

/** What this needs of the election lifecycle (ElectionService). */
export interface RollElections {
  get(electionId: string): Promise<ElectionRow>;
  markRollChanged(tx: Store, row: ElectionRow): Promise<void>;
}

/**
 * What this needs of credential recovery (RecoveryService, src/recovery/service.ts). Recovery sits
 * above election in the layer order, so the need is declared here and recovery fulfils it.
 */
export interface RollRecovery {
  canResendAfterOpening(electionId: string): Promise<boolean>;
  replaceCredential(
    electionId: string,
    actor: Actor,
    voterId: string,
    delivery?: { readonly notBefore?: Date; readonly replacesEarlier?: boolean },
  ): Promise<unknown>;
  requestForCorrectedAddress(electionId: string, actor: Actor, voterId: string): Promise<unknown>;
  escrowFresh(
    row: ElectionRow,
    actor: Actor,
    fresh: readonly FreshCredential[],
  ): Promise<(tx: Store) => Promise<void>>;
}

export class RollChanges {
  constructor(
    private readonly store: Store,
    private readonly clock: Clock,
    private readonly elections: RollElections,
    private readonly recovery: RollRecovery,
    private readonly delivery: DeliveryContext,
  ) {}

  private async voterOf(row: ElectionRow, voterId: string): Promise<VoterRow> {
    const voter = await this.store.voters.get(voterId);
    if (!voter || voter.electionId !== row.id)
      throw new DomainError('SCR_NOT_FOUND', { problem: 'no such voter in this election' });
    return voter;
  }

  /** Whether this change will mail a voter (the HTTP layer then checks mail is configured first). */
  async mailsVoters(electionId: string): Promise<boolean> {
    return credentialsIssued(this.store, await this.elections.get(electionId));
  }

  /**
   * The one place a roll change and its audit entry are written, in one transaction (Store.transaction):
   * `write` changes the store it is given (and may queue messages through it), the election's
   * version moves in draft (an opening that read the roll before fails), and the entry records it.
   * Messages queued there leave once the transaction has committed.
   */
  private async commit<A extends RollChangeAction>(
    row: ElectionRow,
    actor: Actor,
    action: A,
    details: AuditDetails<A>,
    write: (tx: Store) => Promise<void>,
  ): Promise<void> {
    await this.store.transaction(async (tx) => {
      await write(tx);
      if (row.state === 'draft') await this.elections.markRollChanged(tx, row);
      await auditElection(tx, row, actor, action, ...([details] as AuditDetailsArg<A>));
    });
    this.delivery.wake?.();
  }

  private leadTime(): Date {
    return new Date(this.clock.now().getTime() + NOTICE_LEAD_SECONDS * 1000);
  }

  async correctAddress(
    electionId: string,
    actor: Actor,
    voterId: string,
    email: string,
  ): Promise<RollChangeOutcome> {
    const row = await this.elections.get(electionId);
    if (row.state !== 'draft' && row.state !== 'open') throw wrongState(row, ['draft', 'open']);
    const voter = await this.voterOf(row, voterId);
    const address = email.trim();
    if (!isRollAddress(address)) throw new DomainError('SCR_ROLL_INVALID_VOTER', { problem: NOT_AN_ADDRESS });
    if (sameIdentity(address, voter.email))
      throw new DomainError('SCR_ROLL_INVALID_VOTER', { problem: 'this is already the registered address' });
    const issued = await credentialsIssued(this.store, row);
    if (row.state === 'open' && !(await this.recovery.canResendAfterOpening(electionId)))
      throw new DomainError('SCR_ROLL_NO_RECOVERY', {
        credentialMode: row.credentialMode,
        recovery: (await this.store.recovery.getSettings(electionId))?.mode ?? 'undecided',
      });
    const at = this.clock.now().toISOString();
    const from = maskAddress(voter.email);
    const to = maskAddress(address);
    const credential: RollChangeOutcome['credential'] =
      voter.publicCredential === null
        ? 'none'
        : row.state === 'open'
          ? 'recovery-requested'
          : row.credentialMode === 'server'
            ? 'replaced'
            : 'unchanged';
    await this.commit(
      row,
      actor,
      'voter.address',
      { login: voter.login, from, to, stage: row.state, afterCredentials: issued, credential },
      async (store) => {
        if (!(await store.voters.update(electionId, voterId, { email: address })))
          throw new DomainError('SCR_CONFLICT');
        // The old address hears of it first (`voter` is the row as it was), before anything is
        // queued for the new one, which leaves only NOTICE_LEAD_SECONDS later.
        if (issued)
          await queueRollChangeNotice(queueingIn(this.delivery, store), electionId, voter, {
            from,
            to,
            at,
          });
      },
    );
    const notBefore = this.leadTime();
    if (credential === 'replaced')
      await this.recovery.replaceCredential(electionId, actor, voterId, { notBefore, replacesEarlier: true });
    if (credential === 'recovery-requested')
      await this.recovery.requestForCorrectedAddress(electionId, actor, voterId);
    if (issued) await this.resendPassword(row, actor, voter, 'address-corrected', notBefore);
    return { voterId, login: voter.login, credential, noticeToOldAddress: issued };
  }

  /**
   * Corrects (or, with '', removes) the number passwords and codes go to by SMS. Refused, with
   * nothing changed and the number not repeated, when it is not E.164 or is the registered one.
   * Returns whether a new password was sent to the voter.
   */
  async correctPhone(
    electionId: string,
    actor: Actor,
    voterId: string,
    phone: string,
  ): Promise<RollChangeOutcome & { passwordSent: boolean }> {
    const row = await this.elections.get(electionId);
    if (row.state !== 'draft' && row.state !== 'open') throw wrongState(row, ['draft', 'open']);
    const voter = await this.voterOf(row, voterId);
    const typed = phone.trim();
    const number = typed === '' ? null : e164(typed);
    if (number === undefined)
      throw new DomainError('SCR_ROLL_INVALID_VOTER', {
        problem:
          'not a phone number in E.164 form: a plus, the country code, then the number without its leading 0',
      });
    if (number === (voter.phone ?? null))
      throw new DomainError('SCR_ROLL_INVALID_VOTER', {
        problem:
          number === null ? 'this voter has no number already' : 'this is already the registered number',
      });
    const issued = await credentialsIssued(this.store, row);
    const credential = voter.publicCredential === null ? 'none' : 'unchanged';
    await this.commit(
      row,
      actor,
      'voter.phone',
      {
        login: voter.login,
        from: maskPhone(voter.phone),
        to: maskPhone(number),
        stage: row.state,
        afterCredentials: issued,
        credential,
      },
      async (store) => {
        if (!(await store.voters.update(electionId, voterId, { phone: number })))
          throw new DomainError('SCR_CONFLICT');
      },
    );
    const settings = await deliverySettings(this.store, row.id);
    const passwordSent =
      issued &&
      settings.secretChannel === 'sms' &&
      (await this.resendPassword(row, actor, voter, 'phone-corrected'));
    return { voterId, login: voter.login, credential, noticeToOldAddress: false, passwordSent };
  }

  /**
   * In password mode, a voter whose address (or, by SMS, number) changed gets a new password there
   * (one named voter). Whether one was sent.
   */
  private async resendPassword(
    row: ElectionRow,
    actor: Actor,
    voter: VoterRow,
    reason: 'address-corrected' | 'phone-corrected',
    notBefore?: Date,
  ): Promise<boolean> {
    const settings = await deliverySettings(this.store, row.id);
    if (settings.loginMode !== 'password') return false;
    const hadPassword =
      voter.passwordHash !== null ||
      (await this.store.delivery.listMessages(row.id, voter.id)).some((m) => m.purpose === 'password');
    if (!hadPassword) return false;
    // The message commits with its entry.
    const queued = await this.store.transaction(async (tx) => {
      const queued = await queuePasswordMessages(queueingIn(this.delivery, tx), row.id, {
        voterIds: [voter.id],
        ...(notBefore === undefined ? {} : { notBefore }),
        replacesEarlier: true,
      });
      await tx.audit.append({
        organisationId: row.organisationId,
        electionId: row.id,
        actor: actor.id,
        action: 'delivery.password.voter',
        details: { login: voter.login, reason, count: queued },
      });
      return queued;
    });
    this.delivery.wake?.();
    return queued > 0;
  }

  async addVoter(electionId: string, actor: Actor, input: NewVoter): Promise<RollChangeOutcome> {
    const row = await this.elections.get(electionId);
    if (row.state !== 'draft') throw this.sealed(row);
    const entry = rollEntry(
      [
        input.email.trim(),
        input.login?.trim() ?? '',
        input.weight?.trim() ?? '',
        input.displayName?.trim() ?? '',
        input.language?.trim() ?? '',
        input.phone?.trim() ?? '',
      ],
      // None given: the election's default language, wherever it is read.
      '',
    );
    // What was typed is never echoed (it could be a secret typed in the wrong field).
    if (typeof entry === 'string')
      throw new DomainError('SCR_ROLL_INVALID_VOTER', { problem: entry.replace(/ ".*"$|, got ".*"$/s, '') });
    if (await this.store.voters.findByLogin(electionId, entry.login))
      throw new DomainError('SCR_ROLL_INVALID_VOTER', {
        problem: `the login "${entry.login}" is already on the roll`,
      });
    const issued = await credentialsIssued(this.store, row);
    const voter: VoterRow = {
      id: randomId(),
      electionId,
      email: entry.email,
      login: entry.login,
      displayName: entry.displayName,
      weight: entry.weight.toString(),
      language: entry.language,
      publicCredential: null,
      passwordHash: null,
      ...(entry.phone === undefined ? {} : { phone: entry.phone }),
    };
    const credential = issued && row.credentialMode === 'server' ? 'issued' : 'none';
    // Once credentials are issued (server authority), the added voter gets one in the same
    // transaction: sealed for the recovery officer (outside it), bound and queued with the change.
    const issue = credential === 'issued' ? await this.freshCredential(row, actor, voter) : undefined;
    await this.commit(
      row,
      actor,
      'voter.add',
      {
        login: voter.login,
        to: maskAddress(voter.email),
        weight: voter.weight,
        stage: row.state,
        afterCredentials: issued,
        credential,
      },
      async (tx) => {
        await tx.voters.add(voter);
        await issue?.(tx);
      },
    );
    return { voterId: voter.id, login: voter.login, credential, noticeToOldAddress: false };
  }

  /**
   * The server authority's credential for one added voter: sealed to the officer's key now (the
   * escrow is written in `tx`), its public part bound and its message queued in `tx`.
   */
  private async freshCredential(
    row: ElectionRow,
    actor: Actor,
    voter: VoterRow,
  ): Promise<(tx: Store) => Promise<void>> {
    const group = requireGroup(row.groupName);
    const credential = generatePrivateCredential();
    const fresh = {
      voterId: voter.id,
      publicCredential: publicCredential(credential, row.id, group).toString(),
      credential,
    };
    const storeEscrow = await this.recovery.escrowFresh(row, actor, [fresh]);
    return async (tx) => {
      await storeEscrow(tx);
      await queueGeneratedCredentials(queueingIn(this.delivery, tx), row.id, [fresh]);
    };
  }

  async removeVoter(electionId: string, actor: Actor, voterId: string): Promise<RollChangeOutcome> {
    const row = await this.elections.get(electionId);
    if (row.state !== 'draft') throw this.sealed(row);
    const voter = await this.voterOf(row, voterId);
    const issued = await credentialsIssued(this.store, row);
    const credential = voter.publicCredential === null ? 'none' : 'removed';
    await this.commit(
      row,
      actor,
      'voter.remove',
      {
        login: voter.login,
        from: maskAddress(voter.email),
        weight: voter.weight,
        stage: row.state,
        afterCredentials: issued,
        credential,
      },
      async (store) => {
        if (!(await store.voters.remove(electionId, voterId))) throw new DomainError('SCR_CONFLICT');
      },
    );
    return { voterId, login: voter.login, credential, noticeToOldAddress: false };
  }

  async changeWeight(
    electionId: string,
    actor: Actor,
    voterId: string,
    weight: string,
  ): Promise<RollChangeOutcome> {
    const row = await this.elections.get(electionId);
    if (row.state !== 'draft') throw this.sealed(row);
    const voter = await this.voterOf(row, voterId);
    if (rollWeightProblem(weight.trim()))
      throw new DomainError('SCR_ROLL_INVALID_VOTER', {
        problem: 'the weight must be a whole number between 1 and 10^15',
      });
    const next = BigInt(weight.trim()).toString();
    if (next === voter.weight)
      throw new DomainError('SCR_ROLL_INVALID_VOTER', { problem: 'this is already the weight' });
    const issued = await credentialsIssued(this.store, row);
    await this.commit(
      row,
      actor,
      'voter.weight',
      {
        login: voter.login,
        from: voter.weight,
        to: next,
        stage: row.state,
        afterCredentials: issued,
        credential: voter.publicCredential === null ? 'none' : 'unchanged',
      },
      async (store) => {
        if (!(await store.voters.update(electionId, voterId, { weight: next })))
          throw new DomainError('SCR_CONFLICT');
      },
    );
    return { voterId, login: voter.login, credential: 'unchanged', noticeToOldAddress: false };
  }

  private sealed(row: ElectionRow): DomainError {
    return row.state === 'open'
      ? new DomainError('SCR_ROLL_SEALED', { state: row.state })
      : wrongState(row, ['draft']);
  }
}
