/**
 * Queries of the elections and election_roles tables, dialect-neutral. `KyselyStore` calls them,
 * writes inside its write queue; they take the database handle.
 */

import type { Kysely, Transaction } from 'kysely';
import { accountId } from '../../core/ids.js';
import type { ElectionRoleRow, ElectionRow } from '../row-types.js';
import * as rows from '../rows.js';
import type { Database } from '../schema.js';

type Db = Kysely<Database> | Transaction<Database>;

export async function createElection(db: Db, row: ElectionRow): Promise<void> {
  await db.insertInto('elections').values(rows.toElection(row)).execute();
}

export async function getElection(db: Db, id: string): Promise<ElectionRow | undefined> {
  const row = await db.selectFrom('elections').selectAll().where('id', '=', id).executeTakeFirst();
  return row && rows.fromElection(row);
}

export async function listElections(db: Db, organisationId: string): Promise<ElectionRow[]> {
  const found = await db
    .selectFrom('elections')
    .selectAll()
    .where('organisation_id', '=', organisationId)
    .orderBy('created_at')
    .orderBy('id')
    .execute();
  return found.map(rows.fromElection);
}

/** Compare-and-set on `version`; `updatedAt` is the caller's (the store defaults it to now). */
export async function updateElection(
  db: Db,
  id: string,
  expectedVersion: number,
  patch: rows.ElectionPatch & { updatedAt: string },
): Promise<ElectionRow | undefined> {
  const columns = { ...rows.toElectionUpdate(patch), updated_at: patch.updatedAt };
  const row = await db
    .updateTable('elections')
    .set((eb) => ({ ...columns, version: eb('version', '+', 1) }))
    .where('id', '=', id)
    .where('version', '=', expectedVersion)
    .returningAll()
    .executeTakeFirst();
  return row && rows.fromElection(row);
}

/** Idempotent, like addMembership. */
export async function addElectionRole(db: Db, row: ElectionRoleRow): Promise<void> {
  const values = { election_id: row.electionId, account_id: row.accountId, role: row.role };
  await db
    .insertInto('election_roles')
    .values(values)
    .onConflict((oc) => oc.columns(['election_id', 'account_id', 'role']).doNothing())
    .execute();
}

/** Whether the role was there (and is now gone). */
export async function removeElectionRole(db: Db, row: ElectionRoleRow): Promise<boolean> {
  const removed = await db
    .deleteFrom('election_roles')
    .where('election_id', '=', row.electionId)
    .where('account_id', '=', row.accountId)
    .where('role', '=', row.role)
    .executeTakeFirst();
  return Number(removed.numDeletedRows) > 0;
}

export async function listRoles(
  db: Db,
  column: 'election_id' | 'account_id',
  value: string,
): Promise<ElectionRoleRow[]> {
  const found = await db
    .selectFrom('election_roles')
    .selectAll()
    .where(column, '=', value)
    .orderBy('election_id')
    .orderBy('account_id')
    .orderBy('role')
    .execute();
  return found.map((r) => ({
    electionId: r.election_id,
    accountId: accountId(r.account_id),
    role: r.role as ElectionRoleRow['role'],
  }));
}
