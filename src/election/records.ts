/**
 * What every part of the election service shares: reading an election, and changing it with
 * optimistic concurrency (its version) through the store of the transaction that records it.
 */
import type { Clock } from '../core/clock.js';
import { DomainError } from '../errors/catalogue.js';
import type { ElectionRow, ElectionState, Store } from '../store/store.js';
import { wrongState } from './refusals.js';

export class ElectionRecords {
  constructor(
    readonly store: Store,
    readonly clock: Clock,
  ) {}

  /** The same records read and written through `tx` (a `store.transaction` view). */
  within(tx: Store): ElectionRecords {
    return new ElectionRecords(tx, this.clock);
  }

  nowIso(): string {
    return this.clock.now().toISOString();
  }

  async get(electionId: string): Promise<ElectionRow> {
    const row = await this.store.elections.get(electionId);
    if (!row) throw new DomainError('SCR_NOT_FOUND');
    return row;
  }

  /**
   * Writes through `tx`, the store of a `store.transaction`: a change and its audit entry commit
   * together (a crash between them would leave no trace). Refused outside `allowed` states, and when
   * someone changed the election since `row` was read.
   */
  async update(
    tx: Store,
    row: ElectionRow,
    allowed: readonly ElectionState[],
    patch: Parameters<Store['elections']['update']>[2],
  ): Promise<ElectionRow> {
    if (!allowed.includes(row.state)) throw wrongState(row, allowed);
    const updated = await tx.elections.update(row.id, row.version, {
      ...patch,
      updatedAt: this.nowIso(),
    });
    if (!updated) throw new DomainError('SCR_CONFLICT');
    return updated;
  }
}
