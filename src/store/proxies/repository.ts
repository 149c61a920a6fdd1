/**
 * The proxies tables (migration 0010_proxies) and their queries: each election's cap of mandates per
 * holder, and the proxies voters gave (issue 17). State changes are conditional on the state read,
 * so a concurrent change makes them answer false instead of overwriting it.
 */
import type { Connection } from '../connection.js';
import type { ProxiesTable } from './tables.js';

export type ProxyState = 'requested' | 'accepted' | 'declined' | 'revoked' | 'lapsed';

export interface ProxyRow {
  id: string;
  electionId: string;
  giverId: string;
  holderId: string;
  state: ProxyState;
  createdAt: string;
  decidedAt: string | null;
  revokedBy: 'giver' | 'holder' | null;
  revokedAt: string | null;
}

export interface ProxiesRepository {
  /** The cap of mandates per holder, when the election set one. */
  getMaxPerHolder(electionId: string): Promise<number | undefined>;
  setMaxPerHolder(electionId: string, maxPerHolder: number, at: string): Promise<void>;
  list(electionId: string): Promise<ProxyRow[]>;
  get(proxyId: string): Promise<ProxyRow | undefined>;
  insert(row: ProxyRow): Promise<void>;
  /** Moves a proxy from one of `from` to its new state; false when it is no longer in one of them. */
  update(
    proxyId: string,
    from: readonly ProxyState[],
    change: Partial<Pick<ProxyRow, 'state' | 'decidedAt' | 'revokedBy' | 'revokedAt'>>,
  ): Promise<boolean>;
}

const fromTable = (r: ProxiesTable): ProxyRow => ({
  id: r.id,
  electionId: r.election_id,
  giverId: r.giver_id,
  holderId: r.holder_id,
  state: r.state as ProxyState,
  createdAt: r.created_at,
  decidedAt: r.decided_at,
  revokedBy: r.revoked_by as ProxyRow['revokedBy'],
  revokedAt: r.revoked_at,
});

export class KyselyProxies implements ProxiesRepository {
  constructor(private readonly c: Connection) {}

  async getMaxPerHolder(electionId: string): Promise<number | undefined> {
    const row = await this.c.db
      .selectFrom('proxy_settings')
      .select('max_per_holder')
      .where('election_id', '=', electionId)
      .executeTakeFirst();
    return row?.max_per_holder;
  }

  async setMaxPerHolder(electionId: string, maxPerHolder: number, at: string): Promise<void> {
    await this.c.write((db) =>
      db
        .insertInto('proxy_settings')
        .values({ election_id: electionId, max_per_holder: maxPerHolder, updated_at: at })
        .onConflict((oc) =>
          oc.column('election_id').doUpdateSet({ max_per_holder: maxPerHolder, updated_at: at }),
        )
        .execute(),
    );
  }

  async list(electionId: string): Promise<ProxyRow[]> {
    const rows = await this.c.db
      .selectFrom('proxies')
      .selectAll()
      .where('election_id', '=', electionId)
      .orderBy('created_at')
      .orderBy('id')
      .execute();
    return rows.map(fromTable);
  }

  async get(proxyId: string): Promise<ProxyRow | undefined> {
    const row = await this.c.db
      .selectFrom('proxies')
      .selectAll()
      .where('id', '=', proxyId)
      .executeTakeFirst();
    return row && fromTable(row);
  }

  async insert(row: ProxyRow): Promise<void> {
    await this.c.write((db) =>
      db
        .insertInto('proxies')
        .values({
          id: row.id,
          election_id: row.electionId,
          giver_id: row.giverId,
          holder_id: row.holderId,
          state: row.state,
          created_at: row.createdAt,
          decided_at: row.decidedAt,
          revoked_by: row.revokedBy,
          revoked_at: row.revokedAt,
        })
        .execute(),
    );
  }

  async update(
    proxyId: string,
    from: readonly ProxyState[],
    change: Partial<Pick<ProxyRow, 'state' | 'decidedAt' | 'revokedBy' | 'revokedAt'>>,
  ): Promise<boolean> {
    const set = {
      ...(change.state === undefined ? {} : { state: change.state }),
      ...(change.decidedAt === undefined ? {} : { decided_at: change.decidedAt }),
      ...(change.revokedBy === undefined ? {} : { revoked_by: change.revokedBy }),
      ...(change.revokedAt === undefined ? {} : { revoked_at: change.revokedAt }),
    };
    const result = await this.c.write((db) =>
      db
        .updateTable('proxies')
        .set(set)
        .where('id', '=', proxyId)
        .where('state', 'in', [...from])
        .executeTakeFirst(),
    );
    return Number(result.numUpdatedRows) === 1;
  }
}
