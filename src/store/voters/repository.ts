/** The roll of each election (queries.ts): whole-roll replacement, per-voter changes, secrets. */
import type { Connection } from '../connection.js';
import type { VoterPatch, VoterRow } from '../row-types.js';
import * as voters from './queries.js';

export interface VoterSecrets {
  voterId: string;
  publicCredential?: string;
  passwordHash?: string;
}

export interface VotersRepository {
  /** Replaces the whole roll atomically (draft only; the caller checks the state). */
  replace(electionId: string, voters: VoterRow[]): Promise<void>;
  list(electionId: string): Promise<VoterRow[]>;
  get(id: string): Promise<VoterRow | undefined>;
  findByLogin(electionId: string, login: string): Promise<VoterRow | undefined>;
  /** Sets public credentials (and password hashes) of several voters atomically; throws (changing nothing) if one is not on the roll. */
  setSecrets(electionId: string, updates: readonly VoterSecrets[]): Promise<void>;
  /** Per-voter changes of the roll (src/election/roll-changes.ts): one voter added, changed or removed. */
  add(voter: VoterRow): Promise<void>;
  update(electionId: string, voterId: string, patch: VoterPatch): Promise<boolean>;
  remove(electionId: string, voterId: string): Promise<boolean>;
  /**
   * Compare-and-swap of one voter's public credential: set to `replacement` only if it still is
   * `expected`; false otherwise. (One statement, so no other writer can slip between check and write.)
   */
  swapCredential(
    electionId: string,
    voterId: string,
    expected: string,
    replacement: string,
  ): Promise<boolean>;
}

export class KyselyVoters implements VotersRepository {
  constructor(private readonly c: Connection) {}

  async replace(electionId: string, rows: VoterRow[]): Promise<void> {
    for (const voter of rows) {
      if (voter.electionId !== electionId) {
        throw new Error(
          `replaceVoters: voter ${voter.id} has electionId ${voter.electionId}, not ${electionId}`,
        );
      }
    }
    await this.c.atomically((trx) => voters.replaceVoters(trx, electionId, rows));
  }
  list(electionId: string): Promise<VoterRow[]> {
    return voters.listVoters(this.c.db, electionId);
  }
  get(id: string): Promise<VoterRow | undefined> {
    return voters.getVoter(this.c.db, id);
  }
  findByLogin(electionId: string, login: string): Promise<VoterRow | undefined> {
    return voters.findVoterByLogin(this.c.db, electionId, login);
  }
  async setSecrets(electionId: string, updates: readonly VoterSecrets[]): Promise<void> {
    if (updates.length === 0) return;
    await this.c.atomically((trx) => voters.setVoterSecrets(trx, electionId, updates));
  }
  async add(voter: VoterRow): Promise<void> {
    await this.c.atomically((trx) => voters.addVoter(trx, voter));
  }
  update(electionId: string, voterId: string, patch: VoterPatch): Promise<boolean> {
    return this.c.write((db) => voters.updateVoter(db, electionId, voterId, patch));
  }
  remove(electionId: string, voterId: string): Promise<boolean> {
    return this.c.write((db) => voters.removeVoter(db, electionId, voterId));
  }
  swapCredential(
    electionId: string,
    voterId: string,
    expected: string,
    replacement: string,
  ): Promise<boolean> {
    return this.c.write((db) => voters.swapCredential(db, electionId, voterId, expected, replacement));
  }
}
