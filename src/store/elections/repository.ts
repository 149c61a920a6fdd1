/** The elections and their roles (queries.ts), and the trustees of each election. */
import type { Connection } from '../connection.js';
import type { ElectionRoleRow, ElectionRow, TrusteeRow } from '../row-types.js';
import type { ElectionPatch } from '../rows.js';
import * as trustees from '../voters/queries.js';
import * as elections from './queries.js';

export interface ElectionsRepository {
  create(row: ElectionRow): Promise<void>;
  get(id: string): Promise<ElectionRow | undefined>;
  list(organisationId: string): Promise<ElectionRow[]>;
  /** Applies `patch` only if the stored version is `expectedVersion`; returns the new row or undefined on conflict. */
  update(id: string, expectedVersion: number, patch: ElectionPatch): Promise<ElectionRow | undefined>;
  addRole(row: ElectionRoleRow): Promise<void>;
  /** False when the account did not hold the role. */
  removeRole(row: ElectionRoleRow): Promise<boolean>;
  listRoles(electionId: string): Promise<ElectionRoleRow[]>;
  listRolesOfAccount(accountId: string): Promise<ElectionRoleRow[]>;
}

export interface TrusteesRepository {
  save(row: TrusteeRow): Promise<void>;
  list(electionId: string): Promise<TrusteeRow[]>;
  deleteAll(electionId: string): Promise<void>;
  /**
   * Compare-and-swap of one trustee row: with `expectedPublicJson` null, inserts `row` if its
   * position is free; otherwise writes its public JSON only if the stored one is still
   * `expectedPublicJson`. False when another writer (any process) got there first. (One statement,
   * so that the check and the write cannot be split by another process.)
   */
  swap(row: TrusteeRow, expectedPublicJson: string | null): Promise<boolean>;
}

export class KyselyElections implements ElectionsRepository {
  constructor(private readonly c: Connection) {}

  async create(row: ElectionRow): Promise<void> {
    await this.c.write((db) => elections.createElection(db, row));
  }
  get(id: string): Promise<ElectionRow | undefined> {
    return elections.getElection(this.c.db, id);
  }
  list(organisationId: string): Promise<ElectionRow[]> {
    return elections.listElections(this.c.db, organisationId);
  }
  /** `updatedAt` defaults to now when the patch does not set it. */
  update(id: string, expectedVersion: number, patch: ElectionPatch): Promise<ElectionRow | undefined> {
    const stamped = { ...patch, updatedAt: patch.updatedAt ?? new Date().toISOString() };
    return this.c.write((db) => elections.updateElection(db, id, expectedVersion, stamped));
  }
  async addRole(row: ElectionRoleRow): Promise<void> {
    await this.c.write((db) => elections.addElectionRole(db, row));
  }
  removeRole(row: ElectionRoleRow): Promise<boolean> {
    return this.c.write((db) => elections.removeElectionRole(db, row));
  }
  listRoles(electionId: string): Promise<ElectionRoleRow[]> {
    return elections.listRoles(this.c.db, 'election_id', electionId);
  }
  listRolesOfAccount(accountId: string): Promise<ElectionRoleRow[]> {
    return elections.listRoles(this.c.db, 'account_id', accountId);
  }
}

export class KyselyTrustees implements TrusteesRepository {
  constructor(private readonly c: Connection) {}

  async save(row: TrusteeRow): Promise<void> {
    await this.c.write((db) => trustees.saveTrustee(db, row));
  }
  list(electionId: string): Promise<TrusteeRow[]> {
    return trustees.listTrustees(this.c.db, electionId);
  }
  async deleteAll(electionId: string): Promise<void> {
    await this.c.write((db) => trustees.deleteTrustees(db, electionId));
  }
  swap(row: TrusteeRow, expectedPublicJson: string | null): Promise<boolean> {
    return this.c.write((db) => trustees.swapTrustee(db, row, expectedPublicJson));
  }
}
