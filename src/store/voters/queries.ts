/**
 * Queries of the voters and trustees tables, dialect-neutral. `KyselyStore` calls them, writes
 * inside its write queue (multi-statement ones in its transactions); they take the database handle.
 */
import type { Kysely, Transaction } from 'kysely';
import { identityKey } from '../../core/identity.js';
import { chunks } from '../chunks.js';
import type { TrusteeRow, VoterPatch, VoterRow } from '../row-types.js';
import * as rows from '../rows.js';
import type { Database } from '../schema.js';

type Db = Kysely<Database> | Transaction<Database>;

// Voters

/** The caller checked every voter belongs to `electionId`. */
export async function replaceVoters(
  trx: Transaction<Database>,
  electionId: string,
  voters: readonly VoterRow[],
): Promise<void> {
  const values = voters.map((voter, position) => rows.toVoter(voter, electionId, position));
  await trx.deleteFrom('voters').where('election_id', '=', electionId).execute();
  for (const chunk of chunks(values)) await trx.insertInto('voters').values(chunk).execute();
}

export async function listVoters(db: Db, electionId: string): Promise<VoterRow[]> {
  const found = await db
    .selectFrom('voters')
    .selectAll()
    .where('election_id', '=', electionId)
    .orderBy('position')
    .execute();
  return found.map(rows.fromVoter);
}

export async function getVoter(db: Db, id: string): Promise<VoterRow | undefined> {
  const row = await db.selectFrom('voters').selectAll().where('id', '=', id).executeTakeFirst();
  return row && rows.fromVoter(row);
}

/** By the login as compared (`identityKey`): `ALICE` finds `alice`. */
export async function findVoterByLogin(
  db: Db,
  electionId: string,
  login: string,
): Promise<VoterRow | undefined> {
  const row = await db
    .selectFrom('voters')
    .selectAll()
    .where('election_id', '=', electionId)
    .where('login_key', '=', identityKey(login))
    .executeTakeFirst();
  return row && rows.fromVoter(row);
}

/** One voter more, placed after the last one (a per-voter change of the roll, src/election/roll-changes.ts). */
export async function addVoter(trx: Transaction<Database>, voter: VoterRow): Promise<void> {
  const last = await trx
    .selectFrom('voters')
    .select((eb) => eb.fn.max('position').as('last'))
    .where('election_id', '=', voter.electionId)
    .executeTakeFirst();
  const position = last?.last === null || last?.last === undefined ? 0 : Number(last.last) + 1;
  await trx
    .insertInto('voters')
    .values(rows.toVoter(voter, voter.electionId, position))
    .execute();
}

/**
 * One voter's address, weight, public credential or password hash (`null` removes the last two).
 * False when the voter is not on this election's roll.
 */
export async function updateVoter(
  db: Db,
  electionId: string,
  voterId: string,
  patch: VoterPatch,
): Promise<boolean> {
  const set = {
    ...(patch.email === undefined ? {} : { email: patch.email }),
    ...(patch.phone === undefined ? {} : { phone: patch.phone }),
    ...(patch.weight === undefined ? {} : { weight: patch.weight }),
    ...(patch.publicCredential === undefined ? {} : { public_credential: patch.publicCredential }),
    ...(patch.passwordHash === undefined ? {} : { password_hash: patch.passwordHash }),
  };
  if (Object.keys(set).length === 0) return true;
  const result = await db
    .updateTable('voters')
    .set(set)
    .where('id', '=', voterId)
    .where('election_id', '=', electionId)
    .executeTakeFirst();
  return result.numUpdatedRows > 0n;
}

/** Removes one voter (their sessions, messages, codes and escrow go with them); false when absent. */
export async function removeVoter(db: Db, electionId: string, voterId: string): Promise<boolean> {
  const result = await db
    .deleteFrom('voters')
    .where('id', '=', voterId)
    .where('election_id', '=', electionId)
    .executeTakeFirst();
  return result.numDeletedRows > 0n;
}

/** Throws (and, in the caller's transaction, changes nothing) if a voter is not on this election's roll. */
export async function setVoterSecrets(
  trx: Transaction<Database>,
  electionId: string,
  updates: readonly { voterId: string; publicCredential?: string; passwordHash?: string }[],
): Promise<void> {
  for (const { voterId, publicCredential, passwordHash } of updates) {
    const set = {
      ...(publicCredential === undefined ? {} : { public_credential: publicCredential }),
      ...(passwordHash === undefined ? {} : { password_hash: passwordHash }),
    };
    if (Object.keys(set).length === 0) continue;
    const result = await trx
      .updateTable('voters')
      .set(set)
      .where('id', '=', voterId)
      .where('election_id', '=', electionId)
      .executeTakeFirst();
    if (result.numUpdatedRows === 0n)
      throw new Error(`setVoterSecrets: no voter ${voterId} in election ${electionId}`);
  }
}

/** Sets one voter's public credential only if it still is `expected`; false when it is not (or no such voter). */
export async function swapCredential(
  db: Db,
  electionId: string,
  voterId: string,
  expected: string,
  replacement: string,
): Promise<boolean> {
  const updated = await db
    .updateTable('voters')
    .set({ public_credential: replacement })
    .where('id', '=', voterId)
    .where('election_id', '=', electionId)
    .where('public_credential', '=', expected)
    .executeTakeFirst();
  return updated.numUpdatedRows > 0n;
}

// Trustees

/** Inserts, or replaces the trustee at the same position. */
export async function saveTrustee(db: Db, row: TrusteeRow): Promise<void> {
  const values = rows.toTrustee(row);
  const { election_id, position, ...rest } = values;
  await db
    .insertInto('trustees')
    .values(values)
    .onConflict((oc) => oc.columns(['election_id', 'position']).doUpdateSet(rest))
    .execute();
}

export async function listTrustees(db: Db, electionId: string): Promise<TrusteeRow[]> {
  const found = await db
    .selectFrom('trustees')
    .selectAll()
    .where('election_id', '=', electionId)
    .orderBy('position')
    .execute();
  return found.map(rows.fromTrustee);
}

export async function deleteTrustees(db: Db, electionId: string): Promise<void> {
  await db.deleteFrom('trustees').where('election_id', '=', electionId).execute();
}

/** Compare-and-set of a trustee's public key: inserts when `expectedPublicJson` is null. One statement. */
export async function swapTrustee(
  db: Db,
  row: TrusteeRow,
  expectedPublicJson: string | null,
): Promise<boolean> {
  const values = rows.toTrustee(row);
  if (expectedPublicJson === null) {
    const inserted = await db
      .insertInto('trustees')
      .values(values)
      .onConflict((oc) => oc.columns(['election_id', 'position']).doNothing())
      .executeTakeFirst();
    return Number(inserted.numInsertedOrUpdatedRows ?? 0n) === 1;
  }
  const updated = await db
    .updateTable('trustees')
    .set({ public_json: values.public_json })
    .where('election_id', '=', row.electionId)
    .where('position', '=', row.position)
    .where('public_json', '=', expectedPublicJson)
    .executeTakeFirst();
  return Number(updated.numUpdatedRows) === 1;
}
