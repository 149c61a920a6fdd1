/**
 * How a person gets into their account, and how they stop getting in: the single-use links of
 * invitations and password resets (only the SHA-256 of each token is stored), a person setting or
 * changing their own password, and an admin suspending or removing a person. Each change that must
 * end a person's other ways in (sessions, live links) does so in the same transaction, so no crash
 * leaves a suspended person signed in or a used link still usable. Tables: account-tables.ts.
 */
import type { Transaction } from 'kysely';
import type { Connection } from '../connection.js';
import type { AccountRow, MembershipRow, NewAccountRow, OrganisationRow, SessionRow } from '../row-types.js';
import type { Database } from '../schema.js';
import * as accounts from './queries.js';
import type { AccountStatus, AccountTokenPurpose, AccountTokenRow, AccountTokensTable } from './tables.js';

export type { AccountTokenPurpose, AccountTokenRow } from './tables.js';

/** Thrown inside a transaction to roll it back when a condition no longer holds. */
class Rollback extends Error {}

export interface AccountsRepository {
  createOrganisation(row: OrganisationRow): Promise<void>;
  getOrganisation(id: string): Promise<OrganisationRow | undefined>;
  listOrganisations(): Promise<OrganisationRow[]>;
  createAccount(row: NewAccountRow): Promise<void>;
  getAccount(id: string): Promise<AccountRow | undefined>;
  findAccountByEmail(email: string): Promise<AccountRow | undefined>;
  addMembership(row: MembershipRow): Promise<void>;
  listMemberships(accountId: string): Promise<MembershipRow[]>;
  /** The organisation's memberships (its admins), for the admin pages. */
  listOrganisationMembers(organisationId: string): Promise<MembershipRow[]>;
  // Sessions (tokens are stored hashed)
  createSession(row: SessionRow): Promise<void>;
  findSession(tokenHash: string): Promise<SessionRow | undefined>;
  deleteSession(tokenHash: string): Promise<void>;
  /** Ends every session of the account (an admin's suspension, or the person leaving everywhere). */
  endSessions(accountId: string): Promise<void>;
  // Invitation and reset links (hashed), password changes, suspension, removal
  /** Stores a new link for the account, replacing any earlier one of the same purpose (one live link). */
  issueToken(row: AccountTokenRow): Promise<void>;
  /** The live link with this hash (not expired at `now`), without spending it. */
  findLiveToken(tokenHash: string, now: string): Promise<AccountTokenRow | undefined>;
  liveTokenExpiry(accountId: string, purpose: AccountTokenPurpose, now: string): Promise<string | undefined>;
  redeemToken(input: Parameters<KyselyAccounts['redeemToken']>[0]): ReturnType<KyselyAccounts['redeemToken']>;
  changePassword(input: Parameters<KyselyAccounts['changePassword']>[0]): Promise<boolean>;
  setStatus(accountId: string, status: AccountStatus, from: readonly AccountStatus[]): Promise<boolean>;
  removeFromOrganisation(organisationId: string, accountId: string): Promise<boolean>;
}

export class KyselyAccounts implements AccountsRepository {
  constructor(private readonly c: Connection) {}

  async createOrganisation(row: OrganisationRow): Promise<void> {
    await this.c.write((db) => accounts.createOrganisation(db, row));
  }
  getOrganisation(id: string): Promise<OrganisationRow | undefined> {
    return accounts.getOrganisation(this.c.db, id);
  }
  listOrganisations(): Promise<OrganisationRow[]> {
    return accounts.listOrganisations(this.c.db);
  }
  async createAccount(row: NewAccountRow): Promise<void> {
    await this.c.write((db) => accounts.createAccount(db, row));
  }
  getAccount(id: string): Promise<AccountRow | undefined> {
    return accounts.getAccount(this.c.db, id);
  }
  findAccountByEmail(email: string): Promise<AccountRow | undefined> {
    return accounts.findAccountByEmail(this.c.db, email);
  }
  async addMembership(row: MembershipRow): Promise<void> {
    await this.c.write((db) => accounts.addMembership(db, row));
  }
  listOrganisationMembers(organisationId: string): Promise<MembershipRow[]> {
    return accounts.listOrganisationMembers(this.c.db, organisationId);
  }
  listMemberships(accountId: string): Promise<MembershipRow[]> {
    return accounts.listMemberships(this.c.db, accountId);
  }
  async createSession(row: SessionRow): Promise<void> {
    await this.c.write((db) => accounts.createSession(db, row));
  }
  findSession(tokenHash: string): Promise<SessionRow | undefined> {
    return accounts.findSession(this.c.db, tokenHash);
  }
  async deleteSession(tokenHash: string): Promise<void> {
    await this.c.write((db) => accounts.deleteSession(db, tokenHash));
  }

  /** Stores a new link for the account, replacing any earlier one of the same purpose (one live link). */
  async issueToken(row: AccountTokenRow): Promise<void> {
    await this.c.atomically(async (trx) => {
      await trx
        .deleteFrom('account_tokens')
        .where('account_id', '=', row.accountId)
        .where('purpose', '=', row.purpose)
        .execute();
      await trx
        .insertInto('account_tokens')
        .values({
          token_hash: row.tokenHash,
          account_id: row.accountId,
          purpose: row.purpose,
          created_at: row.createdAt,
          expires_at: row.expiresAt,
        })
        .execute();
    });
  }

  /** The live link with this hash (not expired at `now`), without spending it. */
  async findLiveToken(tokenHash: string, now: string): Promise<AccountTokenRow | undefined> {
    const row = await this.c.db
      .selectFrom('account_tokens')
      .selectAll()
      .where('token_hash', '=', tokenHash)
      .where('expires_at', '>', now)
      .executeTakeFirst();
    return row && fromToken(row);
  }

