/**
 * The audit log: append-only, hash-chained per organisation (../audit-chain.ts). `append` reads the
 * organisation's last entry and inserts the next; two processes racing for one sequence number
 * collide on (organisation, seq) and the loser retries on the new head, so the chain stays linear.
 * On PostgreSQL a transaction-scoped advisory lock per organisation also serialises appenders, so a
 * long `transaction` scope that appends does not keep losing that race.
 */
import { setTimeout as sleep } from 'node:timers/promises';
import { sql } from 'kysely';
import { canonicalJson, sealAuditEntry } from '../audit-chain.js';
import type { Connection } from '../connection.js';
import { UniqueViolation } from '../errors.js';
import type { AuditEntryInput, AuditRow } from '../row-types.js';
import * as rows from '../rows.js';

/** Losing the race for an audit sequence number means someone else progressed; this many losses is a bug. */
const AUDIT_ATTEMPTS = 100;

export interface AuditRepository {
  append(entry: AuditEntryInput): Promise<AuditRow>;
  list(filter: { organisationId: string; electionId?: string }): Promise<AuditRow[]>;
}

export class KyselyAudit implements AuditRepository {
  constructor(private readonly c: Connection) {}

  async append(entry: AuditEntryInput): Promise<AuditRow> {
    for (let attempt = 1; ; attempt++) {
      try {
        return await this.c.atomically(async (trx) => {
          if (this.c.dialect === 'postgres') {
            // Held until the enclosing transaction ends: a scope that appends and commits later keeps
            // the organisation's head until then, so a concurrent appender reads the new head rather
            // than forking the chain (read committed would show it the old one).
            await sql`select pg_advisory_xact_lock(hashtext(${`scrutin.audit/${entry.organisationId}`}))`.execute(
              trx,
            );
          }
          const previous = await trx
            .selectFrom('audit_log')
            .select(['seq', 'hash'])
            .where('organisation_id', '=', entry.organisationId)
            .orderBy('seq', 'desc')
            .limit(1)
            .executeTakeFirst();
          const row = sealAuditEntry(entry, previous, new Date().toISOString());
          await trx
            .insertInto('audit_log')
            .values(rows.toAudit(row, canonicalJson(row.details)))
            .execute();
          return row;
        });
      } catch (error) {
        const lostRace = error instanceof UniqueViolation && error.key === 'audit-seq';
        if (!lostRace || attempt >= AUDIT_ATTEMPTS) throw error;
        // Jitter so that the same two writers do not collide again in lockstep.
        await sleep(Math.random() * Math.min(attempt, 10) * 2);
      }
    }
  }

  async list(filter: { organisationId: string; electionId?: string }): Promise<AuditRow[]> {
    let query = this.c.db
      .selectFrom('audit_log')
      .selectAll()
      .where('organisation_id', '=', filter.organisationId);
    if (filter.electionId !== undefined) query = query.where('election_id', '=', filter.electionId);
    const found = await query.orderBy('seq').execute();
    return found.map(rows.fromAudit);
  }
}
