/**
 * Queries of the organisations, accounts, memberships and sessions tables, dialect-neutral.
 * `KyselyStore` calls them, writes inside its write queue; they take the database handle.
 */

import type { Kysely, Transaction } from 'kysely';
import { identityKey } from '../../core/identity.js';
import { accountId } from '../../core/ids.js';
import type { AccountRow, MembershipRow, NewAccountRow, OrganisationRow, SessionRow } from '../row-types.js';
import * as rows from '../rows.js';
import type { Database } from '../schema.js';

type Db = Kysely<Database> | Transaction<Database>;

// Organisations and accounts

export async function createOrganisation(db: Db, row: OrganisationRow): Promise<void> {
  await db.insertInto('organisations').values(rows.toOrganisation(row)).execute();
}

export async function getOrganisation(db: Db, id: string): Promise<OrganisationRow | undefined> {
  const row = await db.selectFrom('organisations').selectAll().where('id', '=', id).executeTakeFirst();
  return row && rows.fromOrganisation(row);
}

export async function listOrganisations(db: Db): Promise<OrganisationRow[]> {
  const found = await db
    .selectFrom('organisations')
    .selectAll()
    .orderBy('created_at')
    .orderBy('id')
    .execute();
  return found.map(rows.fromOrganisation);
}

export async function createAccount(db: Db, row: NewAccountRow): Promise<void> {
  await db.insertInto('accounts').values(rows.toAccount(row)).execute();
}

export async function getAccount(db: Db, id: string): Promise<AccountRow | undefined> {
  const row = await db.selectFrom('accounts').selectAll().where('id', '=', id).executeTakeFirst();
  return row && rows.fromAccount(row);
}

/** By the email as compared (`identityKey`): `Alice@X.org` finds `alice@x.org`. */
export async function findAccountByEmail(db: Db, email: string): Promise<AccountRow | undefined> {
  const row = await db
    .selectFrom('accounts')
    .selectAll()
    .where('email_key', '=', identityKey(email))
    .executeTakeFirst();
  return row && rows.fromAccount(row);
}

/** Idempotent: granting a membership twice is not an error. */
export async function addMembership(db: Db, row: MembershipRow): Promise<void> {
  const values = { organisation_id: row.organisationId, account_id: row.accountId, role: row.role };
  await db
    .insertInto('memberships')
    .values(values)
    .onConflict((oc) => oc.columns(['organisation_id', 'account_id', 'role']).doNothing())
    .execute();
}

export async function listOrganisationMembers(db: Db, organisationId: string): Promise<MembershipRow[]> {
  const found = await db
    .selectFrom('memberships')
    .selectAll()
    .where('organisation_id', '=', organisationId)
    .orderBy('account_id')
    .orderBy('role')
    .execute();
  return found.map(fromMembership);
}

export async function listMemberships(db: Db, accountId: string): Promise<MembershipRow[]> {
  const found = await db
    .selectFrom('memberships')
    .selectAll()
    .where('account_id', '=', accountId)
    .orderBy('organisation_id')
    .orderBy('role')
    .execute();
  return found.map(fromMembership);
}

const fromMembership = (r: { organisation_id: string; account_id: string; role: string }): MembershipRow => ({
  organisationId: r.organisation_id,
  accountId: accountId(r.account_id),
  role: r.role as MembershipRow['role'],
});

// Sessions

export async function createSession(db: Db, row: SessionRow): Promise<void> {
  await db.insertInto('sessions').values(rows.toSession(row)).execute();
}

export async function findSession(db: Db, tokenHash: string): Promise<SessionRow | undefined> {
  const row = await db
    .selectFrom('sessions')
    .selectAll()
    .where('token_hash', '=', tokenHash)
    .executeTakeFirst();
  return row && rows.fromSession(row);
}

export async function deleteSession(db: Db, tokenHash: string): Promise<void> {
  await db.deleteFrom('sessions').where('token_hash', '=', tokenHash).execute();
}
