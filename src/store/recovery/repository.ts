/** Credential recovery (tables in schema.ts, queries in queries.ts): escrows are ciphertexts only. */
import type { Connection } from '../connection.js';
import * as recovery from './queries.js';
import type {
  CredentialEscrowRow,
  RecoveryRequestPatch,
  RecoveryRequestRow,
  RecoveryRequestState,
  RecoverySettingsRow,
} from './schema.js';

export interface RecoveryRepository {
  getSettings(electionId: string): Promise<RecoverySettingsRow | undefined>;
  saveSettings(row: RecoverySettingsRow): Promise<void>;
  /** Replaces these voters' escrows atomically. */
  saveEscrows(electionId: string, escrows: readonly CredentialEscrowRow[]): Promise<void>;
  /** Replaces one voter's escrow by `escrow`, or removes it (null), atomically. */
  replaceEscrow(electionId: string, voterId: string, escrow: CredentialEscrowRow | null): Promise<void>;
  listEscrows(electionId: string, voterIds?: readonly string[]): Promise<CredentialEscrowRow[]>;
  createRequest(row: RecoveryRequestRow): Promise<void>;
  listRequests(electionId: string): Promise<RecoveryRequestRow[]>;
  /** Moves a request on only from one of `from` (a decision is taken once: one conditional UPDATE). */
  updateRequest(
    id: string,
    from: readonly RecoveryRequestState[],
    patch: RecoveryRequestPatch,
  ): Promise<RecoveryRequestRow | undefined>;
}

export class KyselyRecovery implements RecoveryRepository {
  constructor(private readonly c: Connection) {}

  getSettings(electionId: string): Promise<RecoverySettingsRow | undefined> {
    return recovery.getSettings(this.c.db, electionId);
  }
  saveSettings(row: RecoverySettingsRow): Promise<void> {
    return this.c.write((db) => recovery.saveSettings(db, row));
  }
  saveEscrows(electionId: string, escrows: readonly CredentialEscrowRow[]): Promise<void> {
    return this.c.atomically((trx) => recovery.saveEscrows(trx, electionId, escrows));
  }
  replaceEscrow(electionId: string, voterId: string, escrow: CredentialEscrowRow | null): Promise<void> {
    return this.c.atomically((trx) => recovery.replaceEscrow(trx, electionId, voterId, escrow));
  }
  listEscrows(electionId: string, voterIds?: readonly string[]): Promise<CredentialEscrowRow[]> {
    return recovery.listEscrows(this.c.db, electionId, voterIds);
  }
  createRequest(row: RecoveryRequestRow): Promise<void> {
    return this.c.write((db) => recovery.createRequest(db, row));
  }
  listRequests(electionId: string): Promise<RecoveryRequestRow[]> {
    return recovery.listRequests(this.c.db, electionId);
  }
  updateRequest(
    id: string,
    from: readonly RecoveryRequestState[],
    patch: RecoveryRequestPatch,
  ): Promise<RecoveryRequestRow | undefined> {
    return this.c.write((db) => recovery.updateRequest(db, id, from, patch));
  }
}