  /** When the account's live link of this purpose expires (none: undefined). */
  async liveTokenExpiry(accountId: string, purpose: AccountTokenPurpose, now: string) {
    const row = await this.c.db
      .selectFrom('account_tokens')
      .select('expires_at')
      .where('account_id', '=', accountId)
      .where('purpose', '=', purpose)
      .where('expires_at', '>', now)
      .executeTakeFirst();
    return row?.expires_at;
  }

  /**
   * Spends a live link and sets its account's password, in one transaction: the link (and every
   * other link of the account) is deleted, an invited account becomes active, and every session of
   * the account ends. Undefined, with nothing changed, when the link is unknown, spent or expired,
   * or the account is suspended or removed.
   */
  async redeemToken(input: {
    tokenHash: string;
    now: string;
    passwordHash: string;
  }): Promise<{ accountId: string; purpose: AccountTokenPurpose } | undefined> {
    try {
      return await this.c.atomically(async (trx) => {
        const token = await trx
          .deleteFrom('account_tokens')
          .where('token_hash', '=', input.tokenHash)
          .where('expires_at', '>', input.now)
          .returning(['account_id', 'purpose'])
          .executeTakeFirst();
        if (token === undefined) throw new Rollback();
        const updated = await trx
          .updateTable('accounts')
          .set({ password_hash: input.passwordHash, password_set_at: input.now, status: 'active' })
          .where('id', '=', token.account_id)
          .where('status', 'in', ['invited', 'active'])
          .executeTakeFirst();
        if (Number(updated.numUpdatedRows) !== 1) throw new Rollback();
        await endAccess(trx, token.account_id);
        return { accountId: token.account_id, purpose: token.purpose as AccountTokenPurpose };
      });
    } catch (error) {
      if (error instanceof Rollback) return undefined;
      throw error;
    }
  }

  /**
   * A signed-in person's new password: stored, every live link of the account voided, and every
   * session of the account but `keepSession` (the one that asked) ended. False if the account is
   * no longer active (nothing changed).
   */
  async changePassword(input: {
    accountId: string;
    passwordHash: string;
    now: string;
    keepSession: string;
  }): Promise<boolean> {
    try {
      return await this.c.atomically(async (trx) => {
        const updated = await trx
          .updateTable('accounts')
          .set({ password_hash: input.passwordHash, password_set_at: input.now })
          .where('id', '=', input.accountId)
          .where('status', '=', 'active')
          .executeTakeFirst();
        if (Number(updated.numUpdatedRows) !== 1) throw new Rollback();
        await endAccess(trx, input.accountId, input.keepSession);
        return true;
      });
    } catch (error) {
      if (error instanceof Rollback) return false;
      throw error;
    }
  }

  /**
   * Moves an account to `status` only from one of `from`; suspending or removing it ends its
   * sessions and voids its links in the same transaction. False when its status was not in `from`.
   */
  async setStatus(
    accountId: string,
    status: AccountStatus,
    from: readonly AccountStatus[],
  ): Promise<boolean> {
    return this.c.atomically(async (trx) => {
      const updated = await trx
        .updateTable('accounts')
        .set({ status })
        .where('id', '=', accountId)
        .where('status', 'in', [...from])
        .executeTakeFirst();
      if (Number(updated.numUpdatedRows) !== 1) return false;
      if (status === 'suspended' || status === 'removed') await endAccess(trx, accountId);
      return true;
    });
  }

  /**
   * Takes a person out of an organisation: their memberships and their roles on its elections go,
   * in one transaction; if they belong to no organisation any more, the account is marked removed,
   * its sessions end and its links are voided. Answers whether the account was marked removed.
   */
  async removeFromOrganisation(organisationId: string, accountId: string): Promise<boolean> {
    return this.c.atomically(async (trx) => {
      await trx
        .deleteFrom('memberships')
        .where('organisation_id', '=', organisationId)
        .where('account_id', '=', accountId)
        .execute();
      await trx
        .deleteFrom('election_roles')
        .where('account_id', '=', accountId)
        .where('election_id', 'in', (q) =>
          q.selectFrom('elections').select('id').where('organisation_id', '=', organisationId),
        )
        .execute();
      const left = await trx
        .selectFrom('memberships')
        .select('organisation_id')
        .where('account_id', '=', accountId)
        .executeTakeFirst();
      if (left !== undefined) return false;
      await trx.updateTable('accounts').set({ status: 'removed' }).where('id', '=', accountId).execute();
      await endAccess(trx, accountId);
      return true;
    });
  }

  /** Ends every session of the account (an admin's suspension, or the person leaving everywhere). */
  async endSessions(accountId: string): Promise<void> {
    await this.c.write((db) => db.deleteFrom('sessions').where('account_id', '=', accountId).execute());
  }
}

/** Ends the account's sessions (but `keepSession`) and voids every live link it has. */
async function endAccess(trx: Transaction<Database>, accountId: string, keepSession?: string): Promise<void> {
  let sessions = trx.deleteFrom('sessions').where('account_id', '=', accountId);
  if (keepSession !== undefined) sessions = sessions.where('token_hash', '!=', keepSession);
  await sessions.execute();
  await trx.deleteFrom('account_tokens').where('account_id', '=', accountId).execute();
}

function fromToken(r: AccountTokensTable): AccountTokenRow {
  return {
    tokenHash: r.token_hash,
    accountId: r.account_id,
    purpose: r.purpose as AccountTokenPurpose,
    createdAt: r.created_at,
    expiresAt: r.expires_at,
  };
}
